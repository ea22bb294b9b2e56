// Checks a JPEG's structure before it is embedded (its compressed data goes into the PDF as is; decoding a scan in
// JavaScript would cost seconds): markers well formed, a frame header with a real size and a kind PDF can hold, sound
// Huffman and quantization tables, scan data present and ended by the end-of-image marker, so a file cut short is
// caught. Garbled bytes inside the compressed picture data itself are not found (that needs a full decode).
import type { AttachmentLimits } from './limits.js';
import { exifRotation } from './exif.js';
import { pixelSize, refuse, type Refusal } from './refusal.js';

export interface CheckedJpeg {
  width: number;
  height: number;
  /** 1 gray, 3 RGB (YCbCr), 4 CMYK. */
  components: 1 | 3 | 4;
  /** Clockwise turn that shows it upright (EXIF orientation). */
  rotation: 0 | 90 | 180 | 270;
}

const AGAIN = 'Export or scan the image again (or save it as PDF) and attach the new file.';
const cutShort = () => refuse('damaged', 'is cut short: the file ends in the middle of the image (it was probably not copied completely).', AGAIN);
const unreadable = (why: string) => refuse('damaged', `is not a readable JPEG image (${why}).`, AGAIN);

export function checkJpeg(b: Uint8Array, limits: AttachmentLimits): CheckedJpeg | Refusal {
  const n = b.length;
  let frame: { width: number; height: number; components: 1 | 3 | 4 } | undefined;
  let scanned = false;
  let ids: number[] = [];
  let i = 2;
  for (;;) {
    if (i + 2 > n) return cutShort();
    if (b[i] !== 0xff) return unreadable('a marker is missing where one must be');
    while (b[i + 1] === 0xff && i + 2 < n) i++; // fill bytes
    const marker = b[i + 1]!;
    i += 2;
    if (marker === 0xd9) {
      if (!frame || !scanned) return unreadable('it ends before any image data');
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // markers without a length
    if (i + 2 > n) return cutShort();
    const length = (b[i]! << 8) | b[i + 1]!;
    if (length < 2) return unreadable('a segment has an impossible length');
    if (i + length > n) return cutShort();
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) return unreadable('its frame header is damaged');
      if (![0xc0, 0xc1, 0xc2].includes(marker)) {
        return refuse('not-supported', 'is a lossless, hierarchical or arithmetic-coded JPEG, which a PDF cannot hold.', 'Save it again as an ordinary (baseline) JPEG or as PNG, and attach that.');
      }
      const precision = b[i + 2]!;
      const height = (b[i + 3]! << 8) | b[i + 4]!;
      const width = (b[i + 5]! << 8) | b[i + 6]!;
      const components = b[i + 7]!;
      if (!width || !height) return unreadable(`its size is ${width} × ${height} pixels`);
      if (precision !== 8) return refuse('not-supported', `has ${precision}-bit samples; a PDF holds 8-bit JPEGs only.`, 'Save it again as an 8-bit JPEG or as PNG, and attach that.');
      if (![1, 3, 4].includes(components)) return unreadable(`it has ${components} colour components`);
      if (length !== 8 + 3 * components) return unreadable('its frame header is damaged');
      ids = [];
      for (let c = 0; c < components; c++) {
        const [id, sampling, quant] = [b[i + 8 + 3 * c]!, b[i + 9 + 3 * c]!, b[i + 10 + 3 * c]!];
        if (sampling >> 4 < 1 || sampling >> 4 > 4 || (sampling & 15) < 1 || (sampling & 15) > 4 || quant > 3) return unreadable('its frame header is damaged');
        ids.push(id);
      }
      if (width * height > limits.maxPixels) {
        return refuse('too-many-pixels', `is ${pixelSize(width, height)}, over the limit of ${limits.maxPixels / 1e6} megapixels for an image.`, 'Scan at 300 dpi (a Letter page is then 2550 × 3300 pixels), or save the document as PDF.');
      }
      frame = { width, height, components: components as 1 | 3 | 4 };
    }
    const table = marker === 0xc4 ? huffmanTablesOk(b, i + 2, i + length) : marker === 0xdb ? quantTablesOk(b, i + 2, i + length) : true;
    if (!table) return unreadable(`its ${marker === 0xc4 ? 'Huffman' : 'quantization'} tables are damaged`);
    if (marker !== 0xda) {
      i += length;
      continue;
    }
    if (!frame) return unreadable('its image data comes before its frame header');
    const parts = b[i + 2]!;
    if (parts < 1 || parts > 4 || length !== 6 + 2 * parts) return unreadable('its scan header is damaged');
    for (let c = 0; c < parts; c++) {
      const [id, tables] = [b[i + 3 + 2 * c]!, b[i + 4 + 2 * c]!];
      if (!ids.includes(id) || tables >> 4 > 3 || (tables & 15) > 3) return unreadable('its scan header is damaged');
    }
    // Entropy-coded data runs to the next marker: 0xFF not followed by 0x00 (a stuffed byte) or a restart marker.
    i += length;
    for (;;) {
      const at = b.indexOf(0xff, i);
      if (at < 0 || at + 1 >= n) return cutShort();
      const next = b[at + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
        i = at + (next === 0xff ? 1 : 2);
        continue;
      }
      i = at;
      break;
    }
    scanned = true;
  }
  return { ...frame!, rotation: exifRotation(b) };
}

/** DHT: per table a class and id, 16 code counts (at most 256 codes in all) and the code values; nothing left over. */
function huffmanTablesOk(b: Uint8Array, at: number, end: number): boolean {
  while (at < end) {
    const id = b[at]!;
    if (id >> 4 > 1 || (id & 15) > 3 || at + 17 > end) return false;
    let codes = 0;
    for (let k = 1; k <= 16; k++) codes += b[at + k]!;
    if (codes > 256) return false;
    at += 17 + codes;
  }
  return at === end;
}

/** DQT: per table a precision (8 or 16 bits) and id, then 64 values. */
function quantTablesOk(b: Uint8Array, at: number, end: number): boolean {
  while (at < end) {
    const pq = b[at]! >> 4;
    if (pq > 1 || (b[at]! & 15) > 3) return false;
    at += 1 + 64 * (pq + 1);
  }
  return at === end;
}
