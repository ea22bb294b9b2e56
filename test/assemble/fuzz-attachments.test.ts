// Damaged copies of real attachments (cut at many offsets, bytes flipped) either render into a valid packet or are
// refused with a RenderError naming the file: never another error (exit 1), never a hang, never pdf-lib's console
// output, never a packet qpdf finds broken.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RenderError } from '../../src/diagnostics/errors.js';
import { generatePacket } from '../../src/generate-packet.js';
import { buildCase, ROOT, TODAY } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';
import { prng, scanJpeg, scanPng } from '../hostile/make-attachments.js';

const dir = makeTempDir('fuzz');
const samples: [string, Uint8Array][] = [
  ['pathology-report-3-pages.pdf', readFileSync(path.join(ROOT, 'samples', 'attachments', 'pathology-report-3-pages.pdf'))],
  ['clinic-note-rotated.pdf', readFileSync(path.join(ROOT, 'samples', 'attachments', 'clinic-note-rotated.pdf'))],
  ['repairable.pdf', readFileSync(path.join(ROOT, 'test', 'fixtures', 'attachments', 'repairable.pdf'))],
  ['scan.png', scanPng(120, 90, 6)],
  ['scan.jpg', scanJpeg(120, 90)],
];

/**
 * Cut at evenly spread offsets, and copies with a few seeded bytes changed. In a JPEG only the headers are changed:
 * its compressed picture data is copied into the packet undecoded (a full decode costs seconds per scan), so garbled
 * picture data stays garbled picture, which qpdf --check reports.
 */
function variants(bytes: Uint8Array, seed: number, jpeg: boolean): [string, Uint8Array][] {
  const span = jpeg ? jpegHeaderLength(bytes) : bytes.length;
  const out: [string, Uint8Array][] = [];
  for (let k = 1; k <= 9; k++) {
    const at = Math.floor((bytes.length * k) / 10);
    out.push([`cut at ${at}`, Uint8Array.prototype.slice.call(bytes, 0, at)]);
  }
  const rand = prng(seed);
  for (let k = 0; k < 9; k++) {
    const copy = Uint8Array.prototype.slice.call(bytes); // a copy (Buffer#slice is a view)
    for (let f = 0; f < 1 + k; f++) copy[Math.floor(rand() * span)] = Math.floor(rand() * 256);
    out.push([`${1 + k} bytes changed`, copy]);
  }
  return out;
}

/** Bytes before a JPEG's first scan data. */
function jpegHeaderLength(b: Uint8Array): number {
  let i = 2;
  while (b[i + 1] !== 0xda) i += 2 + ((b[i + 2]! << 8) | b[i + 3]!);
  return i + 2 + ((b[i + 2]! << 8) | b[i + 3]!);
}

let consoleCalls: unknown[][] = [];
beforeEach(() => {
  consoleCalls = [];
  for (const m of ['log', 'warn', 'error', 'info'] as const) vi.spyOn(console, m).mockImplementation((...args) => void consoleCalls.push(args));
});
afterEach(() => vi.restoreAllMocks());

describe('damaged attachments', () => {
  it.each(samples.map(([name, bytes], i) => [name, bytes, i] as const))('%s, cut and changed: a valid packet or exit 5', async (name, bytes, seed) => {
    const file = `fuzz-${name}`;
    let [rendered, refused] = [0, 0];
    for (const [how, variant] of variants(bytes, seed + 1, name.endsWith('.jpg'))) {
      writeFileSync(path.join(dir, file), variant);
      const raw = buildCase((c) => {
        c.payer = 'generic-commercial';
        c.attachments = [{ file, kind: 'other', title: 'Fuzzed' }];
      });
      const started = performance.now();
      const outcome: Awaited<ReturnType<typeof generatePacket>> | Error = await generatePacket(raw, { date: TODAY, baseDir: dir }).catch((err: Error) => err);
      expect(performance.now() - started, `${name} ${how}: time`).toBeLessThan(10_000);
      if (outcome instanceof Error) {
        expect(outcome, `${name} ${how}: ${outcome.stack}`).toBeInstanceOf(RenderError);
        expect((outcome as RenderError).diagnostics[0]!.message).toContain(file);
        refused++;
        continue;
      }
      const out = path.join(dir, 'packet.pdf');
      writeFileSync(out, outcome.bytes);
      const check = spawnSync('qpdf', ['--check', out], { encoding: 'utf8' });
      expect(check.status, `${name} ${how}: qpdf --check\n${check.stdout}${check.stderr}`).toBe(0);
      rendered++;
    }
    // Both outcomes occur for documents (the variants are neither all harmless nor all fatal); a changed byte in a
    // PNG's compressed data is always fatal.
    if (name.endsWith('.pdf')) expect(rendered, `${name}: rendered`).toBeGreaterThan(0);
    expect(refused, `${name}: refused`).toBeGreaterThan(0);
    expect(consoleCalls, `${name}: console output`).toEqual([]);
  });
});
