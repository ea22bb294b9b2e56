// Every kind of valid PNG is accepted and drawn as it shows on a white page: plain ones keep their compressed data
// (PNG predictor), the others (alpha, 16-bit, interlaced, palette with transparency) are decoded and composed onto
// white. Broken ones are refused with a reason.
import { deflateSync, inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/attachments/limits.js';
import { preparePng, type PreparedPng } from '../../src/attachments/png.js';
import { isRefusal } from '../../src/attachments/refusal.js';
import { hostilePng, ihdr, pngChunk, pngFile, scanPixels } from '../hostile/make-attachments.js';

const W = 37;
const H = 23;

function prepared(bytes: Uint8Array, limits = DEFAULT_LIMITS): PreparedPng {
  const p = preparePng(bytes, limits);
  if (isRefusal(p)) throw new Error(p.message);
  return p;
}

/** The expected pixel on white, from pngjs's own decoding of the file. */
function onWhite(bytes: Uint8Array, x: number, y: number, gray: boolean): number[] {
  const { data } = PNG.sync.read(Buffer.from(bytes));
  const i = (y * W + x) * 4;
  const a = data[i + 3]!;
  const px = [0, 1, 2].map((c) => Math.round((data[i + c]! * a + 255 * (255 - a)) / 255));
  return gray ? [px[0]!] : px;
}

describe('PNG variants', () => {
  it.each([
    ['RGB 8-bit', 2, 8],
    ['gray 8-bit', 0, 8],
  ] as const)('%s keeps its compressed data', (_name, colorType, bitDepth) => {
    const bytes = PNG.sync.write({ width: W, height: H, data: scanPixels(W, H) } as PNG, { colorType, bitDepth, inputHasAlpha: true });
    const p = prepared(bytes);
    expect(p).toMatchObject({ width: W, height: H, predictor: true, colors: colorType === 2 ? 3 : 1, bitsPerComponent: 8 });
  });

  it.each([
    ['RGBA 8-bit', 6, 8, false],
    ['RGBA 16-bit', 6, 16, false],
    ['gray + alpha 8-bit', 4, 8, true],
    ['RGB 16-bit', 2, 16, false],
  ] as const)('%s is decoded and composed onto white', (_name, colorType, bitDepth, gray) => {
    const bytes = PNG.sync.write({ width: W, height: H, data: scanPixels(W, H) } as PNG, { colorType, bitDepth, inputHasAlpha: true });
    const p = prepared(bytes);
    expect(p).toMatchObject({ width: W, height: H, predictor: false, colors: gray ? 1 : 3, bitsPerComponent: 8 });
    const samples = inflateSync(p.data);
    expect(samples.length).toBe(W * H * p.colors);
    for (const [x, y] of [[0, 0], [5, 7], [W - 1, H - 1], [20, 11]] as const) {
      const at = (y * W + x) * p.colors;
      for (const [c, v] of [...samples.subarray(at, at + p.colors)].entries()) expect(Math.abs(v - onWhite(bytes, x, y, gray)[c]!)).toBeLessThanOrEqual(1);
    }
  });

  it('an interlaced 1-bit PNG is decoded', () => {
    // Adam7 with 1-bit gray samples: every pass row is a filter byte and ceil(width / 8) bytes, all 0xff (white).
    const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
    const rows: Buffer[] = [];
    for (const [x0, y0, dx, dy] of passes) {
      const w = Math.ceil((W - x0!) / dx!);
      const h = Math.ceil((H - y0!) / dy!);
      if (w > 0 && h > 0) for (let r = 0; r < h; r++) rows.push(Buffer.concat([Buffer.from([0]), Buffer.alloc(Math.ceil(w / 8), 0xff)]));
    }
    const p = prepared(pngFile(W, H, 1, 0, deflateSync(Buffer.concat(rows)), [], 1));
    expect(p).toMatchObject({ colors: 1, predictor: false });
    expect([...inflateSync(p.data)].every((v) => v === 255)).toBe(true);
  });

  it('a palette image keeps its palette; with transparency it is decoded', () => {
    const palette = pngChunk('PLTE', Buffer.from([255, 0, 0, 0, 0, 255]));
    const rows = Buffer.concat(Array.from({ length: H }, (_, y) => Buffer.concat([Buffer.from([0]), Buffer.alloc(W, y % 2)])));
    const plain = prepared(pngFile(W, H, 8, 3, deflateSync(rows), [palette]));
    expect(plain).toMatchObject({ colors: 1, predictor: true, palette: Buffer.from([255, 0, 0, 0, 0, 255]) });
    const clear = prepared(pngFile(W, H, 8, 3, deflateSync(rows), [palette, pngChunk('tRNS', Buffer.from([0]))]));
    expect(clear).toMatchObject({ colors: 3, predictor: false });
    const samples = inflateSync(clear.data);
    expect([...samples.subarray(0, 3)]).toEqual([255, 255, 255]); // row 0: index 0, fully transparent → white
    expect([...samples.subarray(W * 3, W * 3 + 3)]).toEqual([0, 0, 255]); // row 1: index 1, opaque blue
  });

  it('a colour key (tRNS on RGB) becomes a PDF colour-key mask', () => {
    const rows = Buffer.concat(Array.from({ length: H }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(W * 3, 200)])));
    const p = prepared(pngFile(W, H, 8, 2, deflateSync(rows), [pngChunk('tRNS', Buffer.from([0, 200, 0, 200, 0, 200]))]));
    expect(p.colorKey).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it.each([
    ['truncated', hostilePng.truncatedRgb(), /cut short/],
    ['colour type 5', hostilePng.colorType5(), /colour type 5/],
    ['header only', hostilePng.headerOnly(), /no image data/],
    ['data larger than the size', hostilePng.lyingSize(), /larger than its size says/],
    ['filter 7', hostilePng.badFilter(), /damaged/],
    ['bit depth 3', Buffer.concat([pngFile(4, 4, 8, 0, deflateSync(Buffer.alloc(20))).subarray(0, 8), ihdr(4, 4, 3, 0)]), /cannot have 3-bit/],
  ])('refuses a PNG: %s', (_name, bytes, why) => {
    const p = preparePng(bytes, DEFAULT_LIMITS);
    expect(isRefusal(p) && p.message).toMatch(why);
  });

  it('refuses an image that must be decoded when it is over the decoded-size limit', () => {
    const bytes = PNG.sync.write({ width: W, height: H, data: scanPixels(W, H) } as PNG, { colorType: 6 });
    const p = preparePng(bytes, { ...DEFAULT_LIMITS, maxDecodedImageBytes: 1000 });
    expect(isRefusal(p) && p.slug).toBe('too-many-pixels');
  });
});
