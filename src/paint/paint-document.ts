// Paint stage: draws laid-out pages (text, rules, boxes, and attached pages or images) into a pdf-lib document.
// Only paint and assemble know pdf-lib.
import { PDFDocument, PDFName, type PDFPage, type PDFRef } from 'pdf-lib';
import type { SignatureImage } from '../attachments/signature-image.js';
import type { AttachmentSource } from '../attachments/source.js';
import type { FontSet } from '../fonts/font-set.js';
import type { DrawItem, ExternalItem, ImageItem, LaidOutPage, PageGeometry } from '../layout/boxes.js';
import { ContentStreamWriter } from './content-stream.js';
import { embedFonts } from './embed-fonts.js';
import { embedExternals, type EmbeddedExternal } from './embed-externals.js';
import { embedJpeg } from './embed-jpeg.js';
import { embedPng } from './embed-png.js';
import { useNativeDeflate } from './native-deflate.js';
import { splitShared } from './shared-furniture.js';

/** The pictures the pages draw by name (the signature image): each is embedded once, however many pages draw it. */
export type PacketImages = ReadonlyMap<string, Pick<SignatureImage, 'source' | 'rotation'>>;

export async function paintDocument(pages: readonly LaidOutPage[], geometry: PageGeometry, fonts: FontSet, sources: readonly AttachmentSource[] = [], images: PacketImages = new Map()): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(doc.context);
  const fontFor = embedFonts(doc, fonts);
  const externalFor = embedExternals(doc, sources);
  const imageRefs = new Map<string, PDFRef>();
  const imageFor = (name: string): { ref: PDFRef; rotation: ExternalItem['rotation'] } => {
    const image = images.get(name);
    // Compose only emits images the packet has; a missing one is a bug, not a user error.
    if (!image) throw new Error(`paint: no image named ${name}`);
    let ref = imageRefs.get(name);
    if (!ref) {
      const src = image.source;
      ref = src.kind === 'png' ? embedPng(doc, src.png) : embedJpeg(doc, src.bytes, src.jpeg);
      imageRefs.set(name, ref);
    }
    return { ref, rotation: image.rotation };
  };
  const h = geometry.height;
  const { shared, own } = splitShared(pages, fonts);

  /** Writes items into `out`; returns the fonts they use (resource name → font). */
  const draw = async (items: readonly DrawItem[], out: ContentStreamWriter, page?: PDFPage): Promise<Map<string, PDFRef>> => {
    const fontsUsed = new Map<string, PDFRef>();
    let xobjects = 0;
    for (const it of items) {
      switch (it.kind) {
        case 'text': {
          if (it.text === '') break;
          const face = await fontFor(it.face);
          fontsUsed.set(face.key, face.ref);
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
          page!.node.setXObject(PDFName.of(name), ext.ref);
          out.xobject(name, placementMatrix(it, ext, h));
          break;
        }
        case 'image': {
          const { ref, rotation } = imageFor(it.image);
          const name = `X${++xobjects}`;
          page!.node.setXObject(PDFName.of(name), ref);
          out.xobject(name, placementMatrix(imageBox(it, rotation), { ref, width: 1, height: 1, isImage: true }, h));
          break;
        }
      }
    }
    return fontsUsed;
  };

  // The furniture every page repeats is one stream, drawn after each page's own: the page's stream is wrapped
  // in q…Q so that the shared one starts from the initial graphics state its writer assumes.
  let sharedStream: { ref: PDFRef; fonts: Map<string, PDFRef> } | undefined;
  if (shared.length > 0) {
    const out = new ContentStreamWriter();
    const used = await draw(shared, out);
    sharedStream = { ref: doc.context.register(doc.context.flateStream(out.toString())), fonts: used };
  }
  for (let i = 0; i < pages.length; i++) {
    const page = doc.addPage([geometry.width, geometry.height]);
    const out = new ContentStreamWriter();
    const fontsUsed = await draw(own[i]!, out, page);
    for (const [key, ref] of sharedStream?.fonts ?? []) fontsUsed.set(key, ref);
    // Font resources in the order the page first uses them, as before.
    for (const [key, ref] of fontsUsed) page.node.setFontDictionary(PDFName.of(key), ref);
    const text = sharedStream ? `q\n${out.toString()}Q\n` : out.toString();
    const contents = doc.context.register(doc.context.flateStream(Buffer.from(text, 'latin1')));
    page.node.set(PDFName.of('Contents'), sharedStream ? doc.context.obj([contents, sharedStream.ref]) : contents);
  }
  return doc;
}

/** A picture's box as an attached image's: the same placement, EXIF turn included. */
function imageBox(it: ImageItem, rotation: ExternalItem['rotation']): ExternalItem {
  return { kind: 'external', source: -1, page: 0, x: it.x, y: it.y, width: it.width, height: it.height, rotation };
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
