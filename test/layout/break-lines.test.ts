import { describe, expect, it } from 'vitest';
import { breakLines } from '../../src/layout/break-lines.js';
import { mono } from '../support/fake-measurer.js';

const text = (lines: ReturnType<typeof breakLines>) => lines.map((l) => l.segments.map((s) => s.text).join(''));

describe('breakLines', () => {
  it('fills lines greedily without exceeding the width', () => {
    // size 10 → 5 pt per character; 50 pt = 10 characters.
    const lines = breakLines([{ text: 'the quick brown fox jumps over' }], 50, 10, mono);
    expect(text(lines)).toEqual(['the quick', 'brown fox', 'jumps over']);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(50);
  });

  it('keeps no-break runs whole (identifiers survive text extraction)', () => {
    const lines = text(breakLines([{ text: 'Member ' }, { text: 'QHP-ABC000000', noBreak: true }, { text: ' is active' }], 80, 10, mono));
    expect(lines.filter((l) => l.includes('QHP-ABC000000'))).toHaveLength(1);
    // Without the no-break mark, the hyphen is a break opportunity.
    expect(text(breakLines([{ text: 'Member QHP-ABC000000 is active' }], 80, 10, mono))[0]).toBe('Member QHP-');
  });

  it('breaks at hyphens and slashes outside no-break runs (UAX #14)', () => {
    expect(text(breakLines([{ text: 'ALT/AST well-controlled' }], 30, 10, mono))[0]).toBe('ALT/');
  });

  it('splits a token wider than the line between characters instead of overflowing', () => {
    const lines = breakLines([{ text: 'https://example.org/very/long/path' }], 50, 10, mono);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(50);
    expect(text(lines).join('')).toBe('https://example.org/very/long/path');
  });

  it('honours forced line breaks and drops trailing spaces', () => {
    expect(text(breakLines([{ text: 'one\ntwo   ' }], 500, 10, mono))).toEqual(['one', 'two']);
  });

  it('keeps styles as separate segments with their offsets', () => {
    const [line] = breakLines([{ text: 'bold', bold: true }, { text: ' plain' }], 500, 10, mono);
    expect(line?.segments.map((s) => [s.text, s.face, s.x])).toEqual([
      ['bold', 'bold', 0],
      [' plain', 'regular', 20],
    ]);
  });

  it('returns no lines for empty text', () => {
    expect(breakLines([], 100, 10, mono)).toEqual([]);
  });
});
