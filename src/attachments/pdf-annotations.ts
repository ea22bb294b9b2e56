// The annotations of a page that print: filled form fields, stamps, notes. They are not part of the page's content
// (a viewer draws them on top), so an embedded page would lose them; each one's normal appearance is drawn instead,
// placed by the algorithm of PDF 32000 §12.5.5: the appearance's bounding box, transformed by its matrix, is fitted
// to the annotation's rectangle.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFContext } from 'pdf-lib';
import { readBox } from './pdf-pages.js';

export interface AnnotationDrawing {
  /** The appearance stream (a form XObject) in the attachment's document. */
  appearance: PDFRef;
  /** Maps the appearance, after its own /Matrix, onto the annotation's rectangle in page space. */
  matrix: number[];
}

const HIDDEN = 1 << 1;
const NO_VIEW = 1 << 5;

export function pageAnnotations(page: PDFDict, ctx: PDFContext): AnnotationDrawing[] {
  const annots = page.lookup(PDFName.of('Annots'));
  if (!(annots instanceof PDFArray)) return [];
  const out: AnnotationDrawing[] = [];
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookup(i);
    if (!(annot instanceof PDFDict)) continue;
    // A popup only shows another annotation's text while it is open.
    if (annot.lookup(PDFName.of('Subtype')) === PDFName.of('Popup')) continue;
    const flags = annot.lookup(PDFName.of('F'));
    if (flags instanceof PDFNumber && (flags.asNumber() & (HIDDEN | NO_VIEW)) !== 0) continue;
    const appearance = normalAppearance(annot);
    if (!appearance) continue;
    const rect = readBox(annot.get(PDFName.of('Rect')), ctx);
    const stream = ctx.lookup(appearance);
    if (!rect || !(stream instanceof PDFStream)) continue;
    const bbox = readBox(stream.dict.get(PDFName.of('BBox')), ctx);
    if (!bbox) continue;
    const m = numbers(stream.dict.lookup(PDFName.of('Matrix')), 6) ?? [1, 0, 0, 1, 0, 0];
    // The bounding box's corners through the appearance's matrix, and the smallest box around them.
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [x, y] of [[bbox.x, bbox.y], [bbox.x + bbox.width, bbox.y], [bbox.x, bbox.y + bbox.height], [bbox.x + bbox.width, bbox.y + bbox.height]] as const) {
      xs.push(m[0]! * x + m[2]! * y + m[4]!);
      ys.push(m[1]! * x + m[3]! * y + m[5]!);
    }
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (!(x1 - x0 > 0) || !(y1 - y0 > 0)) continue;
    const sx = rect.width / (x1 - x0);
    const sy = rect.height / (y1 - y0);
    out.push({ appearance, matrix: [sx, 0, 0, sy, rect.x - x0 * sx, rect.y - y0 * sy] });
  }
  return out;
}

/** /AP /N: a stream, or for check boxes and radio buttons the stream of the state named by /AS. */
function normalAppearance(annot: PDFDict): PDFRef | undefined {
  const ap = annot.lookup(PDFName.of('AP'));
  if (!(ap instanceof PDFDict)) return undefined;
  let n = ap.get(PDFName.of('N'));
  const states = n instanceof PDFRef ? annot.context.lookup(n) : n;
  if (states instanceof PDFDict && !(states instanceof PDFStream)) {
    const as = annot.lookup(PDFName.of('AS'));
    n = as instanceof PDFName ? states.get(as) : undefined;
  }
  return n instanceof PDFRef ? n : undefined;
}

function numbers(obj: unknown, count: number): number[] | undefined {
  if (!(obj instanceof PDFArray) || obj.size() !== count) return undefined;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = obj.lookup(i);
    if (!(v instanceof PDFNumber) || !Number.isFinite(v.asNumber())) return undefined;
    out.push(v.asNumber());
  }
  return out;
}
