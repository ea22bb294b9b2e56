// Embeds a checked PNG (src/attachments/png.ts): either its own zlib data with the PNG predictor (no decode, no
// re-compression) or its samples decoded and composed onto white; pdf-lib's decoder is not used (it hung on
// truncated RGBA files).
import { PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { PreparedPng } from '../attachments/png.js';

export function embedPng(doc: PDFDocument, png: PreparedPng): PDFRef {
  const ctx = doc.context;
  const colorSpace = png.palette
    ? ctx.obj([PDFName.of('Indexed'), PDFName.of('DeviceRGB'), PDFNumber.of(png.palette.length / 3 - 1), PDFHexString.of(Buffer.from(png.palette).toString('hex'))])
    : PDFName.of(png.colors === 1 ? 'DeviceGray' : 'DeviceRGB');
  const stream = ctx.stream(png.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: png.width,
    Height: png.height,
    ColorSpace: colorSpace,
    BitsPerComponent: png.bitsPerComponent,
    Filter: 'FlateDecode',
    ...(png.predictor ? { DecodeParms: { Predictor: 15, Colors: png.colors, BitsPerComponent: png.bitsPerComponent, Columns: png.width } } : {}),
    ...(png.colorKey ? { Mask: png.colorKey } : {}),
  });
  return ctx.register(stream);
}
