// A slab is the unit pagination moves: a strip of positioned items that is never split across pages.
import type { DrawItem } from './boxes.js';

export interface Slab {
  height: number;
  /** Space above the slab; dropped when the slab starts a page. */
  spaceBefore: number;
  /** Items with y relative to the slab's top. */
  items: DrawItem[];
  /** Never put a page break between this slab and the next (headings, orphans and widows, table header). */
  keepWithNext: boolean;
  pageBreakBefore?: boolean;
  /** A soft page break: start a new page only if the block this slab opens (this tall) does not fit in the space left. */
  softBreakBefore?: number;
  /** A table's header row, repeated when this slab (a row of that table) starts a page. */
  repeatHeader?: Slab;
  /** Set on the first slab of a section. */
  section?: { id: string; title: string };
  /** What the slab shows, for diagnostics ("table row 12", "signature block"). */
  label?: string;
}

export function shiftItems(items: readonly DrawItem[], dx: number, dy: number): DrawItem[] {
  return items.map((it) => {
    switch (it.kind) {
      case 'text':
      case 'rect':
        return { ...it, x: it.x + dx, y: it.y + dy };
      case 'external':
      case 'image':
        return { ...it, x: it.x + dx, y: it.y + dy };
      case 'line':
        return { ...it, x1: it.x1 + dx, x2: it.x2 + dx, y1: it.y1 + dy, y2: it.y2 + dy };
    }
  });
}

/** Joins slabs into one that cannot be split (keep-together blocks, the signature block). */
export function mergeSlabs(slabs: readonly Slab[], label?: string): Slab {
  let y = 0;
  const items: DrawItem[] = [];
  slabs.forEach((s, i) => {
    if (i > 0) y += s.spaceBefore;
    items.push(...shiftItems(s.items, 0, y));
    y += s.height;
  });
  const first = slabs[0];
  const last = slabs[slabs.length - 1];
  const section = slabs.find((s) => s.section)?.section;
  return {
    height: y,
    spaceBefore: first?.spaceBefore ?? 0,
    items,
    keepWithNext: last?.keepWithNext ?? false,
    ...(first?.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(first?.softBreakBefore !== undefined ? { softBreakBefore: first.softBreakBefore } : {}),
    ...(section ? { section } : {}),
    ...(label ? { label } : {}),
  };
}
