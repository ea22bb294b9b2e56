// Embeds one TrueType face as a subset Type0/CIDFontType2 font (Identity-H, CID = subset glyph id): FontFile2
// from our raw-table subsetter, W widths, ToUnicode CMap, FontDescriptor, all built from our own table reader.
import { deflateSync } from 'node:zlib';
import { CustomFontEmbedder, PDFHexString, PDFString, type PDFContext, type PDFRef } from 'pdf-lib';
import type { TrueTypeFont } from '../fonts/truetype-font.js';
import type { TrueTypeSubsetter } from '../fonts/subset-truetype.js';
import { toUnicodeCmap } from './to-unicode-cmap.js';

/**
 * pdf-lib's PDFFont (needed for form field appearances) accepts only a CustomFontEmbedder, so this extends it;
 * every method pdf-lib calls is overridden, and none of the inherited fontkit-backed code runs.
 */
export class SubsetFontEmbedder extends CustomFontEmbedder {
  /** Original glyph id of each subset glyph (index = subset id = CID; 0 is .notdef). */
  private readonly glyphs: number[] = [0];
  private readonly subsetIds = new Map<number, number>([[0, 0]]);
  /** Subset glyphs drawn for text, each with the code point that ToUnicode maps it back to. */
  private readonly codePoints: number[] = [];
  /** Glyph code (one UTF-16 unit) of each code point seen in this document, indexed by its process-wide slot. */
  private codes: (string | undefined)[];
  private readonly slots: CodePointSlots;
  private readonly unitScale: number;

  constructor(
    private readonly face: TrueTypeFont,
    private readonly subsetter: () => TrueTypeSubsetter,
    private readonly measure: (text: string, size: number) => number,
  ) {
    // The base class only reads unitsPerEm and postscriptName from its font argument.
    super({ unitsPerEm: face.metrics.unitsPerEm, postscriptName: face.metrics.postscriptName } as never, face.bytes);
    this.unitScale = 1000 / face.metrics.unitsPerEm;
    this.slots = slotsOf(face);
    this.codes = new Array<string | undefined>(Math.max(256, this.slots.count + 1));
  }

