// Right-to-left text: each laid-out line is in visual order (UAX #9 L1–L2), brackets mirrored (L4), and keeps its
// reading order for extraction; plain ASCII never goes through the bidi algorithm.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextItem } from '../../src/layout/boxes.js';
import { breakLines } from '../../src/layout/break-lines.js';
import { bidiFactory, visualLine } from '../../src/layout/bidi-lines.js';
import { layoutDocument } from '../../src/layout/layout-document.js';
import { mono } from '../support/fake-measurer.js';

const reversed = (s: string) => [...s].reverse().join('');

describe('bidi lines', () => {
  it('draws a Hebrew name inside an English sentence in visual order, with its reading order kept', () => {
    const { pages } = layoutDocument({ blocks: [{ kind: 'paragraph', runs: [{ text: 'Patient דוד כהן (לוי) is 62.' }], style: { size: 'normal', align: 'left', muted: false } }] }, mono);
    const items = pages[0]!.items.filter((i): i is TextItem => i.kind === 'text');
    expect(items.map((i) => i.text)).toEqual(['Patient ', '(יול) ןהכ דוד', ' is 62.']);
    expect(items[1]!.actualText).toBe('דוד כהן (לוי)');
    expect(items[0]!.actualText).toBeUndefined();
    // Segments stay in left-to-right drawing order, each right after the other.
    expect(items[1]!.x).toBeCloseTo(items[0]!.x + mono.width('Patient ', 'regular', 10));
  });

  it('keeps numbers left to right inside right-to-left text, and mirrors brackets', () => {
    expect(visualLine('טמוזולומיד 75 מ"ג [שלב 2]').text).toBe('[2 בלש] ג"מ 75 דימולוזומט');
    expect(visualLine('טמוזולומיד 75 מ"ג [שלב 2]').actualText).toBe('טמוזולומיד 75 מ"ג [שלב 2]');
  });

  it('mirrors every BidiMirroring pair in right-to-left text, not only brackets', () => {
    expect(visualLine('א⩤ב').text).toBe('ב⩥א');
    expect(visualLine('א ≤ ב').text).toBe('ב ≥ א');
  });

  it('reorders each line after breaking, not the paragraph as a whole', () => {
    const lines = breakLines([{ text: 'אבג דהו זחט' }], mono.width('אבג דהו ', 'regular', 10), 10, mono);
    expect(lines.map((l) => l.segments.map((s) => s.text).join(''))).toEqual([reversed('אבג דהו'), reversed('זחט')]);
  });

  it('leaves left-to-right text alone', () => {
    expect(visualLine('Łukasz Wójcik-Żółć')).toEqual({ text: 'Łukasz Wójcik-Żółć' });
    const line = breakLines([{ text: 'Plain ASCII (never reordered)' }], 1000, 10, mono)[0]!;
    expect(line.segments).toEqual([expect.not.objectContaining({ actualText: expect.anything() })]);
  });
});

describe('bidi lines with Hebrew points', () => {
  it('keeps each combining mark after its letter, so it is drawn over that letter', () => {
    // shin + qamats + shin dot, lamed, vav + holam, final mem: "שָׁלוֹם"
    const v = visualLine('שָׁלוֹם Levi');
    expect(v.text).toBe('ם\u05D5\u05B9ל\u05E9\u05B8\u05C1 Levi');
    expect(v.actualText).toBe('שָׁלוֹם Levi');
  });
});

describe('bidi lines, any text', () => {
  const bidi = bidiFactory()();
  const hebrewMix = fc.string({ unit: fc.oneof(fc.constantFrom('א', 'ב', 'ש', 'ם', '\u05B8', '\u05C1', ' ', '(', ')', '[', '-', '1', '7', 'a', 'Z', '.'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 40 });
  it('draws every character once (mirrored pairs swapped in right-to-left runs) and keeps the reading order for extraction', () => {
    const sorted = (s: string) => [...s].sort().join('');
    fc.assert(
      fc.property(hebrewMix, (text) => {
        const v = visualLine(text);
        expect(v.actualText ?? text).toBe(text);
        // A mirrored character (a bracket, or any of Unicode's BidiMirroring pairs: "⩤" and "⩥") is drawn as its
        // mirror only in right-to-left runs, so compare with each pair folded to one of its two.
        const fold = (s: string) => sorted([...s].map((c) => { const m = bidi.getMirroredCharacter(c); return m && m < c ? m : c; }).join(''));
        expect(fold(v.text)).toBe(fold(text));
        if (!v.actualText) expect(v.text).toBe(text);
      }),
    );
  });
});
