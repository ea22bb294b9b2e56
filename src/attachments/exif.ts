// A phone photo of a page records how to turn it upright in its EXIF orientation; it is applied like a PDF's /Rotate.

/** Clockwise rotation that displays a JPEG upright, from its EXIF orientation (mirrored variants are not mirrored). */
export function exifRotation(b: Uint8Array): 0 | 90 | 180 | 270 {
  try {
    return readOrientation(b);
  } catch {
    return 0; // a damaged EXIF block only loses the orientation, never the image
  }
}

function readOrientation(b: Uint8Array): 0 | 90 | 180 | 270 {
  let i = 2;
  while (i + 4 < b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (marker === 0xe1 && Buffer.from(b.subarray(i + 4, i + 10)).toString('latin1') === 'Exif\u0000\u0000') {
      const tiff = i + 10;
      const little = b[tiff] === 0x49;
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const u16 = (at: number) => view.getUint16(at, little);
      const ifd = tiff + view.getUint32(tiff + 4, little);
      if (ifd + 2 > b.length) return 0;
      for (let e = 0; e < u16(ifd); e++) {
        const entry = ifd + 2 + e * 12;
        if (entry + 12 > b.length) return 0;
        if (u16(entry) === 0x0112) {
          const o = u16(entry + 8);
          return o === 3 || o === 4 ? 180 : o === 6 || o === 5 ? 90 : o === 8 || o === 7 ? 270 : 0;
        }
      }
      return 0;
    }
    if (marker === 0xda) return 0; // start of scan: no EXIF before the image data
    i += 2 + len;
  }
  return 0;
}
