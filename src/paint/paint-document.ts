// Paint stage: draws laid-out pages into a pdf-lib document. The only place, with assemble, that knows pdf-lib.
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, type PDFContext } from 'pdf-lib';
import type { FontSet } from '../fonts/font-set.js';
import type { LaidOutPage, PageGeometry } from '../layout/boxes.js';
import { ContentStreamWriter } from './content-stream.js';
import { embedFonts } from './embed-fonts.js';

export async function paintDocument(pages: readonly LaidOutPage[], geometry: PageGeometry, fonts: FontSet): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(doc.context);
  const fontFor = embedFonts(doc, fonts);
  const h = geometry.height;
  for (const laidOut of pages) {
    const page = doc.addPage([geometry.width, geometry.height]);
    const out = new ContentStreamWriter();
    const used = new Map<string, ReturnType<typeof PDFName.of>>();
    for (const it of laidOut.items) {
      switch (it.kind) {
        case 'text': {
          if (it.text === '') break;
          const face = await fontFor(it.face);
          if (!used.has(face.key)) {
            used.set(face.key, PDFName.of(face.key));
            page.node.setFontDictionary(PDFName.of(face.key), face.ref);
          }
          out.text(face.key, it.size, it.x, h - it.y, face.encode(it.text), it.gray ?? 0, it.angle);
          break;
        }
        case 'line':
          out.line(it.x1, h - it.y1, it.x2, h - it.y2, it.width, it.gray ?? 0);
          break;
        case 'rect':
          out.rect(it.x, h - it.y - it.height, it.width, it.height, it.fillGray, it.strokeWidth);
          break;
      }
    }
    const stream = doc.context.flateStream(Buffer.from(out.toString(), 'latin1'));
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  }
  return doc;
}

/** pdf-lib deflates with pako (JavaScript); Node's zlib gives the same format several times faster. */
function useNativeDeflate(context: PDFContext): void {
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents, { level: 6 }), { ...dict, Filter: 'FlateDecode' });
}
