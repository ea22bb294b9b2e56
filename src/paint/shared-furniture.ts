// Finds the drawing every page repeats unchanged (the identity header, rules, the confidentiality notice), so that
// it is written once as a content stream all pages share: each page's stream is deflated on its own, and the
// repeated glyphs cost a few hundred compressed bytes on every page.
import type { DrawItem, LaidOutPage } from '../layout/boxes.js';
import type { TextMeasurer } from '../layout/text-measurer.js';

export interface SharedSplit {
  /** Items drawn on every page, in their order; empty when there is nothing to share. */
  shared: DrawItem[];
  /** Each page's remaining items, in their order. */
  own: DrawItem[][];
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The shared items are drawn after the page's own, so an item is shared only when it is on every page exactly
 * once and nothing drawn after it on any page overlaps it: moving it later changes no overlap. Rotated text (the
 * DRAFT mark), right-to-left runs and enclosed pages stay on their page.
 */
export function splitShared(pages: readonly LaidOutPage[], m: TextMeasurer): SharedSplit {
  const none = { shared: [], own: pages.map((p) => p.items) };
  if (pages.length < 2) return none;
  // Candidates: the first page's shareable items found exactly once on it and on every other page. They are
  // indexed by their text (rules and boxes by their y), and each page's items looked up and compared field by
  // field: a page holds a hundred items or more, and this runs for every packet.
  const index = new Map<Bucket, DrawItem[]>();
  for (const it of pages[0]!.items) {
    if (!shareable(it)) continue;
    const list = index.get(bucketOf(it));
    if (list) list.push(it);
    else index.set(bucketOf(it), [it]);
  }
  const found = new Map<DrawItem, DrawItem[]>();
  const twice = new Set<DrawItem>();
  pages.forEach(({ items }, p) => {
    for (const it of items) {
      if (!shareable(it)) continue;
      const list = index.get(bucketOf(it));
      if (!list) continue;
      for (const candidate of list) {
        if (!sameDrawing(candidate, it)) continue;
        let on = found.get(candidate);
        if (!on) found.set(candidate, (on = []));
        if (on[p]) twice.add(candidate);
        on[p] = it;
      }
    }
  });
  const matches = new Map([...found].filter(([c, on]) => !twice.has(c) && on.length === pages.length && on.every(Boolean)));
  if (matches.size === 0) return none;
  // Per page, which candidate each item stands for. A candidate is dropped when something unshared drawn after
  // it on some page overlaps it; dropped, it is unshared itself and may overlap an earlier one: repeat until stable.
  const onPage = pages.map((_, p) => new Map([...matches].map(([first, found]) => [found[p]!, first])));
  const sharedOn = (p: number, it: DrawItem): DrawItem | undefined => {
    const first = onPage[p]!.get(it);
    return first && matches.has(first) ? first : undefined;
  };
  const boxes = new Map<DrawItem, Box>();
  const boxOf = (it: DrawItem): Box => {
    let b = boxes.get(it);
    if (!b) boxes.set(it, (b = box(it, m)));
    return b;
  };
  for (let changed = true; changed && matches.size > 0; ) {
    changed = false;
    pages.forEach(({ items }, p) => {
      for (let i = 0; i < items.length; i++) {
        const first = sharedOn(p, items[i]!);
        if (!first) continue;
        for (let j = i + 1; j < items.length; j++) {
          if (!sharedOn(p, items[j]!) && overlap(boxOf(items[i]!), boxOf(items[j]!))) {
            matches.delete(first);
            changed = true;
            break;
          }
        }
      }
    });
  }
  if (matches.size === 0) return none;
  return {
    shared: pages[0]!.items.filter((it) => matches.has(it)),
    own: pages.map((page, p) => page.items.filter((it) => !sharedOn(p, it))),
  };
}

type Bucket = string | number;
const bucketOf = (it: DrawItem): Bucket => (it.kind === 'text' ? it.text : it.kind === 'line' ? it.y1 : it.kind === 'rect' ? it.y : NaN);

/** Whether two items draw the same thing in the same place. */
function sameDrawing(a: DrawItem, b: DrawItem): boolean {
  switch (a.kind) {
    case 'text':
      return b.kind === 'text' && a.text === b.text && a.x === b.x && a.y === b.y && a.face === b.face && a.size === b.size && (a.gray ?? 0) === (b.gray ?? 0);
    case 'line':
      return b.kind === 'line' && a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2 && a.width === b.width && (a.gray ?? 0) === (b.gray ?? 0);
    case 'rect':
      return b.kind === 'rect' && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height && a.fillGray === b.fillGray && a.strokeWidth === b.strokeWidth;
    default:
      return false;
  }
}

function shareable(it: DrawItem): boolean {
  if (it.kind === 'external' || it.kind === 'image') return false;
  if (it.kind === 'text') return !it.angle && it.actualText === undefined && it.text !== '';
  return true;
}

/** The area an item may paint, in layout coordinates (y down), with a point to spare. */
function box(it: DrawItem, m: TextMeasurer): Box {
  const pad = 1;
  switch (it.kind) {
    case 'text':
      if (it.angle) {
        // Turned about its origin: whatever the angle, it stays within its length of that point.
        const r = m.width(it.text, it.face, it.size) + it.size + pad;
        return { x0: it.x - r, x1: it.x + r, y0: it.y - r, y1: it.y + r };
      }
      return { x0: it.x - pad, x1: it.x + m.width(it.text, it.face, it.size) + pad, y0: it.y - it.size * m.ascent - pad, y1: it.y + it.size * m.descent + pad };
    case 'line': {
      const w = it.width / 2 + pad;
      return { x0: Math.min(it.x1, it.x2) - w, x1: Math.max(it.x1, it.x2) + w, y0: Math.min(it.y1, it.y2) - w, y1: Math.max(it.y1, it.y2) + w };
    }
    case 'rect': {
      const w = (it.strokeWidth ?? 0) / 2 + pad;
      return { x0: it.x - w, x1: it.x + it.width + w, y0: it.y - w, y1: it.y + it.height + w };
    }
    case 'external':
    case 'image':
      return { x0: it.x - pad, x1: it.x + it.width + pad, y0: it.y - pad, y1: it.y + it.height + pad };
  }
}

const overlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
