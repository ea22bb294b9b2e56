// Embeds the font family into one PDF (subset), each face on first use, through our own Type0 font embedder.
import { PDFFont, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { FontSet } from '../fonts/font-set.js';
import type { FaceName } from '../layout/text-measurer.js';
import { SubsetFontEmbedder } from './subset-font-embedder.js';

export interface EmbeddedFace {
  /** For pdf-lib's own drawing (form field appearances): encodes and measures through the same embedder. */
  font: PDFFont;
  ref: PDFRef;
  /** Resource name used in content streams (F1…F4). */
  key: string;
  /** The glyph codes for `text`, one glyph per code point, each code (the subset glyph id) as one UTF-16 unit. */
  encode(text: string): string;
}

export type EmbeddedFonts = (face: FaceName) => Promise<EmbeddedFace>;

const KEYS: Record<FaceName, string> = { regular: 'F1', bold: 'F2', italic: 'F3', boldItalic: 'F4' };

/** Returns a lazy lookup: a face is embedded the first time a page uses it. */
export function embedFonts(doc: PDFDocument, fonts: FontSet): EmbeddedFonts {
  const embedded = new Map<FaceName, Promise<EmbeddedFace>>();
  return (face) => {
    let hit = embedded.get(face);
    if (!hit) {
      const source = fonts.faces[face];
      const embedder = new SubsetFontEmbedder(source.font, source.subsetter, (text, size) => fonts.width(text, face, size));
      // As doc.embedFont does: a reserved ref, and the font listed so that saving writes it after all drawing.
      const font = PDFFont.of(doc.context.nextRef(), doc, embedder);
      (doc as unknown as { fonts: PDFFont[] }).fonts.push(font);
      hit = Promise.resolve({ font, ref: font.ref, key: KEYS[face], encode: (text: string) => embedder.encode(text) });
      embedded.set(face, hit);
    }
    return hit;
  };
}
