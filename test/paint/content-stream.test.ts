import { inflateSync } from 'node:zlib';
import { PDFCrossRefStream, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObjectStream, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ContentStreamWriter, pdfNumber } from '../../src/paint/content-stream.js';
import { deflate, useNativeDeflate } from '../../src/paint/native-deflate.js';

/** Glyph codes written as hex, four digits each, as the writer takes them: one UTF-16 unit per code. */
const codes = (hex: string) => String.fromCharCode(...(hex.match(/..../g) ?? []).map((h) => parseInt(h, 16)));

describe('content stream writer', () => {
  it('writes PDF numbers compactly', () => {
    expect(pdfNumber(12)).toBe('12');
    expect(pdfNumber(0.30000000000000004)).toBe('0.3');
    expect(pdfNumber(-0.0001)).toBe('0');
    expect(pdfNumber(612.3456)).toBe('612.346');
  });

  it('shares one text object between runs, setting font and colours only when they change', () => {
    const w = new ContentStreamWriter();
    w.text('F1', 10, 54, 700, codes('00010002'), 0);
    w.text('F1', 10, 54, 686.4, codes('0003'), 0);
    w.text('F2', 9, 118.727, 686.4, codes('0003'), 0.25);
    w.line(54, 650, 558, 650, 0.5, 0.35);
    w.line(54, 640, 558, 640, 0.5, 0.35);
    w.rect(54, 600, 100, 20, 0.9, undefined);
    w.rect(54, 560, 100, 20, undefined, 1);
    w.text('F2', 9, 60, 500, codes('0004'), 0);
    expect(w.toString().split('\n')).toEqual([
      'BT',
      // The page starts with black fill: no colour before the first run.
      '/F1 10 Tf',
      '54 700 Td',
      '(\0\x01\0\x02) Tj',
      // Each run moves from the previous one.
      '0 -13.6 Td',
      '(\0\x03) Tj',
      '0.25 g',
      '/F2 9 Tf',
      '64.727 0 Td',
      '(\0\x03) Tj',
      'ET',
      '0.35 G',
      '0.5 w',
      '54 650 m 558 650 l S',
      '54 640 m 558 640 l S',
      '0.9 g',
      '54 600 100 20 re f',
      '0 G',
      '1 w',
      '54 560 100 20 re S',
      // A new text object starts from the origin again; the font carries over, the fill was changed by the box.
      'BT',
      '0 g',
      '60 500 Td',
      '(\0\x04) Tj',
      'ET',
      '',
    ]);
  });

  it('lands relative moves exactly on the positions, to the thousandth', () => {
    const w = new ContentStreamWriter();
    const ys = [699.98, 662.046, 635.138, 621.538, 607.938];
    const xs = [54, 61, 118.727, 377.727, 54.0004];
    ys.forEach((y, i) => w.text('F1', 10, xs[i]!, y, codes('0001'), 0));
    const moves = w.toString().split('\n').filter((l) => l.endsWith(' Td')).map((l) => l.split(' ').slice(0, 2).map(Number));
    let [x, y] = [0, 0];
    moves.forEach(([dx, dy], i) => {
      // Sums in thousandths (integers) are exact: the decimal sum is the position pdfNumber would write.
      [x, y] = [Math.round(x * 1000 + dx! * 1000) / 1000, Math.round(y * 1000 + dy! * 1000) / 1000];
      expect([pdfNumber(x), pdfNumber(y)]).toEqual([pdfNumber(xs[i]!), pdfNumber(ys[i]!)]);
    });
  });

  it('escapes the bytes a literal string cannot hold as they are', () => {
    const w = new ContentStreamWriter();
    // ( ) \ CR LF as low bytes of glyph codes; 0x0A0D as a whole code.
    w.text('F1', 10, 0, 0, codes('00280029005c000d000a0a0d'), 0);
    expect(w.toString()).toContain('(\0\\(\0\\)\0\\\\\0\\r\0\\n\\n\\r) Tj');
  });

  it('places rotated text with a matrix, and the next upright run absolutely', () => {
    const w = new ContentStreamWriter();
    w.text('F2', 60, 150, 300, codes('0001'), 0.85, 45);
    w.text('F1', 10, 54, 52, codes('0002'), 0);
    expect(w.toString().split('\n').filter((l) => / T[md]$/.test(l))).toEqual(['0.707 0.707 -0.707 0.707 150 300 Tm', '1 0 0 1 54 52 Tm']);
  });
});

describe('native deflate', () => {
  it('compresses every stream of a saved document once, with zlib, and the result inflates back', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    useNativeDeflate(doc.context);
    const page = doc.addPage([612, 792]);
    const text = 'BT /F1 10 Tf 54 700 Td (hello) Tj ET\n'.repeat(50);
    const stream = doc.context.flateStream(text);
    expect(Buffer.from(inflateSync(stream.getContents())).toString('latin1')).toBe(text);
    expect(stream.getContents()).toEqual(deflate(Buffer.from(text, 'latin1')));
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
    // pdf-lib's writer makes the object streams and the cross-reference stream itself: they are zlib's too.
    const objects = PDFObjectStream.withContextAndObjects(doc.context, [[PDFRef.of(1), PDFNumber.of(7)]], true);
    expect(objects.getContents()).toEqual(deflate(objects.getUnencodedContents()));
    const xref = PDFCrossRefStream.create(PDFDict.withContext(doc.context), true);
    xref.addUncompressedEntry(PDFRef.of(1), 15);
    expect(xref.getContents()).toEqual(deflate(xref.getUnencodedContents()));
    const again = await PDFDocument.load(await doc.save({ useObjectStreams: true }));
    expect(again.getPageCount()).toBe(1);
  });
});
