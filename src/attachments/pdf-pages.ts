// Finds an attached PDF's pages by walking its page tree (with inherited entries), stopping at the page limit and
// at loops (a tree whose Kids lead back to itself would otherwise never end), and reads each page's visible box
// and rotation, normalising a box that is missing, empty or not made of numbers.
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFContext, type PDFDocument, type PDFObject } from 'pdf-lib';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;
type Inherited = Partial<Record<(typeof INHERITED)[number], PDFObject>>;

export interface PageNode {
  dict: PDFDict;
  /** Resources, MediaBox, CropBox, Rotate as written (maybe references): the page's own, else inherited. */
  inherited: Inherited;
}

/** The pages in order, or `{ over }` when there are more than `max` (`over` = the tree's claimed count, if any). */
export function listPages(doc: PDFDocument, max: number): PageNode[] | { over: number | undefined } {
  const root = doc.catalog.lookup(PDFName.of('Pages'));
  if (!(root instanceof PDFDict)) return [];
  const pages: PageNode[] = [];
  const seen = new Set<PDFDict>();
  const stack: [PDFDict, Inherited][] = [[root, {}]];
  while (stack.length) {
    const [node, above] = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const here: Inherited = { ...above };
    for (const key of INHERITED) {
      const v = node.get(PDFName.of(key));
      if (v !== undefined) here[key] = v;
    }
    const kids = node.lookup(PDFName.of('Kids'));
    const type = node.lookup(PDFName.of('Type'));
    if (type === PDFName.of('Page') || (type !== PDFName.of('Pages') && !(kids instanceof PDFArray))) {
      if (pages.length === max) {
        const count = root.lookup(PDFName.of('Count'));
        return { over: count instanceof PDFNumber && count.asNumber() > max ? count.asNumber() : undefined };
      }
      pages.push({ dict: node, inherited: here });
      continue;
    }
    if (!(kids instanceof PDFArray)) continue;
    for (let i = kids.size() - 1; i >= 0; i--) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict && !seen.has(kid)) stack.push([kid, here]);
    }
  }
  return pages;
}

/** The largest page PDF viewers handle (200 in, PDF 32000 annex C); anything beyond is not a real page size. */
const MAX_SIDE = 14_400;
export const LETTER_BOX: Box = { x: 0, y: 0, width: 612, height: 792 };

/** A rectangle from a PDF array of four numbers, corners in any order; undefined when it is not a usable box. */
export function readBox(obj: PDFObject | undefined, ctx: PDFContext): Box | undefined {
  const arr = obj === undefined ? undefined : ctx.lookup(obj);
  if (!(arr instanceof PDFArray) || arr.size() !== 4) return undefined;
  const n: number[] = [];
  for (let i = 0; i < 4; i++) {
    const v = arr.lookup(i);
    if (!(v instanceof PDFNumber) || !Number.isFinite(v.asNumber())) return undefined;
    n.push(v.asNumber());
  }
  const box = { x: Math.min(n[0]!, n[2]!), y: Math.min(n[1]!, n[3]!), width: Math.abs(n[2]! - n[0]!), height: Math.abs(n[3]! - n[1]!) };
  return usable(box) ? box : undefined;
}

function usable(b: Box): boolean {
  return b.width >= 1 && b.height >= 1 && b.width <= MAX_SIDE && b.height <= MAX_SIDE && Math.abs(b.x) < 1e7 && Math.abs(b.y) < 1e7;
}

/**
 * The box a viewer shows (crop box within the media box). `fixed` says what was wrong when the page's own boxes
 * could not be used: then the media box, else a Letter page, stands in.
 */
export function visibleBox(page: PageNode, ctx: PDFContext): { box: Box; fixed?: string } {
  const media = readBox(page.inherited.MediaBox, ctx);
  const cropEntry = page.inherited.CropBox;
  const crop = readBox(cropEntry, ctx);
  if (crop && media) {
    const x = Math.max(crop.x, media.x);
    const y = Math.max(crop.y, media.y);
    const box = { x, y, width: Math.min(crop.x + crop.width, media.x + media.width) - x, height: Math.min(crop.y + crop.height, media.y + media.height) - y };
    return usable(box) ? { box } : { box: media, fixed: 'its crop box lies outside its media box; the whole media box is shown' };
  }
  if (crop) return { box: crop };
  if (media) return cropEntry === undefined ? { box: media } : { box: media, fixed: 'its crop box is not a usable rectangle; the whole media box is shown' };
  return { box: LETTER_BOX, fixed: 'it has no usable page size (its media box is missing, empty or not made of numbers); it is shown as a Letter page' };
}

export function pageRotation(page: PageNode, ctx: PDFContext): 0 | 90 | 180 | 270 {
  const r = page.inherited.Rotate === undefined ? undefined : ctx.lookup(page.inherited.Rotate);
  const angle = r instanceof PDFNumber && Number.isFinite(r.asNumber()) ? r.asNumber() : 0;
  const turned = ((Math.round(angle / 90) * 90) % 360 + 360) % 360;
  return angle % 90 === 0 ? (turned as 0 | 90 | 180 | 270) : 0;
}