  /**
   * The glyph codes for `text`, one UTF-16 unit per glyph (its subset id, the 2-byte code of Identity-H): one
   * glyph per code point, no shaping (layout measured nominal advances). The content stream writes them as bytes.
   */
  encode(text: string): string {
    let codes = '';
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      const slot = this.slots.slot(cp);
      const code = slot < this.codes.length ? this.codes[slot] : undefined;
      codes += code ?? this.addCodePoint(cp, slot);
    }
    return codes;
  }

  override encodeText(text: string): PDFHexString {
    const codes = this.encode(text);
    let hex = '';
    for (let i = 0; i < codes.length; i++) hex += codes.charCodeAt(i).toString(16).padStart(4, '0');
    return PDFHexString.of(hex);
  }

  override widthOfTextAtSize(text: string, size: number): number {
    return this.measure(text, size);
  }

  override heightOfFontAtSize(size: number, options: { descender?: boolean } = {}): number {
    const { descent } = this.face.metrics;
    let height = this.fullHeight();
    // pdf-lib subtracts the descender in font units from a height in thousandths of an em; form values are
    // placed with this figure, so it is kept as it was (a value moves by a pixel otherwise).
    if (options.descender === false) height -= Math.abs(descent) || 0;
    return (height / 1000) * size;
  }

  override sizeOfFontAtHeight(height: number): number {
    return (1000 * height) / this.fullHeight();
  }

  /** Ascender to descender in thousandths of an em, computed as pdf-lib does (the same floating-point steps). */
  private fullHeight(): number {
    const { ascent, descent, bbox } = this.face.metrics;
    return (ascent || bbox.maxY) * this.unitScale - (descent || bbox.minY) * this.unitScale;
  }

  override async embedIntoContext(context: PDFContext, ref?: PDFRef): Promise<PDFRef> {
    // The same deterministic "-NNNN" suffix pdf-lib gives (its context seeds the generator), for stable bytes.
    const baseFont = this.customName ?? context.addRandomSuffix(this.fontName);
    const m = this.face.metrics;
    const s = this.unitScale;
    const drawn = this.glyphs.length;
    const program = this.subsetter().subset(this.glyphs, (old) => this.include(old));
    const fontFile = context.register(context.stream(deflateSync(program), { Filter: 'FlateDecode', Length1: program.length }));
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        // Symbolic (bit 3) as pdf-lib set it: glyphs are addressed by id, not by a standard encoding.
        Flags: (m.isFixedPitch ? 1 : 0) | (m.familyClass >= 1 && m.familyClass <= 7 ? 2 : 0) | 4 | (m.familyClass === 10 ? 8 : 0) | (m.italic ? 64 : 0),
        FontBBox: [m.bbox.minX * s, m.bbox.minY * s, m.bbox.maxX * s, m.bbox.maxY * s],
        ItalicAngle: m.italicAngle,
        Ascent: m.ascent * s,
        Descent: m.descent * s,
        CapHeight: (m.capHeight || m.ascent) * s,
        XHeight: (m.xHeight || 0) * s,
        StemV: 0,
        FontFile2: fontFile,
      }),
    );
    const widths: number[] = [];
    for (let id = 1; id < drawn; id++) widths.push(this.face.advance(this.glyphs[id]!) * s);
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        CIDToGIDMap: 'Identity',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: drawn > 1 ? [1, widths] : [],
      }),
    );
    const toUnicode = context.register(context.stream(deflateSync(Buffer.from(toUnicodeCmap(this.codePoints), 'latin1')), { Filter: 'FlateDecode' }));
    const fontDict = context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: baseFont, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode });
    if (ref) {
      context.assign(ref, fontDict);
      return ref;
    }
    return context.register(fontDict);
  }

  private addCodePoint(cp: number, slot: number): string {
    const id = this.include(this.slots.glyphs[slot]!);
    // A glyph drawn for two code points maps back to the later one, as pdf-lib's embedder did.
    if (id !== 0) this.codePoints[id] = cp;
    const code = String.fromCharCode(id);
    if (slot >= this.codes.length) this.codes.length = Math.max(slot + 1, this.codes.length * 2);
    this.codes[slot] = code;
    return code;
  }

  /** The subset id of an original glyph, adding it (the subsetter adds composite glyphs' components here too). */
  private include(gid: number): number {
    let id = this.subsetIds.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.subsetIds.set(gid, id);
    }
    return id;
  }
}

/**
 * Numbers each code point a face has been asked for, once per process (with its glyph id), so that each
 * document's code table is a small dense array rather than a map over all of Unicode. It stays small: one slot
 * per distinct code point, and compose replaces the characters of case data that the fonts cannot draw.
 */
class CodePointSlots {
  /** Slot of each BMP code point (0 = none yet); others go through a map. */
  private readonly bmp = new Uint16Array(0x10000);
  private readonly astral = new Map<number, number>();
  /** Glyph id per slot (slot 0 unused). */
  readonly glyphs: number[] = [0];

  constructor(private readonly face: TrueTypeFont) {}

  get count(): number {
    return this.glyphs.length - 1;
  }

  slot(cp: number): number {
    const hit = cp < 0x10000 ? this.bmp[cp]! : 0;
    if (hit !== 0) return hit;
    return this.astral.get(cp) ?? this.add(cp);
  }

  private add(cp: number): number {
    const slot = this.glyphs.length;
    this.glyphs.push(this.face.glyphId(cp));
    // A Uint16Array holds 65,535 slots; beyond that (a document using most of Unicode) the map takes over.
    if (cp < 0x10000 && slot <= 0xffff) this.bmp[cp] = slot;
    else this.astral.set(cp, slot);
    return slot;
  }
}

const slotTables = new WeakMap<TrueTypeFont, CodePointSlots>();

function slotsOf(face: TrueTypeFont): CodePointSlots {
  let slots = slotTables.get(face);
  if (!slots) slotTables.set(face, (slots = new CodePointSlots(face)));
  return slots;
}
