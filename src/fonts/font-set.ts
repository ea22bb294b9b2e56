// The packet's font family (DejaVu Sans, from npm): bytes for embedding and cached glyph advances for layout.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FaceName, TextMeasurer } from '../layout/text-measurer.js';
import { TrueTypeSubsetter } from './subset-truetype.js';
import { TrueTypeFont } from './truetype-font.js';

export interface FontFace {
  name: FaceName;
  bytes: Uint8Array;
  /** cmap, advances and font-wide metrics, read from the raw tables on demand. */
  font: TrueTypeFont;
  /** Raw-table subsetter for embedding (built on first embed, once per process). */
  subsetter(): TrueTypeSubsetter;
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

const NAMES = Object.keys(FILES) as FaceName[];

let shared: FontSet | undefined;

/** Loads the fonts once per process: reading the files and their table directories takes about a millisecond. */
export function loadFontSet(): FontSet {
  if (shared) return shared;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const faces = {} as Record<FaceName, FontFace>;
  const advances = {} as Record<FaceName, Float32Array>;
  for (const name of NAMES) {
    const bytes = new Uint8Array(readFileSync(path.join(dir, FILES[name])));
    let subsetter: TrueTypeSubsetter | undefined;
    faces[name] = { name, bytes, font: new TrueTypeFont(bytes), subsetter: () => (subsetter ??= new TrueTypeSubsetter(bytes)) };
    advances[name] = new Float32Array(0x10000).fill(-1);
  }
  const regular = faces.regular.font.metrics;
  // Per-code-point advance cache (in ems), filled on first use. Float32 holds these exactly: an advance is an
  // integer number of font units over a power-of-two unitsPerEm (2048).
  const advance = (face: FaceName, cp: number): number => {
    const font = faces[face].font;
    const w = font.advance(font.glyphId(cp)) / font.metrics.unitsPerEm;
    if (cp < 0x10000) advances[face][cp] = w;
    return w;
  };
  // 0 = not yet known, 1 = every face draws it, 2 = some face lacks it (BMP only; the rest goes to a Map).
  const coverageBmp = new Uint8Array(0x10000);
  const coverageAstral = new Map<number, boolean>();
  const allFacesDraw = (cp: number) => NAMES.every((f) => faces[f].font.glyphId(cp) !== 0);
  shared = {
    faces,
    width(text, face, size) {
      // Layout's hottest call: the table is looked up once per string and a cached advance read inline.
      const table = advances[face];
      let w = 0;
      for (let i = 0; i < text.length; i++) {
        let cp = text.charCodeAt(i);
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) cp = text.codePointAt(i++)!;
        const hit = cp < 0x10000 ? table[cp]! : -1;
        w += hit >= 0 ? hit : advance(face, cp);
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
