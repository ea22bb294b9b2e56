// A TrueType subsetter over raw tables: copies the glyphs a packet uses (and the components of composite glyphs)
// into a new glyf/loca/hmtx, and the hinting tables unchanged. fontkit re-encodes every table field by field on
// each subset (about 3 ms per face per packet); copying bytes is a fraction of that. Long loca offsets and
// 4-byte glyph padding also avoid the short-loca bug of @pdf-lib/fontkit 1.1.1 (foliojs/fontkit#191).

interface Table {
  offset: number;
  length: number;
}

const COPIED = ['cvt ', 'fpgm', 'prep'];
const ARG_WORDS = 0x0001;
const HAS_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAS_XY_SCALE = 0x0040;
const HAS_2X2 = 0x0080;

export class TrueTypeSubsetter {
  private readonly view: DataView;
  private readonly tables = new Map<string, Table>();
  private readonly longLoca: boolean;
  private readonly loca: number;
  private readonly numHMetrics: number;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = this.view.getUint16(4);
    for (let i = 0; i < count; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
      this.tables.set(tag, { offset: this.view.getUint32(rec + 8), length: this.view.getUint32(rec + 12) });
    }
    for (const t of ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx']) if (!this.tables.has(t)) throw new Error(`not a TrueType font: no ${t} table`);
    // loca is read per glyph when subsetting: decoding all of it up front cost a cold start more than the reads.
    this.longLoca = this.view.getInt16(this.table('head').offset + 50) === 1;
    this.loca = this.table('loca').offset;
    this.numHMetrics = this.view.getUint16(this.table('hhea').offset + 34);
  }

  /**
   * Builds a font holding `glyphs` (old glyph ids; the index is the new id, 0 must be .notdef). Components of
   * composite glyphs are added through `include`, which returns their new id (appending to `glyphs`).
   */
  subset(glyphs: number[], include: (oldId: number) => number): Uint8Array {
    const glyf = this.table('glyf').offset;
    const parts: Uint8Array[] = [];
    const offsets: number[] = [0];
    let size = 0;
    for (let i = 0; i < glyphs.length; i++) {
      const old = glyphs[i]!;
      const from = this.glyphOffset(old);
      const start = glyf + from;
      const length = this.glyphOffset(old + 1) - from;
      let data = this.bytes.subarray(start, start + length);
      if (length > 0 && this.view.getInt16(start) < 0) data = this.remapComponents(data, include);
      const padded = (data.length + 3) & ~3;
      const copy = new Uint8Array(padded);
      copy.set(data);
      parts.push(copy);
      size += padded;
      offsets.push(size);
    }
    const n = glyphs.length;
    const loca = new Uint8Array((n + 1) * 4);
    const locaView = new DataView(loca.buffer);
    offsets.forEach((o, i) => locaView.setUint32(i * 4, o));

    const hmtx = new Uint8Array(n * 4);
    const hmtxView = new DataView(hmtx.buffer);
    const src = this.table('hmtx').offset;
    glyphs.forEach((g, i) => {
      const m = Math.min(g, this.numHMetrics - 1);
      const advance = this.view.getUint16(src + m * 4);
      const lsb = g < this.numHMetrics ? this.view.getInt16(src + g * 4 + 2) : this.view.getInt16(src + this.numHMetrics * 4 + (g - this.numHMetrics) * 2);
      hmtxView.setUint16(i * 4, advance);
      hmtxView.setInt16(i * 4 + 2, lsb);
    });

    const head = this.copy('head');
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set below
    headView.setInt16(50, 1); // long loca offsets
    const hhea = this.copy('hhea');
    new DataView(hhea.buffer).setUint16(34, n);
    const maxp = this.copy('maxp');
    new DataView(maxp.buffer).setUint16(4, n);

    const out = new Map<string, Uint8Array>([['head', head], ['hhea', hhea], ['maxp', maxp], ['loca', loca], ['glyf', concat(parts, size)], ['hmtx', hmtx]]);
    for (const t of COPIED) if (this.tables.has(t)) out.set(t, this.copy(t));
    const { font, sum } = writeFont(out);
    // checkSumAdjustment makes the whole font sum to 0xB1B0AFBA.
    const headAt = tableOffset(font, 'head');
    new DataView(font.buffer).setUint32(headAt + 8, (0xb1b0afba - sum) >>> 0);
    return font;
  }

  private glyphOffset(g: number): number {
    return this.longLoca ? this.view.getUint32(this.loca + g * 4) : this.view.getUint16(this.loca + g * 2) * 2;
  }

  private table(tag: string): Table {
    return this.tables.get(tag)!;
  }

  private copy(tag: string): Uint8Array {
    const t = this.table(tag);
    return this.bytes.slice(t.offset, t.offset + t.length);
  }

  private remapComponents(data: Uint8Array, include: (oldId: number) => number): Uint8Array {
    const copy = data.slice();
    const v = new DataView(copy.buffer);
    let p = 10;
    for (;;) {
      const flags = v.getUint16(p);
      v.setUint16(p + 2, include(v.getUint16(p + 2)));
      p += 4 + (flags & ARG_WORDS ? 4 : 2);
      if (flags & HAS_SCALE) p += 2;
      else if (flags & HAS_XY_SCALE) p += 4;
      else if (flags & HAS_2X2) p += 8;
      if (!(flags & MORE_COMPONENTS)) return copy;
    }
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Sum of the big-endian 32-bit words of `data`, zero-padded to a multiple of 4. */
function checksum(data: Uint8Array, v = new DataView(data.buffer, data.byteOffset, data.byteLength)): number {
  const whole = data.length & ~3;
  let sum = 0;
  for (let i = 0; i < whole; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  if (whole < data.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.length ? data[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** Writes the tables (tags sorted, each 4-byte aligned) and returns the font with the sum of all its words. */
function writeFont(tables: Map<string, Uint8Array>): { font: Uint8Array; sum: number } {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  let offset = 12 + count * 16;
  const entries = tags.map((tag) => {
    const data = tables.get(tag)!;
    const e = { tag, data, offset };
    offset += (data.length + 3) & ~3;
    return e;
  });
  const font = new Uint8Array(offset);
  const v = new DataView(font.buffer);
  const pow = 2 ** Math.floor(Math.log2(count));
  v.setUint32(0, 0x00010000);
  v.setUint16(4, count);
  v.setUint16(6, pow * 16);
  v.setUint16(8, Math.log2(pow));
  v.setUint16(10, count * 16 - pow * 16);
  // The whole font's sum is the directory's plus each (zero-padded) table's: no second pass over the bytes.
  let tablesSum = 0;
  entries.forEach((e, i) => {
    const rec = 12 + i * 16;
    const sum = checksum(e.data);
    tablesSum = (tablesSum + sum) >>> 0;
    for (let k = 0; k < 4; k++) font[rec + k] = e.tag.charCodeAt(k);
    v.setUint32(rec + 4, sum);
    v.setUint32(rec + 8, e.offset);
    v.setUint32(rec + 12, e.data.length);
    font.set(e.data, e.offset);
  });
  return { font, sum: (checksum(font.subarray(0, 12 + count * 16)) + tablesSum) >>> 0 };
}

function tableOffset(font: Uint8Array, tag: string): number {
  const v = new DataView(font.buffer, font.byteOffset);
  const count = v.getUint16(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + i * 16;
    if (String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!) === tag) return v.getUint32(rec + 8);
  }
  throw new Error(`no ${tag} table`);
}
