// Every text field of the case at its maximum length, in wide letters: nothing runs off the page or overlaps on a
// line, and what the page furniture shortens is reported with the field's path.
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { generatePacket } from '../../src/generate-packet.js';
import { LETTER } from '../../src/layout/typography.js';
import { ROOT, TODAY } from '../support/build-case.js';
import { maxLengthCase, WW } from '../hostile/make-text.js';

interface Box {
  page: number;
  s: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

async function textBoxes(bytes: Uint8Array): Promise<Box[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const out: Box[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [a, b, , d, x, y] = item.transform as number[];
      if (Math.abs(b!) > 1e-6) continue; // the diagonal DRAFT mark
      out.push({ page: i, s: item.str, x: x!, y: y!, w: item.width, size: Math.abs(d ?? a!) });
    }
  }
  await doc.destroy();
  return out;
}

describe('every text field at its maximum length', () => {
  it.each([
    ['medicare-dme', 'initial'],
    ['example-health-plan', 'continuation'],
  ] as const)('stays inside the page and never overlaps on a line (%s, %s)', async (payer, kind) => {
    const result = await generatePacket(maxLengthCase(payer, kind), { baseDir: path.join(ROOT, 'test', 'fixtures', 'attachments'), date: TODAY, force: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error' && !d.code.startsWith('preflight/'))).toEqual([]);
    const boxes = await textBoxes(result.bytes);
    expect(boxes.length).toBeGreaterThan(1000);
    const left = LETTER.marginLeft - 0.5;
    const right = LETTER.width - LETTER.marginRight + 0.5;
    const outside = boxes.filter((b) => b.x < left || b.x + b.w > right || b.y < 18 || b.y > LETTER.height - 18);
    expect(outside.map((b) => `page ${b.page}: "${b.s.slice(0, 20)}" at ${b.x.toFixed(1)}–${(b.x + b.w).toFixed(1)}, y ${b.y.toFixed(1)}`)).toEqual([]);
    const overlaps: string[] = [];
    const byLine = new Map<string, Box[]>();
    for (const b of boxes) {
      const key = `${b.page}:${Math.round(b.y)}`;
      byLine.set(key, [...(byLine.get(key) ?? []), b]);
    }
    for (const line of byLine.values()) {
      line.sort((p, q) => p.x - q.x);
      for (let k = 1; k < line.length; k++) {
        const [p, q] = [line[k - 1]!, line[k]!];
        if (q.x < p.x + p.w - 0.5) overlaps.push(`page ${p.page}: "${p.s.slice(0, 20)}" (${p.x.toFixed(1)}–${(p.x + p.w).toFixed(1)}) and "${q.s.slice(0, 20)}" (${q.x.toFixed(1)})`);
      }
    }
    expect(overlaps).toEqual([]);
    // Nothing authpack lays out is drawn below the furniture's floor (the payer's own form page is scaled as a whole).
    if (payer !== 'example-health-plan') expect(boxes.filter((b) => b.size < 6.9).map((b) => `${b.s.slice(0, 20)} ${b.size}`)).toEqual([]);
    // What the header and footer shortened is reported once, naming the field.
    const shortened = result.diagnostics.filter((d) => d.code === 'layout/shortened');
    expect(shortened.map((d) => d.path)).toEqual(expect.arrayContaining([['patient'], ['coverage', 'payerName'], ['attachments', 0, 'title'], ['attachments', 1, 'title']]));
    expect(new Set(shortened.map((d) => d.message)).size).toBe(shortened.length);
    // The Bates ids are whole on every page: the footer and the index show all 32 letters of the case ID.
    expect(boxes.filter((b) => b.s === `${WW(32)}-0001`)).not.toHaveLength(0);
  });
});
