// Table columns sized by CSS 2.1 auto table layout: each column its minimum (widest word), the rest shared in
// proportion to how much more each could use (widest cell unwrapped − minimum).
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../../src/compose/doc-tree.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { TextItem } from '../../src/layout/boxes.js';
import { measureWords } from '../../src/layout/break-lines.js';
import { layoutDocument } from '../../src/layout/layout-document.js';
import { columnWidths } from '../../src/layout/layout-table.js';
import { LETTER, TYPE } from '../../src/layout/typography.js';
import { mono } from '../support/fake-measurer.js';

const cell = (text: string): Inline[] => [{ text }];
const whole = (text: string): Inline[] => [{ text, noBreak: true }];
/** mono at table size: every character 4.5 pt; cells are padded 3.5 pt on each side. */
const CH = TYPE.table.size / 2;
const PAD = 7;
const widths = (rows: Inline[][][], width: number, diagnostics: Diagnostic[] = []) =>
  columnWidths(rows.map((r) => r.map((c) => measureWords(c, TYPE.table.size, mono))), rows[0]!.length, width, diagnostics);

describe('table column widths (CSS 2.1 §17.5.2.2 auto layout)', () => {
  it('gives every column its widest cell when all fit, and shares the spare width in proportion', () => {
    const w = widths([[cell('ab'), cell('abcdef')]], 200);
    expect(w[0]! + w[1]!).toBeCloseTo(200, 6);
    expect(w[1]! / w[0]!).toBeCloseTo((6 * CH + PAD) / (2 * CH + PAD), 6);
  });

  it('otherwise gives each column its widest word, then shares the rest by (widest cell − widest word)', () => {
    // Column 0: words of 4 characters, 40 characters unwrapped; column 1: one 10-character word.
    const long = Array.from({ length: 8 }, () => 'abcd').join(' ');
    const w = widths([[cell(long), cell('abcdefghij')]], 150);
    const min0 = 4 * CH + PAD;
    const max0 = long.length * CH + PAD;
    const min1 = 10 * CH + PAD;
    expect(w[1]).toBeCloseTo(min1, 6); // nothing more to use: max − min = 0
    expect(w[0]).toBeCloseTo(150 - min1, 6);
    expect(w[0]! > min0 && w[0]! < max0).toBe(true);
  });

  it('does not squeeze a long outcome while a short column has room to spare', () => {
    const rows = [
      [cell('Therapy'), cell('Dates'), cell('Outcome'), cell('Reason stopped')],
      [cell('Radiotherapy 60 Gy'), whole('06/01/2026 – 07/10/2026'), cell('Completed as planned without treatment breaks; grade 1 fatigue only. No progression on the MRI of August.'), cell('Completed')],
      [cell('Temozolomide'), whole('08/10/2026 – ongoing'), cell('Cycle 1 started; pre-cycle blood counts normal; tolerating with ondansetron.'), cell('Ongoing')],
    ];
    const w = widths(rows, 504);
    // The date range is one unbreakable word: its column holds it whole, so dates never wrap.
    expect(w[1]).toBeGreaterThanOrEqual('06/01/2026 – 07/10/2026'.length * CH + PAD - 1e-6);
    // "Reason stopped" does not keep its whole header at the outcome's expense: it gets its longest word and a
    // share by what more it could use, which is far less than what the outcome could use.
    const reasonMin = 'stopped'.length * CH + PAD;
    const outcomeMin = 'ondansetron.'.length * CH + PAD;
    expect(w[3]).toBeLessThan('Reason stopped'.length * CH + PAD);
    expect(w[2]! - outcomeMin).toBeGreaterThan(5 * (w[3]! - reasonMin));
    expect(w[2]).toBeGreaterThan(w[0]!);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(504, 6);
  });

  it('lays the history row out with its date range on one line', () => {
    const table: Block = {
      kind: 'table',
      header: [[cell('#'), cell('Therapy'), cell('Dates'), cell('Outcome')]],
      rows: [[cell('1'), cell('Dexamethasone 4 mg twice daily, tapered'), whole('04/27/2026 – 05/22/2026'), cell('Headache and edema improved; tapered off after surgery without recurrence of symptoms.')]],
      size: 'normal',
    };
    const { pages } = layoutDocument({ blocks: [table] }, mono, LETTER);
    const texts = pages[0]!.items.filter((i): i is TextItem => i.kind === 'text');
    expect(texts.map((t) => t.text)).toContain('04/27/2026 – 05/22/2026');
  });

  it('keeps the issue-8 behaviour when even the longest words do not fit: short columns keep whole words', () => {
    const diagnostics: Diagnostic[] = [];
    const w = widths([[cell('Qty'), cell('x'.repeat(200))]], 300, diagnostics);
    expect(diagnostics.map((d) => d.code)).toEqual(['layout/table-too-wide']);
    expect(w[0]).toBeCloseTo(3 * CH + PAD, 6);
    expect(w[0]! + w[1]!).toBeCloseTo(300, 6);
  });
});
