// What an earlier render to the same name left: parts with another count and the unsplit packet are removed when
// they are PDFs; anything else (a user's file, a link, a protected input) is kept and reported.
import { readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { partName, removeStaleOutputs } from '../../src/write/write-parts.js';

describe('removeStaleOutputs', () => {
  it('after a split into 3: removes other counts and the unsplit packet, keeps non-PDFs, links, inputs and other names', () => {
    const dir = makeTempDir('stale-parts');
    const files: Record<string, string> = {
      'out.pdf': '%PDF-1.7 unsplit',
      'out-part1-of-3.pdf': '%PDF-1.7 new',
      'out-part1-of-2.pdf': '%PDF-1.7 old',
      'out-part2-of-2.pdf': '%PDF-1.7 old',
      'out-part1-of-4.pdf': 'my notes',
      'out-part2-of-4.pdf': '%PDF-1.7 an attachment',
      'outer-part1-of-2.pdf': '%PDF-1.7 another packet',
      'out.pdf-part1-of-2.pdf': '%PDF-1.7 another name',
    };
    for (const [n, c] of Object.entries(files)) writeFileSync(path.join(dir, n), c);
    symlinkSync('out-part1-of-2.pdf', path.join(dir, 'out-part3-of-4.pdf'));
    const target = path.join(dir, 'out.pdf');
    const result = removeStaleOutputs(target, 3, { protect: [{ path: path.join(dir, 'out-part2-of-4.pdf'), label: 'attachment 1' }] });
    expect(result.removed.map((f) => path.basename(f))).toEqual(['out-part1-of-2.pdf', 'out-part2-of-2.pdf', 'out.pdf']);
    expect(result.kept.map((f) => path.basename(f))).toEqual(['out-part1-of-4.pdf', 'out-part2-of-4.pdf', 'out-part3-of-4.pdf']);
    expect(readdirSync(dir).sort()).toEqual(['out-part1-of-3.pdf', 'out-part1-of-4.pdf', 'out-part2-of-4.pdf', 'out-part3-of-4.pdf', 'out.pdf-part1-of-2.pdf', 'outer-part1-of-2.pdf']);
  });

  it('after an unsplit render: removes every part, keeps the packet; a name without .pdf works too', () => {
    const dir = makeTempDir('stale-unsplit');
    for (const n of ['packet', 'packet-part1-of-2.pdf', 'packet-part2-of-2.pdf']) writeFileSync(path.join(dir, n), '%PDF-1.7');
    expect(removeStaleOutputs(path.join(dir, 'packet'), 0).removed.map((f) => path.basename(f))).toEqual(['packet-part1-of-2.pdf', 'packet-part2-of-2.pdf']);
    expect(readdirSync(dir)).toEqual(['packet']);
  });

  it('partName numbers the parts next to the target', () => {
    expect(partName('out/packet.pdf', 1, 3)).toBe('out/packet-part1-of-3.pdf');
    expect(partName('out/packet.PDF', 2, 3)).toBe('out/packet-part2-of-3.pdf');
    expect(partName('packet', 1, 2)).toBe('packet-part1-of-2.pdf');
  });
});
