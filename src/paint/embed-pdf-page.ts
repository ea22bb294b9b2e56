// Embeds attached PDF pages as form XObjects with one object copier per attached document, so the fonts and images
// its pages share are copied once (pdf-lib's embedPage copies them again for every page, which made a 4 MB
// attachment 40 MB). A page's single content stream is copied compressed, as it is; several or damaged streams are
// decoded (within the limit checked at load) and joined. Printable annotations (filled form fields) are drawn over
// the page, each in its own XObject so neither disturbs the other's graphics state.
import { PDFName, PDFObjectCopier, PDFRawStream, type PDFDocument, type PDFRef } from 'pdf-lib';
import { decodePdfStream } from '../attachments/decode-stream.js';
import { DEFAULT_LIMITS } from '../attachments/limits.js';
import type { PdfPagePlan } from '../attachments/load-pdf.js';
import { pdfNumber } from './content-stream.js';

/** Returns a function that embeds a page of `source` into `target`. */
export function pdfPageEmbedder(target: PDFDocument, source: PDFDocument): (plan: PdfPagePlan) => PDFRef {
  const copier = PDFObjectCopier.for(source.context, target.context);
  const ctx = target.context;
  return (plan) => {
    const { x, y, width, height } = plan.box;
    const bbox = [x, y, x + width, y + height];
    const toOrigin = [1, 0, 0, 1, -x, -y];
    const drawn = plan.annotations.length > 0;
    const dict = {
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: bbox,
      // With annotations, the wrapper below moves the page to the origin.
      Matrix: drawn ? [1, 0, 0, 1, 0, 0] : toOrigin,
      Resources: plan.resources === undefined ? ctx.obj({}) : copier.copy(plan.resources),
    };
    const only = plan.contents[0];
    let page;
    if (!plan.reencode && plan.contents.length === 1 && only instanceof PDFRawStream) {
      const filter = only.dict.get(PDFName.of('Filter'));
      const parms = only.dict.get(PDFName.of('DecodeParms'));
      page = PDFRawStream.of(ctx.obj({ ...dict }), only.contents);
      if (filter) page.dict.set(PDFName.of('Filter'), copier.copy(filter));
      if (parms) page.dict.set(PDFName.of('DecodeParms'), copier.copy(parms));
    } else {
      const parts: Uint8Array[] = [];
      for (const stream of plan.contents) {
        const decoded = decodePdfStream(stream, DEFAULT_LIMITS.maxStreamBytes);
        if (typeof decoded === 'object') parts.push(decoded.bytes, Buffer.from('\n'));
      }
      page = ctx.flateStream(Buffer.concat(parts), dict);
    }
    const pageRef = ctx.register(page);
    if (!drawn) return pageRef;
    const xobjects: Record<string, PDFRef> = { P: pageRef };
    const ops = ['/P Do'];
    plan.annotations.forEach((a, i) => {
      xobjects[`A${i}`] = copier.copy(a.appearance) as PDFRef;
      ops.push(`q ${a.matrix.map(pdfNumber).join(' ')} cm /A${i} Do Q`);
    });
    const wrapper = ctx.flateStream(Buffer.from(ops.join('\n'), 'latin1'), { Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: bbox, Matrix: toOrigin, Resources: { XObject: xobjects } });
    return ctx.register(wrapper);
  };
}
