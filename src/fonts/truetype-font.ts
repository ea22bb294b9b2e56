// Reads what layout and embedding need from a TrueType file (cmap, advances, font-wide metrics, PostScript name)
// straight from its tables. fontkit did this before, but loading it costs a cold start ~120 ms (its module
// initialisation decompresses Unicode data tables) and parsing a face ~12 ms; these reads are lazy and cheap.

/** Font-wide values for the PDF FontDescriptor, in font units (as fontkit reported them). */
export interface FaceMetrics {
  unitsPerEm: number;
  /** hhea ascender and descender (descender negative). */
  ascent: number;
  descent: number;
  /** OS/2 capHeight and xHeight (undefined before OS/2 version 2). */
  capHeight: number | undefined;
  xHeight: number | undefined;
  /** head bounding box. */
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  /** post italicAngle, degrees. */
  italicAngle: number;
  isFixedPitch: boolean;
  /** OS/2 sFamilyClass (0 without OS/2). */
  familyClass: number;
  /** head macStyle italic bit. */
  italic: boolean;
  postscriptName: string;
}

export class TrueTypeFont {
  readonly metrics: FaceMetrics;
  readonly numGlyphs: number;
  private readonly view: DataView;
  private readonly tables = new Map<string, number>();
  private readonly numHMetrics: number;
  private readonly hmtx: number;
  /** The chosen Unicode cmap subtable: format 12 (full Unicode) if present, else format 4 (BMP). */
  private readonly cmapAt: number;
  private readonly cmapFormat: 4 | 12;

  constructor(readonly bytes: Uint8Array) {
    const v = (this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const count = v.getUint16(4);
    for (let i = 0; i < count; i++) {
      const rec = 12 + i * 16;
      this.tables.set(String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!), v.getUint32(rec + 8));
    }
    const head = this.table('head');
    const hhea = this.table('hhea');
    this.numGlyphs = v.getUint16(this.table('maxp') + 4);
    this.numHMetrics = v.getUint16(hhea + 34);
    this.hmtx = this.table('hmtx');
    const post = this.table('post');
    const os2 = this.tables.get('OS/2');
    const os2Version = os2 === undefined ? -1 : v.getUint16(os2);
    this.metrics = {
      unitsPerEm: v.getUint16(head + 18),
      ascent: v.getInt16(hhea + 4),
      descent: v.getInt16(hhea + 6),
      capHeight: os2Version >= 2 ? v.getInt16(os2! + 88) : undefined,
      xHeight: os2Version >= 2 ? v.getInt16(os2! + 86) : undefined,
      bbox: { minX: v.getInt16(head + 36), minY: v.getInt16(head + 38), maxX: v.getInt16(head + 40), maxY: v.getInt16(head + 42) },
      italicAngle: v.getInt32(post + 4) / 65536,
      isFixedPitch: v.getUint32(post + 12) !== 0,
      familyClass: os2 === undefined ? 0 : v.getInt16(os2 + 30),
      italic: (v.getUint16(head + 44) & 2) !== 0,
      postscriptName: this.readPostScriptName(),
    };
    [this.cmapAt, this.cmapFormat] = this.findCmap();
  }

  /** The glyph id for a code point; 0 (.notdef) where the font has none. */
  glyphId(cp: number): number {
    const v = this.view;
    const at = this.cmapAt;
    if (this.cmapFormat === 12) {
      let lo = 0;
      let hi = v.getUint32(at + 12) - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = at + 16 + mid * 12;
        if (cp < v.getUint32(g)) hi = mid - 1;
        else if (cp > v.getUint32(g + 4)) lo = mid + 1;
        else return v.getUint32(g + 8) + (cp - v.getUint32(g));
      }
      return 0;
    }
    if (cp > 0xffff) return 0;
    const segCount = v.getUint16(at + 6) >> 1;
    const ends = at + 14;
    const starts = ends + segCount * 2 + 2;
    const deltas = starts + segCount * 2;
    const rangeOffsets = deltas + segCount * 2;
    let lo = 0;
    let hi = segCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = v.getUint16(starts + mid * 2);
      if (cp < start) hi = mid - 1;
      else if (cp > v.getUint16(ends + mid * 2)) lo = mid + 1;
      else {
        const delta = v.getInt16(deltas + mid * 2);
        const rangeAt = rangeOffsets + mid * 2;
        const rangeOffset = v.getUint16(rangeAt);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        // idRangeOffset counts bytes from its own position to the glyph index entry.
        const entry = rangeAt + rangeOffset + (cp - start) * 2;
        const end = this.cmapAt + v.getUint16(this.cmapAt + 2);
        const gid = entry >= rangeOffsets + segCount * 2 && entry + 2 <= end ? v.getUint16(entry) : 0;
        return gid === 0 ? 0 : (gid + delta) & 0xffff;
      }
    }
    return 0;
  }

  /** Advance width of a glyph in font units (glyphs past numHMetrics share the last advance). */
  advance(gid: number): number {
    return this.view.getUint16(this.hmtx + Math.min(gid, this.numHMetrics - 1) * 4);
  }

  private table(tag: string): number {
    const at = this.tables.get(tag);
    if (at === undefined) throw new Error(`not a TrueType font: no ${tag} table`);
    return at;
  }

  /** Picks the Unicode subtable as fontkit did: (3,10) or (0,6)/(0,4) first, then the 16-bit ones. */
  private findCmap(): [number, 4 | 12] {
    const v = this.view;
    const cmap = this.table('cmap');
    const n = v.getUint16(cmap + 2);
    const subtables: { platform: number; encoding: number; at: number }[] = [];
    for (let i = 0; i < n; i++) {
      const rec = cmap + 4 + i * 8;
      subtables.push({ platform: v.getUint16(rec), encoding: v.getUint16(rec + 2), at: cmap + v.getUint32(rec + 4) });
    }
    for (const [platform, encoding] of [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]]) {
      const hit = subtables.find((s) => s.platform === platform && s.encoding === encoding);
      if (!hit) continue;
      const format = v.getUint16(hit.at);
      if (format !== 4 && format !== 12) throw new Error(`unsupported cmap format ${format}`);
      return [hit.at, format];
    }
    throw new Error('the font has no Unicode cmap');
  }

  /** name ID 6, from the Windows (UTF-16BE) record, else the Macintosh Roman one. */
  private readPostScriptName(): string {
    const v = this.view;
    const name = this.tables.get('name');
    if (name === undefined) return 'Font';
    const count = v.getUint16(name + 2);
    const strings = name + v.getUint16(name + 4);
    let mac: string | undefined;
    for (let i = 0; i < count; i++) {
      const rec = name + 6 + i * 12;
      if (v.getUint16(rec + 6) !== 6) continue;
      const platform = v.getUint16(rec);
      const length = v.getUint16(rec + 8);
      const at = strings + v.getUint16(rec + 10);
      if (platform === 3) {
        let s = '';
        for (let k = 0; k < length; k += 2) s += String.fromCharCode(v.getUint16(at + k));
        return s;
      }
      if (platform === 1 && mac === undefined) mac = String.fromCharCode(...this.bytes.subarray(at, at + length));
    }
    return mac ?? 'Font';
  }
}
