import { describe, expect, it } from 'vitest';
import type { DrawItem, LaidOutPage } from '../../src/layout/boxes.js';
import { splitShared } from '../../src/paint/shared-furniture.js';
import type { TextMeasurer } from '../../src/layout/text-measurer.js';

// Every character 0.5 em wide: enough to give text a box.
const m: TextMeasurer = { width: (t, _f, size) => t.length * size * 0.5, ascent: 0.9, descent: 0.25, covers: () => true };
const text = (s: string, x: number, y: number, extra: Partial<DrawItem> = {}): DrawItem => ({ kind: 'text', text: s, x, y, face: 'regular', size: 10, ...extra }) as DrawItem;
const page = (...items: DrawItem[]): LaidOutPage => ({ items, sections: [] });
const header = text('Jane Doe', 54, 40);
const rule = { kind: 'line', x1: 54, y1: 50, x2: 558, y2: 50, width: 0.8 } as const;

describe('shared page furniture', () => {
  it('shares what every page draws identically, and leaves what differs on its page', () => {
    const { shared, own } = splitShared([page(text('Body one', 54, 100), header, rule, text('Page 1 of 2', 500, 760)), page(text('Body two', 54, 100), header, rule, text('Page 2 of 2', 500, 760))], m);
    expect(shared).toEqual([header, rule]);
    expect(own.map((items) => items.map((it) => (it.kind === 'text' ? it.text : it.kind)))).toEqual([
      ['Body one', 'Page 1 of 2'],
      ['Body two', 'Page 2 of 2'],
    ]);
  });

  it('does not share an item that something drawn after it on a page overlaps (it would be drawn on top)', () => {
    const box = { kind: 'rect', x: 50, y: 30, width: 100, height: 15, fillGray: 0.9 } as const;
    const { shared } = splitShared([page(header, box, rule), page(header, box, rule)], m);
    // The box is shared, so nothing unshared is drawn over the header: all three move together, in order.
    expect(shared).toEqual([header, box, rule]);
    const other = { ...box, fillGray: 0.8 };
    const split = splitShared([page(header, box, rule), page(header, other, rule)], m);
    expect(split.shared).toEqual([rule]);
    expect(split.own[1]).toEqual([header, other]);
  });

  it('keeps the DRAFT mark, right-to-left runs and single pages to themselves', () => {
    const draft = text('DRAFT', 150, 500, { angle: 45 });
    const rtl = text('olleh', 54, 700, { actualText: 'hello' });
    expect(splitShared([page(header, draft, rtl), page(header, draft, rtl)], m).shared).toEqual([header]);
    // Turned, the mark may reach anything within its length of its origin: the header there stays under it.
    const near = text('DRAFT', 60, 60, { angle: 45 });
    expect(splitShared([page(header, near), page(header, near)], m).shared).toEqual([]);
    expect(splitShared([page(header)], m)).toEqual({ shared: [], own: [[header]] });
  });

  it('does not share an item a page draws twice', () => {
    expect(splitShared([page(header, header), page(header)], m).shared).toEqual([]);
  });
});
