// The subset fonts we embed ourselves: widths, descriptor and program agree with the original faces (read by
// fontkit, a devDependency), every drawn glyph maps back to its character, and payer forms are drawn in DejaVu.
import { inflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFContext } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fillForm } from '../../src/assemble/fill-form.js';
import { embedFonts } from '../../src/paint/embed-fonts.js';
import { loadFontSet } from '../../src/fonts/font-set.js';
import { generatePacket } from '../../src/generate-packet.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { loadPayerForm } from '../../src/payers/load-payer-form.js';
import { buildCase, renamePatient, TODAY, SAMPLES_DIR } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';

const originals = Object.values(loadFontSet().faces).map((f) => fontkit.create(f.bytes));

interface Type0 {
  name: string;
  cidFont: PDFDict;
  descriptor: PDFDict;
  toUnicode: Map<number, number>;
  program: Uint8Array;
  fontFile: PDFRawStream;
}

function type0Fonts(context: PDFContext): Type0[] {
  const out: Type0[] = [];
  for (const [, obj] of context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const cidFont = context.lookup((context.lookup(obj.get(PDFName.of('DescendantFonts'))) as PDFArray).get(0)) as PDFDict;
    const descriptor = context.lookup(cidFont.get(PDFName.of('FontDescriptor'))) as PDFDict;
    const cmap = inflateSync((context.lookup(obj.get(PDFName.of('ToUnicode'))) as PDFRawStream).contents).toString('latin1');
    const toUnicode = new Map<number, number>();
    for (const [, gid, utf16] of cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]{4,8})>/g)) toUnicode.set(parseInt(gid!, 16), String.fromCharCode(...utf16!.match(/..../g)!.map((u) => parseInt(u, 16))).codePointAt(0)!);
    const fontFile = context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream;
    out.push({ name: (obj.get(PDFName.of('BaseFont')) as PDFName).decodeText(), cidFont, descriptor, toUnicode, fontFile, program: inflateSync(fontFile.contents) });
  }
  return out;
}

const num = (o: unknown) => (o as PDFNumber).asNumber();

describe('embedded subset fonts', () => {
  it('have the original widths, descriptor values and glyphs, and a ToUnicode entry for every drawn glyph', async () => {
    const raw = buildCase((c) => renamePatient(c, { firstName: 'Σοφία דוד', lastName: 'Żółć-Ærø Nguyễn Щербаков' }));
    const { bytes } = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY });
    const doc = await PDFDocument.load(bytes);
    const fonts = type0Fonts(doc.context);
    expect(fonts.map((f) => f.name.replace(/-\d+$/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']);
    for (const font of fonts) {
      const original = originals.find((f) => f.postscriptName === font.name.replace(/-\d+$/, ''))!;
      const scale = 1000 / original.unitsPerEm;
      const d = font.descriptor;
      expect((d.get(PDFName.of('FontName')) as PDFName).decodeText()).toBe(font.name);
      expect((d.lookup(PDFName.of('FontBBox'), PDFArray).asArray()).map(num)).toEqual([original.bbox.minX * scale, original.bbox.minY * scale, original.bbox.maxX * scale, original.bbox.maxY * scale]);
      expect(num(d.get(PDFName.of('Ascent')))).toBe(original.ascent * scale);
      expect(num(d.get(PDFName.of('Descent')))).toBe(original.descent * scale);
      expect(num(d.get(PDFName.of('ItalicAngle')))).toBe(original.italicAngle);
      expect(num(d.get(PDFName.of('Flags')))).toBe(original.italicAngle ? 4 + 64 : 4);
      expect(num(font.fontFile.dict.get(PDFName.of('Length1')))).toBe(font.program.length);
      // The font's checkSumAdjustment makes all its 32-bit words sum to 0xB1B0AFBA (OpenType 'head').
      const words = new DataView(font.program.buffer, font.program.byteOffset, font.program.byteLength);
      let sum = 0;
      for (let i = 0; i + 4 <= font.program.length; i += 4) sum = (sum + words.getUint32(i)) >>> 0;
      expect(font.program.length % 4).toBe(0);
      expect(sum).toBe(0xb1b0afba);

      // W is [1 [w1 … wn]]: one width per glyph drawn for text, each the original advance of its character.
      const w = font.cidFont.lookup(PDFName.of('W'), PDFArray);
      expect(num(w.get(0))).toBe(1);
      const widths = (w.lookup(1, PDFArray)).asArray().map(num);
      const subset = fontkit.create(font.program);
      widths.forEach((width, i) => {
        const cp = font.toUnicode.get(i + 1);
        expect(cp, `${font.name} glyph ${i + 1} has no ToUnicode entry`).toBeDefined();
        const glyph = original.glyphForCodePoint(cp!);
        expect(width, `${font.name} ${String.fromCodePoint(cp!)}`).toBe(glyph.advanceWidth * scale);
        expect(subset.getGlyph(i + 1).path.toSVG(), `${font.name} ${String.fromCodePoint(cp!)}`).toBe(glyph.path.toSVG());
      });
      expect(widths.length).toBe(font.toUnicode.size);
    }
    const { pages } = await extractText(bytes);
    expect(pages[0]!.replace(/ +/g, ' ')).toContain('Σοφία דוד Żółć-Ærø Nguyễn Щербаков');
  });

  it('give pdf-lib\'s form drawing the heights and widths its own fontkit embedder gave', async () => {
    const fonts = loadFontSet();
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    for (const face of ['regular', 'boldItalic'] as const) {
      const ours = (await embedFonts(doc, fonts)(face)).font;
      const theirs = await doc.embedFont(fonts.faces[face].bytes, { subset: true });
      expect(ours.name).toBe(theirs.name);
      for (const size of [6, 9.5, 12]) {
        expect(ours.heightAtSize(size)).toBe(theirs.heightAtSize(size));
        expect(ours.heightAtSize(size, { descender: false })).toBe(theirs.heightAtSize(size, { descender: false }));
        expect(ours.sizeAtHeight(size * 2)).toBe(theirs.sizeAtHeight(size * 2));
        expect(ours.widthOfTextAtSize('Żółć Σοφία 12/04', size)).toBeCloseTo(theirs.widthOfTextAtSize('Żółć Σοφία 12/04', size), 10);
      }
    }
  });

  it('draw a payer form\'s values in DejaVu Sans, extractable as typed', async () => {
    const form = loadPayerForm(loadPayer('example-health-plan'))!;
    const data = { patient: { memberId: 'W123456789' }, packet: { patientName: 'Σοφία Żółć-Щербаков' } };
    const map = { ...form.map, flatten: true, fields: { member_name: { from: 'packet.patientName', format: 'text' as const }, member_id: { from: 'patient.memberId', format: 'text' as const } } };
    const filled = await fillForm(form.bytes, map, data, loadFontSet(), { form: form.formFile, map: form.mapFile });
    const bytes = await filled.doc.save();
    const fonts = type0Fonts((await PDFDocument.load(bytes)).context);
    expect(fonts.map((f) => f.name.replace(/-\d+$/, ''))).toEqual(['DejaVuSans']);
    const { pages } = await extractText(bytes);
    expect(pages[0]).toContain('Σοφία Żółć-Щербаков');
    expect(pages[0]).toContain('W123456789');
  });
});
