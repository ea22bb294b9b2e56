// The packet's font family (DejaVu Sans, from npm): bytes for embedding and cached glyph advances for layout.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { FaceName, TextMeasurer } from '../layout/text-measurer.js';
import { TrueTypeSubsetter } from './subset-truetype.js';

export interface FontFace {
  name: FaceName;
  bytes: Uint8Array;
  font: fontkit.Font;
  /** Raw-table subsetter for embedding (parsed once per process). */
  subsetter: TrueTypeSubsetter;
}

export interface FontSet extends TextMeasurer {
  faces: Record<FaceName, FontFace>;
}

const FILES: Record<FaceName, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
};

let shared: FontSet | undefined;

/** Loads the fonts once per process; parsing a 750 KB TTF is the costliest step of a cold start. */
export function loadFontSet(): FontSet {
  if (shared) return shared;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const faces = {} as Record<FaceName, FontFace>;
  const advances = {} as Record<FaceName, Float32Array>;
  const units = {} as Record<FaceName, number>;
  for (const name of Object.keys(FILES) as FaceName[]) {
    const bytes = new Uint8Array(readFileSync(path.join(dir, FILES[name])));
    const font = fontkit.create(bytes);
    faces[name] = { name, bytes, font, subsetter: new TrueTypeSubsetter(bytes) };
    advances[name] = new Float32Array(0x10000).fill(-1);
    units[name] = font.unitsPerEm;
  }
  const regular = faces.regular.font;
  // Per-code-point advance cache: pdf-lib's widthOfTextAtSize runs full shaping per call (pdf-lib#1228).
  const advance = (face: FaceName, cp: number): number => {
    const table = advances[face];
    if (cp < 0x10000) {
      const hit = table[cp]!;
      if (hit >= 0) return hit;
      const w = faces[face].font.glyphForCodePoint(cp).advanceWidth / units[face];
      table[cp] = w;
      return w;
    }
    return faces[face].font.glyphForCodePoint(cp).advanceWidth / units[face];
  };
  // 0 = not yet known, 1 = every face draws it, 2 = some face lacks it (BMP only; the rest goes to a Map).
  const coverageBmp = new Uint8Array(0x10000);
  const coverageAstral = new Map<number, boolean>();
  const allFacesDraw = (cp: number) => (Object.keys(faces) as FaceName[]).every((f) => faces[f].font.hasGlyphForCodePoint(cp));
  shared = {
    faces,
    width(text, face, size) {
      let w = 0;
      for (let i = 0; i < text.length; i++) {
        let cp = text.charCodeAt(i);
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) cp = text.codePointAt(i++)!;
        w += advance(face, cp);
      }
      return w * size;
    },
    ascent: regular.ascent / regular.unitsPerEm,
    descent: -regular.descent / regular.unitsPerEm,
    covers(cp) {
      if (cp < 0x10000) {
        if (coverageBmp[cp] === 0) coverageBmp[cp] = allFacesDraw(cp) ? 1 : 2;
        return coverageBmp[cp] === 1;
      }
      let hit = coverageAstral.get(cp);
      if (hit === undefined) coverageAstral.set(cp, (hit = allFacesDraw(cp)));
      return hit;
    },
  };
  return shared;
}
