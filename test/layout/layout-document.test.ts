import { describe, expect, it } from 'vitest';
import type { Block, DocTree, Inline } from '../../src/compose/doc-tree.js';
import type { LaidOutPage, TextItem } from '../../src/layout/boxes.js';
import { layoutDocument } from '../../src/layout/layout-document.js';
import { LETTER } from '../../src/layout/typography.js';
import { mono } from '../support/fake-measurer.js';

const para = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }], style: { size: 'normal', align: 'left', muted: false } });
const heading = (text: string): Block => ({ kind: 'heading', level: 2, runs: [{ text, bold: true }] });
const cell = (text: string): Inline[] => [{ text }];
const texts = (page: LaidOutPage) => page.items.filter((i): i is TextItem => i.kind === 'text');
const pageOf = (pages: LaidOutPage[], needle: string) => pages.findIndex((p) => texts(p).some((t) => t.text.includes(needle)));
const layout = (blocks: Block[]) => layoutDocument({ blocks } satisfies DocTree, mono, LETTER);
const bodyHeight = LETTER.bodyBottom - LETTER.bodyTop;

describe('layoutDocument', () => {
  it('keeps every item inside the body area', () => {
    const { pages } = layout(Array.from({ length: 60 }, (_, i) => para(`Paragraph ${i} ${'lorem ipsum dolor '.repeat(12)}`)));
    expect(pages.length).toBeGreaterThan(3);
    for (const p of pages) for (const t of texts(p)) {
      expect(t.y).toBeGreaterThan(LETTER.bodyTop);
      expect(t.y).toBeLessThanOrEqual(LETTER.bodyBottom);
      expect(t.x + mono.width(t.text, t.face, t.size)).toBeLessThanOrEqual(LETTER.width - LETTER.marginRight + 0.01);
    }
  });

  it('starts a new page at an explicit page break', () => {
    const { pages } = layout([para('first'), { kind: 'page-break' }, para('second')]);
    expect(pages).toHaveLength(2);
    expect(pageOf(pages, 'second')).toBe(1);
  });

  it('never leaves a heading alone at the bottom of a page', () => {
    // Fill the page so that only the heading (not the heading and two lines) would fit.
    const filler = Array.from({ length: 44 }, (_, i) => para(`line ${i}`));
    const { pages } = layout([...filler, heading('Prior therapies'), para('After the heading. '.repeat(30))]);
    expect(pageOf(pages, 'Prior therapies')).toBe(pageOf(pages, 'After the'));
  });

  it('avoids widows and orphans: a paragraph split across pages leaves at least two lines on each', () => {
    for (let fill = 40; fill < 48; fill++) {
      const filler = Array.from({ length: fill }, (_, i) => para(`line ${i}`));
      const long = para(Array.from({ length: 12 }, (_, i) => `w${i}`.padEnd(90, '.')).join(' '));
      const { pages } = layout([...filler, long]);
      const counts = pages.map((p) => texts(p).filter((t) => t.text.startsWith('w')).length).filter((n) => n > 0);
      for (const n of counts) expect(n === 0 || n >= 2, `fill ${fill}: ${counts.join('/')}`).toBe(true);
    }
  });

  it('repeats a table header on every page and never splits a row', () => {
    const rows = Array.from({ length: 120 }, (_, i) => [cell(`row ${i + 1}`), cell(`outcome ${i + 1} with a longer text that wraps inside its cell ${'x '.repeat(20)}`)]);
    const { pages } = layout([heading('History'), { kind: 'table', header: [[cell('Therapy'), cell('Outcome')]], rows, size: 'normal' }]);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) expect(texts(p).filter((t) => t.text === 'Therapy')).toHaveLength(1);
    const seen = pages.flatMap((p) => texts(p).filter((t) => /^row \d+$/.test(t.text)).map((t) => t.text));
    expect(seen).toEqual(rows.map((_, i) => `row ${i + 1}`));
    // A row's wrapped outcome lines are on the page that holds the row's first cell.
    rows.forEach((_, i) => expect(pageOf(pages, `outcome ${i + 1} `)).toBe(pageOf(pages, `row ${i + 1}`)));
  });

  it('splits a row taller than a page instead of clipping it', () => {
    const huge = 'word '.repeat(3000);
    const { pages, diagnostics } = layout([{ kind: 'table', header: [[cell('A'), cell('B')]], rows: [[cell('one'), cell(huge)]], size: 'normal' }]);
    expect(pages.length).toBeGreaterThan(1);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const words = pages.flatMap((p) => texts(p).map((t) => t.text)).join(' ').match(/word/g) ?? [];
    expect(words).toHaveLength(3000);
  });

  it('keeps a signature block on one page', () => {
    const filler = Array.from({ length: 43 }, (_, i) => para(`line ${i}`));
    const sig: Block = { kind: 'signature', children: [para('Sincerely,'), para('Ada Whitfield, MD'), para('NPI 1234567893'), para('Date signed: 11/20/2026')] };
    const { pages } = layout([...filler, sig]);
    expect(pageOf(pages, 'Sincerely,')).toBe(pageOf(pages, 'Date signed'));
  });

  it('reports a keep block taller than a page instead of hiding content', () => {
    const tall: Block = { kind: 'signature', children: Array.from({ length: 80 }, (_, i) => para(`signature line ${i}`)) };
    const { diagnostics, pages } = layout([tall]);
    expect(diagnostics.map((d) => d.code)).toContain('layout/keep-too-tall');
    expect(pages.flatMap((p) => texts(p)).filter((t) => t.text.startsWith('signature line'))).toHaveLength(80);
    expect(bodyHeight).toBeGreaterThan(0);
  });

  it('sizes table columns to their content', () => {
    const { pages } = layout([{ kind: 'table', header: [[cell('#'), cell('Text')]], rows: [[cell('1'), cell('a fairly long description of something')]], size: 'normal' }]);
    const hash = texts(pages[0]!).find((t) => t.text === '#')!;
    const textHeader = texts(pages[0]!).find((t) => t.text === 'Text')!;
    // The narrow column gets little more than its content; the wide one the rest.
    expect(textHeader.x - hash.x).toBeLessThan(60);
  });
});
