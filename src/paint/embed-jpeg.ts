// Embeds a checked JPEG (src/attachments/jpeg.ts) as it is: a PDF reads JPEG data directly (DCTDecode).
import type { PDFDocument, PDFRef } from 'pdf-lib';
import type { CheckedJpeg } from '../attachments/jpeg.js';

export function embedJpeg(doc: PDFDocument, bytes: Uint8Array, jpeg: CheckedJpeg): PDFRef {
  const stream = doc.context.stream(bytes, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: jpeg.width,
    Height: jpeg.height,
    ColorSpace: jpeg.components === 1 ? 'DeviceGray' : jpeg.components === 3 ? 'DeviceRGB' : 'DeviceCMYK',
    BitsPerComponent: 8,
    Filter: 'DCTDecode',
    // CMYK JPEGs are written inverted (Adobe's convention, which pdf-lib also assumed).
    ...(jpeg.components === 4 ? { Decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
  });
  return doc.context.register(stream);
}
