// Paint stage: draws laid-out pages (text, rules, boxes, and attached pages or images) into a pdf-lib document.
// Only paint and assemble know pdf-lib.
import { PDFDocument, PDFName } from 'pdf-lib';
import type { AttachmentSource } from '../attachments/source.js';
import type { FontSet } from '../fonts/font-set.js';
import type { ExternalItem, LaidOutPage, PageGeometry } from '../layout/boxes.js';
import { ContentStreamWriter } from './content-stream.js';
import { embedFonts } from './embed-fonts.js';
import { embedExternals, type EmbeddedExternal } from './embed-externals.js';
import { useNativeDeflate } from './native-deflate.js';

export async function paintDocument(pages: readonly LaidOutPage[], geometry: PageGeometry, fonts: FontSet, sources: readonly AttachmentSource[] = []): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(doc.context);
  const fontFor = embedFonts(doc, fonts);
  const externalFor = embedExternals(doc, sources);
  const h = geometry.height;
  for (const laidOut of pages) {
    const page = doc.addPage([geometry.width, geometry.height]);
    const out = new ContentStreamWriter();
    const fontsUsed = new Set<string>();
    let xobjects = 0;
    for (const it of laidOut.items) {
      switch (it.kind) {
        case 'text': {
          if (it.text === '') break;
          const face = await fontFor(it.face);
          if (!fontsUsed.has(face.key)) {
            fontsUsed.add(face.key);
            page.node.setFontDictionary(PDFName.of(face.key), face.ref);
          }
          out.text(face.key, it.size, it.x, h - it.y, face.encode(it.text), it.gray ?? 0, it.angle, it.actualText);
          break;
        }
        case 'line':
          out.line(it.x1, h - it.y1, it.x2, h - it.y2, it.width, it.gray ?? 0);
          break;
        case 'rect':
          out.rect(it.x, h - it.y - it.height, it.width, it.height, it.fillGray, it.strokeWidth);
          break;
        case 'external': {
          const ext = externalFor(it);
          const name = `X${++xobjects}`;
          page.node.setXObject(PDFName.of(name), ext.ref);
          out.xobject(name, placementMatrix(it, ext, h));
          break;
        }
      }
    }
    const stream = doc.context.flateStream(Buffer.from(out.toString(), 'latin1'));
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  }
  return doc;
}

/**
 * The matrix that draws an embedded page into the item's box as a viewer displays it: /Rotate turns the page
 * clockwise, so the content is rotated by the negative angle and moved back into the box.
 */
function placementMatrix(it: ExternalItem, ext: EmbeddedExternal, pageHeight: number): number[] {
  const x = it.x;
  const y = pageHeight - it.y - it.height;
  if (ext.isImage) {
    // An image is drawn into the unit square; turn it by its EXIF rotation into the item's (displayed) box.
    const [w, h] = [it.width, it.height];
    switch (it.rotation) {
      case 90:
        return [0, -h, w, 0, x, y + h];
      case 180:
        return [-w, 0, 0, -h, x + w, y + h];
      case 270:
        return [0, h, -w, 0, x + w, y];
      default:
        return [w, 0, 0, h, x, y];
    }
  }
  const turned = it.rotation === 90 || it.rotation === 270;
  const s = it.width / (turned ? ext.height : ext.width);
  switch (it.rotation) {
    case 90:
      return [0, -s, s, 0, x, y + it.height];
    case 180:
      return [-s, 0, 0, -s, x + it.width, y + it.height];
    case 270:
      return [0, s, -s, 0, x + it.width, y];
    default:
      return [s, 0, 0, s, x, y];
  }
}
