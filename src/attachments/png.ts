// Checks a PNG completely before it is embedded, and prepares its image data. A PNG without alpha, transparency,
// interlacing or 16-bit samples keeps its compressed data as is (a PDF image with the PNG predictor reads it
// directly: no decode, no re-compression); the check inflates it once, with a ceiling, to prove the data is all there.
// Other PNGs are decoded with pngjs (alpha composed onto the white page) after the same check.
import { deflateSync, inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import type { AttachmentLimits } from './limits.js';
import { megabytes } from './limits.js';
import { pixelSize, refuse, type Refusal } from './refusal.js';

export interface PreparedPng {
  width: number;
  height: number;
  /** zlib data of the samples. */
  data: Uint8Array;
  colors: 1 | 3;
  bitsPerComponent: number;
  /** The data has a PNG filter byte per row (the PNG predictor); otherwise plain samples. */
  predictor: boolean;
  /** RGB palette of an indexed image. */
  palette?: Uint8Array;
  /** Colour-key transparency ([min max] per colour): those pixels are not painted. */
  colorKey?: number[];
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
// Adam7 passes: x offset, y offset, x step, y step.
const PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

const AGAIN = 'Export or scan the image again (or save it as PDF) and attach the new file.';
const unreadable = (why: string) => refuse('damaged', `is not a readable PNG image (${why}).`, AGAIN);

export function preparePng(bytes: Uint8Array, limits: AttachmentLimits): PreparedPng | Refusal {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let header: Uint8Array | undefined;
  let palette: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) return unreadable('a chunk of it is damaged');
    if (pos + 12 + length > bytes.length) {
      if (type === 'IEND' && pos + 8 + length <= bytes.length) break; // only the last checksum missing
      return refuse('damaged', 'is cut short: the file ends in the middle of the image (it was probably not copied completely).', AGAIN);
    }
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (!header && type !== 'IHDR') return unreadable('it does not start with an image header');
    if (type === 'IHDR') header = data;
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  if (!header || header.length < 13) return unreadable('it has no image header');
  const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const width = hv.getUint32(0);
  const height = hv.getUint32(4);
  const [depth, colorType, compression, filter, interlace] = [header[8]!, header[9]!, header[10]!, header[11]!, header[12]!];
  if (!width || !height) return unreadable(`its size is ${width} × ${height} pixels`);
  if (!DEPTHS[colorType]) return unreadable(`colour type ${colorType} does not exist`);
  if (!DEPTHS[colorType]!.includes(depth)) return unreadable(`colour type ${colorType} cannot have ${depth}-bit samples`);
  if (compression !== 0 || filter !== 0 || interlace > 1) return unreadable('its header names an unknown compression, filter or interlace method');
  if (width * height > limits.maxPixels) {
    return refuse('too-many-pixels', `is ${pixelSize(width, height)}, over the limit of ${limits.maxPixels / 1e6} megapixels for an image.`, 'Scan at 300 dpi (a Letter page is then 2550 × 3300 pixels), or save the document as PDF.');
  }
  if (colorType === 3 && (!palette || palette.length % 3 !== 0 || palette.length === 0 || palette.length > 768)) return unreadable('its colour palette is missing or damaged');
  if (idat.length === 0) return refuse('damaged', 'is cut short: it has a header but no image data.', AGAIN);

  const channels = CHANNELS[colorType]!;
  const rowBytes = (w: number) => Math.ceil((w * channels * depth) / 8);
  // Each row of each pass: a filter byte, then the row's samples.
  const rows: { at: number; length: number }[] = [];
  let expected = 0;
  for (const [x0, y0, dx, dy] of interlace ? PASSES : ([[0, 0, 1, 1]] as const)) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w <= 0 || h <= 0) continue;
    rows.push({ at: expected, length: rowBytes(w) + 1 });
    expected += h * (rowBytes(w) + 1);
  }
  const decode = interlace === 1 || depth === 16 || colorType === 4 || colorType === 6 || (colorType === 3 && trns !== undefined);
  const decodedBytes = width * height * channels * (depth / 8);
  if (decode && decodedBytes > limits.maxDecodedImageBytes) {
    return refuse(
      'too-many-pixels',
      `is ${pixelSize(width, height)} with ${depth === 16 ? '16-bit samples' : interlace ? 'interlacing' : 'transparency'}, which must be decoded: ${megabytes(decodedBytes)}, over the ${megabytes(limits.maxDecodedImageBytes)} limit.`,
      'Save it as an 8-bit PNG without transparency or interlacing (or as JPEG or PDF), or scan at a lower resolution.',
    );
  }
  const compressed = idat.length === 1 ? idat[0]! : Buffer.concat(idat);
  let raw: Buffer | undefined;
  try {
    // One byte over the expected size is enough to tell "too much data" from "exactly right".
    raw = inflateSync(compressed, { maxOutputLength: expected + 1 });
  } catch (err) {
    if (err instanceof RangeError) return unreadable('its image data is larger than its size says');
    return (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR'
      ? refuse('damaged', 'is cut short: its image data ends early (the file was probably not copied completely).', AGAIN)
      : unreadable('its image data is damaged');
  }
  if (raw.length !== expected) return refuse('damaged', `is cut short: its image data holds ${raw.length} of ${expected} bytes.`, AGAIN);
  // Every row starts with a filter type, 0–4; anything else means the data is not what the header describes.
  let passStart = 0;
  for (let p = 0; p < rows.length; p++) {
    const end = p + 1 < rows.length ? rows[p + 1]!.at : expected;
    for (let at = passStart; at < end; at += rows[p]!.length) if (raw[at]! > 4) return unreadable('its image data is damaged');
    passStart = end;
  }
  raw = undefined;

  if (!decode) {
    const image: PreparedPng = { width, height, data: compressed, colors: colorType === 2 ? 3 : 1, bitsPerComponent: depth, predictor: true };
    if (colorType === 3) image.palette = palette!;
    const key = trns && colorKey(colorType, depth, trns);
    if (key) image.colorKey = key;
    return image;
  }
  return decodeToWhite(bytes, width, height, colorType === 0 || colorType === 4);
}

/** tRNS of a gray or RGB image: the one colour that is transparent, as a PDF /Mask range. */
function colorKey(colorType: number, depth: number, trns: Uint8Array): number[] | undefined {
  const n = colorType === 0 ? 1 : 3;
  if (trns.length < n * 2) return undefined;
  const key: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = ((trns[i * 2]! << 8) | trns[i * 2 + 1]!) & ((1 << depth) - 1);
    key.push(v, v);
  }
  return key;
}

/** Decodes with pngjs (RGBA, 8 bits) and composes onto white, as the image shows on the page. */
function decodeToWhite(bytes: Uint8Array, width: number, height: number, gray: boolean): PreparedPng | Refusal {
  let rgba: Buffer;
  try {
    rgba = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { checkCRC: false }).data;
  } catch {
    return unreadable('its image data is damaged');
  }
  if (rgba.length !== width * height * 4) return unreadable('its image data is damaged');
  const colors = gray ? 1 : 3;
  const out = Buffer.allocUnsafe(width * height * colors);
  for (let i = 0, o = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    for (let c = 0; c < colors; c++) out[o++] = a === 255 ? rgba[i + c]! : (rgba[i + c]! * a + 255 * (255 - a) + 127) / 255;
  }
  return { width, height, data: deflateSync(out, { level: 6 }), colors, bitsPerComponent: 8, predictor: false };
}
