// What layout does with text too big for its place: tables squeeze fairly, key/value rows flow across pages, and
// the page furniture shrinks to its floor, then shortens with "…" and a warning naming the field.
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../../src/compose/doc-tree.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { DrawItem, TextItem } from '../../src/layout/boxes.js';
import { layoutDocument } from '../../src/layout/layout-document.js';
import { fitText, FURNITURE_FLOOR, stampItems, type PageIdentity } from '../../src/layout/page-furniture.js';
import { LETTER } from '../../src/layout/typography.js';
import { mono } from '../support/fake-measurer.js';

const cell = (text: string): Inline[] => [{ text }];
const texts = (items: readonly DrawItem[]) => items.filter((i): i is TextItem => i.kind === 'text');
const right = LETTER.width - LETTER.marginRight;
const end = (t: TextItem) => t.x + mono.width(t.text, t.face, t.size);

describe('tables too wide for the page', () => {
  it('keeps short columns whole and breaks only the huge word', () => {
    const table: Block = { kind: 'table', header: [[cell('#'), cell('Category'), cell('Outcome')]], rows: [[cell('1'), cell('Chemotherapy'), cell('X'.repeat(400))]], size: 'normal' };
    const { pages, diagnostics } = layoutDocument({ blocks: [table] }, mono, LETTER);
    const items = texts(pages[0]!.items);
    expect(items.map((t) => t.text)).toEqual(expect.arrayContaining(['#', 'Category', 'Outcome', '1', 'Chemotherapy']));
    for (const t of items) expect(end(t)).toBeLessThanOrEqual(right + 0.01);
    expect(diagnostics.map((d) => d.code)).toEqual(['layout/table-too-wide']);
  });

  it('never narrows a column below a field it holds (a Bates range is filled in later and never broken)', () => {
    const field: Inline = { text: '', noBreak: true, field: 'bates:letter', fieldSample: `${'W'.repeat(32)}-0000–0000` };
    const table: Block = { kind: 'table', header: [[cell('Part'), cell('Bates ids')]], rows: [[cell('Y'.repeat(300)), [field]]], size: 'normal' };
    const { pages } = layoutDocument({ blocks: [table] }, mono, LETTER);
    const f = texts(pages[0]!.items).find((t) => t.field)!;
    expect(f.x + f.fieldWidth!).toBeLessThanOrEqual(right + 0.01);
    for (const t of texts(pages[0]!.items)) expect(t.x + (t.fieldWidth ?? mono.width(t.text, t.face, t.size))).toBeLessThanOrEqual(right + 0.01);
  });
});

describe('key/value rows', () => {
  it('flow on to the next page when a value is taller than a page, with nothing cut off', () => {
    const fields: Block = { kind: 'fields', columns: 1, rows: [{ label: cell('Imaging'), value: cell('word '.repeat(6000)) }] };
    const { pages, diagnostics } = layoutDocument({ blocks: [fields] }, mono, LETTER);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(pages.length).toBeGreaterThan(1);
    const words = pages.flatMap((p) => texts(p.items)).reduce((n, t) => n + (t.text.match(/word/g)?.length ?? 0), 0);
    expect(words).toBe(6000);
  });
});

describe('page furniture', () => {
  const id = (over: Partial<PageIdentity>): PageIdentity => ({ patientName: 'Ada Lovelace', dateOfBirth: '12/10/1815', memberId: 'W1', payerName: 'Aetna', caseId: 'PA-1', confidentiality: 'CONFIDENTIAL', ...over });
  const stamp = { number: 3, total: 12, bates: 'PA-1-0003', part: 'Letter of medical necessity' };

  it('shrinks a value to the floor before it shortens it', () => {
    expect(fitText('abcd', 'regular', 10, 7, 40, mono)).toEqual({ text: 'abcd', size: 10, width: 20, shortened: false });
    expect(fitText('abcdefgh', 'regular', 10, 7, 30, mono)).toMatchObject({ text: 'abcdefgh', shortened: false, size: 7.5 });
    expect(fitText('abcdefghijkl', 'regular', 10, 7, 30, mono)).toMatchObject({ text: 'abcdefg…', size: 7, shortened: true });
  });

  it('shortens a long name and payer name once per packet, naming the fields, and keeps identifiers whole', () => {
    const diagnostics: Diagnostic[] = [];
    const long = id({ patientName: 'N'.repeat(250), payerName: 'P'.repeat(120), payerNamePath: ['coverage', 'payerName'], caseId: 'C'.repeat(32), memberId: 'M'.repeat(40) });
    const items = texts([...stampItems(long, stamp, LETTER, mono, diagnostics), ...stampItems(long, { ...stamp, number: 4 }, LETTER, mono, diagnostics)]);
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([['layout/shortened', ['patient']], ['layout/shortened', ['coverage', 'payerName']]]);
    expect(diagnostics.map((d) => d.message).join(' ')).not.toContain('NNN');
    expect(items.find((t) => t.text === `Case ${'C'.repeat(32)}`)).toBeDefined();
    expect(items.some((t) => t.text.includes('M'.repeat(40)))).toBe(true);
    for (const t of items) {
      expect(t.x).toBeGreaterThanOrEqual(LETTER.marginLeft - 0.01);
      expect(end(t)).toBeLessThanOrEqual(right + 0.01);
      expect(t.size).toBeGreaterThanOrEqual(FURNITURE_FLOOR);
    }
  });

  it('names an attachment title shortened in the footer by its path', () => {
    const diagnostics: Diagnostic[] = [];
    stampItems(id({}), { ...stamp, part: `Enclosure 2: ${'T'.repeat(200)}`, partPath: ['attachments', 0, 'title'] }, LETTER, mono, diagnostics);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'layout/shortened', severity: 'warning', path: ['attachments', 0, 'title'] })]);
  });
});

describe('page furniture with a line break typed in a value', () => {
  it('prints the value on its one line, the break read as a space', () => {
    const items = texts(stampItems({ patientName: 'Ada\nLovelace', dateOfBirth: '12/10/1815', memberId: 'W1', payerName: 'Aetna\nChoice', caseId: 'PA-1', confidentiality: 'C' }, { number: 1, total: 1, bates: 'PA-1-0001', part: 'Enclosure 2: Op\nnote' }, LETTER, mono));
    expect(items.map((t) => t.text)).toEqual(expect.arrayContaining(['Ada Lovelace', 'Enclosure 2: Op note']));
    expect(items.some((t) => t.text.includes('Payer Aetna Choice'))).toBe(true);
    expect(items.every((t) => !t.text.includes('\n'))).toBe(true);
  });
});
