import { describe, expect, it } from 'vitest';
import { ContentStreamWriter, pdfNumber } from '../../src/paint/content-stream.js';

describe('content stream writer', () => {
  it('writes PDF numbers compactly', () => {
    expect(pdfNumber(12)).toBe('12');
    expect(pdfNumber(0.30000000000000004)).toBe('0.3');
    expect(pdfNumber(-0.0001)).toBe('0');
    expect(pdfNumber(612.3456)).toBe('612.346');
  });

  it('writes text, lines and rectangles as PDF operators, setting the fill colour only when it changes', () => {
    const w = new ContentStreamWriter();
    w.text('F1', 10, 54, 700, '00010002', 0);
    w.text('F2', 9, 60, 680, '0003', 0);
    w.line(54, 650, 558, 650, 0.5, 0.35);
    w.rect(54, 600, 100, 20, 0.9, undefined);
    w.rect(54, 560, 100, 20, undefined, 1);
    expect(w.toString().split('\n')).toEqual([
      '0 g',
      'BT /F1 10 Tf 1 0 0 1 54 700 Tm <00010002> Tj ET',
      'BT /F2 9 Tf 1 0 0 1 60 680 Tm <0003> Tj ET',
      'q 0.35 G 0.5 w 54 650 m 558 650 l S Q',
      'q 0.9 g 54 600 100 20 re f Q',
      'q 0 G 1 w 54 560 100 20 re S Q',
    ]);
  });
});
