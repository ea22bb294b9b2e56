// Embeds the font family into one PDF (subset), reusing the parsed fonts and encoding text without re-shaping.
import { PDFHexString, type PDFDocument, type PDFFont, type PDFRef } from 'pdf-lib';
import type { FontSet } from '../fonts/font-set.js';
import type { FaceName } from '../layout/text-measurer.js';

interface SubsetEmbedder {
  font: { glyphForCodePoint(cp: number): { id: number; advanceWidth: number } };
  subset: { includeGlyph(glyph: unknown): number; glyphs: number[] };
  serializeFont(): Promise<Uint8Array>;
  glyphs: unknown[];
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
}

export interface EmbeddedFace {
  font: PDFFont;
  ref: PDFRef;
  /** Resource name used in content streams (F1…F4). */
  key: string;
  /** Hex glyph ids for `text`, one glyph per code point. */
  encode(text: string): string;
}

export type EmbeddedFonts = (face: FaceName) => Promise<EmbeddedFace>;

const KEYS: Record<FaceName, string> = { regular: 'F1', bold: 'F2', italic: 'F3', boldItalic: 'F4' };

/** Returns a lazy lookup: a face is embedded the first time a page uses it. */
export function embedFonts(doc: PDFDocument, fonts: FontSet): EmbeddedFonts {
  // pdf-lib calls fontkit.create(bytes) per embed; hand it the fonts already parsed for layout.
  doc.registerFontkit({ create: (bytes: Uint8Array) => Object.values(fonts.faces).find((f) => f.bytes === bytes)!.font } as never);
  const embedded = new Map<FaceName, Promise<EmbeddedFace>>();
  return (face) => {
    let hit = embedded.get(face);
    if (!hit) {
      hit = doc.embedFont(fonts.faces[face].bytes, { subset: true }).then((font) => {
        const embedder = (font as unknown as { embedder: SubsetEmbedder & { encodeText(text: string): PDFHexString } }).embedder;
        const encode = glyphEncoder(embedder);
        // pdf-lib's own drawing (form field appearances) goes through the same encoder, and measures with the
        // cached advances: its own measuring shapes every string with fontkit (very slow for long field values).
        embedder.encodeText = (text) => PDFHexString.of(encode(text));
        (embedder as unknown as { widthOfTextAtSize(text: string, size: number): number }).widthOfTextAtSize = (text, size) => fonts.width(text, face, size);
        // The subset is written from raw tables (fonts/subset-truetype.ts) instead of fontkit's encoder.
        const subsetter = fonts.faces[face].subsetter;
        embedder.serializeFont = async () => subsetter.subset(embedder.subset.glyphs, (old) => embedder.subset.includeGlyph(old));
        return { font, ref: font.ref, key: KEYS[face], encode };
      });
      embedded.set(face, hit);
    }
    return hit;
  };
}

/**
 * pdf-lib's subset embedder runs fontkit's full OpenType layout for every string (pdf-lib#1228), which
 * dominated render time. Layout measured nominal advances per code point, so encode the same way: one
 * glyph per code point, no ligatures; widths and text extraction are identical.
 */
function glyphEncoder(embedder: SubsetEmbedder): (text: string) => string {
  const codes = new Map<number, string>();
  return (text) => {
    let hex = '';
    let added = false;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let code = codes.get(cp);
      if (code === undefined) {
        const glyph = embedder.font.glyphForCodePoint(cp);
        const subsetId = embedder.subset.includeGlyph(glyph);
        // The ToUnicode map is built from glyph.codePoints, but fontkit caches glyph objects and one first
        // loaded as a component of an accented letter (Z inside Ż) has none: record the code point ourselves.
        embedder.glyphs[subsetId - 1] = { id: glyph.id, advanceWidth: glyph.advanceWidth, codePoints: [cp] };
        embedder.glyphIdMap.set(glyph.id, subsetId);
        code = subsetId.toString(16).padStart(4, '0');
        codes.set(cp, code);
        added = true;
      }
      hex += code;
    }
    if (added) embedder.glyphCache.invalidate();
    return hex;
  };
}
