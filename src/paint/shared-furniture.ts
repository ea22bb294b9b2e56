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
  const keyed = pages.map((p) => p.items.map((it) => ({ it, key: shareable(it) ? keyOf(it) : undefined })));
  const none = { shared: [], own: pages.map((p) => p.items) };
  if (pages.length < 2) return none;
  const counts = new Map<string, number>();
  for (const page of keyed) {
    const seen = new Set<string>();
    for (const { key } of page) {
      if (key === undefined) continue;
      if (seen.has(key)) counts.set(key, -Infinity);
      seen.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const shared = new Set([...counts].filter(([, n]) => n === pages.length).map(([k]) => k));
  // Removing a candidate makes it a page item that may overlap an earlier candidate: repeat until stable.
  for (let changed = true; changed && shared.size > 0; ) {
    changed = false;
    for (const page of keyed) {
      const boxes = page.map(({ it }) => box(it, m));
      for (let i = 0; i < page.length; i++) {
        const key = page[i]!.key;
        if (key === undefined || !shared.has(key)) continue;
        for (let j = i + 1; j < page.length; j++) {
          const later = page[j]!.key;
          if ((later === undefined || !shared.has(later)) && overlap(boxes[i]!, boxes[j]!)) {
            shared.delete(key);
            changed = true;
            break;
          }
        }
      }
    }
  }
  if (shared.size === 0) return none;
  return {
    shared: keyed[0]!.filter(({ key }) => key !== undefined && shared.has(key)).map(({ it }) => it),
    own: keyed.map((page) => page.filter(({ key }) => key === undefined || !shared.has(key)).map(({ it }) => it)),
  };
}

function shareable(it: DrawItem): boolean {
  if (it.kind === 'external') return false;
  if (it.kind === 'text') return !it.angle && it.actualText === undefined && it.text !== '';
  return true;
}

/** Everything that decides how an item is drawn. */
function keyOf(it: DrawItem): string {
  switch (it.kind) {
    case 'text':
      return `t ${it.face} ${it.size} ${it.x} ${it.y} ${it.gray ?? 0} ${it.text}`;
    case 'line':
      return `l ${it.x1} ${it.y1} ${it.x2} ${it.y2} ${it.width} ${it.gray ?? 0}`;
    case 'rect':
      return `r ${it.x} ${it.y} ${it.width} ${it.height} ${it.fillGray} ${it.strokeWidth}`;
    default:
      return '';
  }
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
      return { x0: it.x - pad, x1: it.x + it.width + pad, y0: it.y - pad, y1: it.y + it.height + pad };
  }
}

const overlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
