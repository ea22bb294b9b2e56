// Pages a reviewer does not wade through: soft page breaks, two sections on one page, the signature kept with the
// paragraph before it, and what each page records about how full it is and why it ended.
import { describe, expect, it } from 'vitest';
import type { Block, DocTree } from '../../src/compose/doc-tree.js';
import type { LaidOutPage, TextItem } from '../../src/layout/boxes.js';
import { layoutDocument } from '../../src/layout/layout-document.js';
import { LETTER, TYPE } from '../../src/layout/typography.js';
import { mono } from '../support/fake-measurer.js';

const para = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }], style: { size: 'normal', align: 'left', muted: false } });
const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => para(`${tag} ${i}`));
const section = (id: string, children: Block[]): Block => ({ kind: 'section', id, title: id.toUpperCase(), children });
const texts = (page: LaidOutPage) => page.items.filter((i): i is TextItem => i.kind === 'text');
const pageOf = (pages: LaidOutPage[], needle: string) => pages.findIndex((p) => texts(p).some((t) => t.text.includes(needle)));
const layout = (blocks: Block[]) => layoutDocument({ blocks } satisfies DocTree, mono, LETTER);
const bodyHeight = LETTER.bodyBottom - LETTER.bodyTop;
/** One-line paragraphs per page body: each takes a leading and the paragraph gap above it. */
const perPage = Math.floor((bodyHeight + TYPE.paragraphGap) / (TYPE.body.leading + TYPE.paragraphGap));

describe('soft page break', () => {
  it('keeps a section on the page when all of it fits in the space left, and records both sections on it', () => {
    const { pages } = layout([section('cover', lines(10, 'cover')), { kind: 'page-break', soft: true }, section('index', lines(5, 'row'))]);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.sections.map((s) => s.id)).toEqual(['cover', 'index']);
  });

  it('starts the section on a new page when it does not fit whole, rather than splitting it across the two', () => {
    const { pages } = layout([section('cover', lines(perPage - 4, 'cover')), { kind: 'page-break', soft: true }, section('index', lines(8, 'row'))]);
    expect(pages).toHaveLength(2);
    expect(pageOf(pages, 'row 0')).toBe(1);
    expect(pages.map((p) => p.sections.map((s) => s.id))).toEqual([['cover'], ['index']]);
  });

  it('is a hard break after a hard break', () => {
    const { pages } = layout([para('a'), { kind: 'page-break' }, { kind: 'page-break', soft: true }, para('b')]);
    expect(pages).toHaveLength(2);
  });
});

describe('sections and fill', () => {
  it('records how much of each page body is used and what pushed content on', () => {
    const table: Block = { kind: 'table', header: [[[{ text: 'H' }]]], rows: [[[{ text: 'tall '.repeat(400) }]]], size: 'normal' };
    const { pages } = layout([section('letter', [...lines(perPage - 3, 'line'), table])]);
    expect(pages[0]!.used).toBeGreaterThan(bodyHeight * 0.8);
    expect(pages[0]!.used).toBeLessThanOrEqual(bodyHeight);
    // The one-line introduction stays with the table's header and first row.
    expect(pages[0]!.pushed).toEqual(['paragraph line', 'table header', 'table row 1']);
    expect(pages[1]!.sections.map((s) => s.id)).toEqual(['letter']);
  });

  it('fills the page with a kept chain that no page could hold, instead of leaving the page part empty', () => {
    // A key/value row of 60 lines is kept together line by line, which no page can hold.
    const fields: Block = { kind: 'fields', columns: 1, rows: [{ label: [{ text: 'Notes', bold: true }], value: [{ text: Array.from({ length: 60 }, (_, i) => `note ${i}`).join('\n') }] }] };
    const { pages } = layout([section('letter', [...lines(10, 'line'), fields])]);
    expect(pageOf(pages, 'note 0')).toBe(0);
    expect(pages[0]!.used).toBeGreaterThan(bodyHeight * 0.95);
  });
});

describe('signature block', () => {
  it('never opens a page alone: the paragraph before it goes with it', () => {
    // Fill the page so that the closing paragraph fits but the signature does not.
    const sig: Block = { kind: 'signature', children: [para('Sincerely,'), para('Ada Whitfield, MD'), para('NPI 1234567893')] };
    for (let fill = perPage - 6; fill < perPage; fill++) {
      const { pages } = layout([...lines(fill, 'filler'), para('Thank you for your prompt review.'), sig]);
      expect(pageOf(pages, 'Thank you'), `after ${fill} lines`).toBe(pageOf(pages, 'Sincerely,'));
    }
  });
});

describe('introductions', () => {
  it('keep a short paragraph that introduces a list on the page of its first item', () => {
    const list: Block = { kind: 'list', ordered: false, items: [[para('first item')], [para('second item')]] };
    for (let fill = perPage - 3; fill < perPage; fill++) {
      const { pages } = layout([...lines(fill, 'filler'), para('Prior treatment, oldest first:'), list]);
      expect(pageOf(pages, 'oldest first'), `after ${fill} lines`).toBe(pageOf(pages, 'first item'));
    }
  });
});
