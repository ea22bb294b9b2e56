// Our table reader agrees with fontkit (a devDependency kept for this) on every code point of the four faces:
// layout, and so every page, depends on the same glyphs, advances and coverage as before.
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../src/fonts/font-set.js';
import type { FaceName } from '../../src/layout/text-measurer.js';

const fonts = loadFontSet();
const FACES = Object.keys(fonts.faces) as FaceName[];
const reference = Object.fromEntries(FACES.map((f) => [f, fontkit.create(fonts.faces[f].bytes)])) as Record<FaceName, fontkit.Font>;

describe('TrueType table reader', () => {
  it.each(FACES)('%s: glyph id, advance and coverage of every Unicode code point match fontkit', (face) => {
    const ours = fonts.faces[face].font;
    const theirs = reference[face];
    const mismatches: string[] = [];
    let covered = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const glyph = theirs.glyphForCodePoint(cp);
      const id = ours.glyphId(cp);
      if (id !== 0) covered++;
      if (id !== glyph.id || ours.advance(id) !== glyph.advanceWidth || (id !== 0) !== theirs.hasGlyphForCodePoint(cp)) mismatches.push(cp.toString(16));
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(covered).toBe(theirs.characterSet.length);
    expect(covered).toBeGreaterThan(5000);
  });

  it.each(FACES)('%s: font-wide metrics and PostScript name match fontkit', (face) => {
    const m = fonts.faces[face].font.metrics;
    const f = reference[face];
    const tables = f as unknown as { post: { isFixedPitch: number }; head: { macStyle: { italic: boolean } }; 'OS/2': { sFamilyClass: number } };
    expect(m).toEqual({
      unitsPerEm: f.unitsPerEm,
      ascent: f.ascent,
      descent: f.descent,
      capHeight: f.capHeight,
      xHeight: f.xHeight,
      bbox: { minX: f.bbox.minX, minY: f.bbox.minY, maxX: f.bbox.maxX, maxY: f.bbox.maxY },
      italicAngle: f.italicAngle,
      isFixedPitch: Boolean(tables.post.isFixedPitch),
      familyClass: tables['OS/2'].sFamilyClass,
      italic: tables.head.macStyle.italic,
      postscriptName: f.postscriptName,
    });
  });

  it('measures text exactly as before (fontkit advances per code point, cached as float32 in the BMP)', () => {
    const text = 'Ábc Σοφία Дмитрий דוד محمد Nguyễn fi ﬁ 王 \u{1D400}\u{1F600}';
    for (const face of FACES) {
      const f = reference[face];
      let expected = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        const em = f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm;
        expected += cp < 0x10000 ? Math.fround(em) : em;
      }
      expect(fonts.width(text, face, 11)).toBe(expected * 11);
    }
    expect(fonts.ascent).toBe(reference.regular.ascent / reference.regular.unitsPerEm);
    expect(fonts.descent).toBe(-reference.regular.descent / reference.regular.unitsPerEm);
  });
});
