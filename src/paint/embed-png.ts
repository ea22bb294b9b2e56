// Embeds a PNG without decoding it: its zlib data (IDAT) is already what a PDF image with the PNG predictor holds.
// pdf-lib decodes and re-deflates every PNG (UPNG + pako), which took most of the time of packets with scans.
import { PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';

/** Returns the image's ref, or undefined when the PNG needs decoding (alpha, transparency, interlacing, 16-bit). */
export function embedPngDirect(doc: PDFDocument, bytes: Uint8Array): { ref: PDFRef; width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = -1;
  let interlace = 0;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      depth = data[8]!;
      colorType = data[9]!;
      interlace = data[12]!;
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') return undefined;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  const colors = colorType === 0 ? 1 : colorType === 2 ? 3 : colorType === 3 ? 1 : 0;
  if (!colors || interlace !== 0 || depth > 8 || (colorType === 2 && depth !== 8) || idat.length === 0 || (colorType === 3 && !palette)) return undefined;
  const ctx = doc.context;
  const colorSpace =
    colorType === 3
      ? ctx.obj([PDFName.of('Indexed'), PDFName.of('DeviceRGB'), PDFNumber.of(palette!.length / 3 - 1), PDFHexString.of(Buffer.from(palette!).toString('hex'))])
      : PDFName.of(colorType === 0 ? 'DeviceGray' : 'DeviceRGB');
  const stream = ctx.stream(Buffer.concat(idat), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: colorSpace,
    BitsPerComponent: depth,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: depth, Columns: width },
  });
  return { ref: ctx.register(stream), width, height };
}
