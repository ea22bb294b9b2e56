// Names in any Latin, Greek, Cyrillic or Hebrew spelling render and extract as typed; undrawable characters warn.
import { inflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../src/fonts/font-set.js';
import { generatePacket } from '../../src/generate-packet.js';
import { buildCase, renamePatient, TODAY, SAMPLES_DIR } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';

const NAMES = [
  ['José', 'Núñez-Łukasz'],
  ['Łukasz', 'Wójcik-Żółć'],
  ['Thị Hồng', 'Nguyễn'],
  ['Søren', 'Ørsted'],
  ['Σοφία', 'Παπαδοπούλου'],
  ['Дмитрий', 'Иванов-Щербаков'],
  ['Zoë', "O'Brien-Dvořák"],
  // Hebrew is drawn in visual order; pdf.js (Firefox's viewer) extracts it in reading order again.
  ['דוד', 'כהן-לוי'],
  ['Miriam', 'בן-דוד'],
];

/** Findings that need attention; the sample starts before TODAY, so its retroactive-request warning is expected. */
const attention = (diagnostics: { code: string; severity: string }[]) => diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'preflight/retroactive-request');

describe('Unicode names', () => {
  it.each(NAMES)('%s %s renders and extracts as typed on every page', async (first, last) => {
    const raw = buildCase((c) => renamePatient(c, { firstName: first, lastName: last }));
    const { bytes, diagnostics } = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY });
    expect(attention(diagnostics)).toEqual([]);
    const { pages } = await extractText(bytes);
    // pdf.js gives a right-to-left run its own text item; the helper joins items with spaces.
    for (const page of pages) expect(page.replace(/ +/g, ' ')).toContain(`${first} ${last}`);
  });

  it('warns, naming the field, when the fonts cannot draw a character, and prints a visible mark', async () => {
    const raw = buildCase((c) => ((c.patient.lastName = '王'), delete c.coverage.subscriber)) // one field with the character, so one warning;
    const { bytes, diagnostics } = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY });
    expect(attention(diagnostics)).toEqual([expect.objectContaining({ code: 'compose/missing-glyph', severity: 'warning', path: ['patient', 'lastName'] })]);
    // The patient's name is not repeated in the message, not even the undrawable letter.
    expect(diagnostics.find((d) => d.code === 'compose/missing-glyph')?.message).toMatch(/patient\.lastName has characters .*: 1 different one\./);
    expect(diagnostics.find((d) => d.code === 'compose/missing-glyph')?.message).not.toMatch(/王|738B/);
    const { pages } = await extractText(bytes);
    expect(pages[0]).toContain('José \uFFFD');
  });

  it('lists the undrawable characters of a field that is not identity, to say what to replace', async () => {
    const raw = buildCase((c) => (c.clinical.histology = 'Glioblastoma 王'));
    const { diagnostics } = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY });
    expect(diagnostics.find((d) => d.code === 'compose/missing-glyph')).toMatchObject({ path: ['clinical', 'histology'], message: expect.stringContaining('"王" (U+738B)') });
  });

  it('maps every glyph back to its character, even a letter first seen inside an accented one (Z in Ż)', async () => {
    // fontkit cached glyph objects per font; a glyph first loaded as a component of a composite glyph had no
    // code points, which once left "Z" out of the ToUnicode map of a later packet. Our embedder must not either.
    await generatePacket(buildCase((c) => renamePatient(c, { lastName: 'Żółć' })), { baseDir: SAMPLES_DIR, date: TODAY });
    const { bytes } = await generatePacket(buildCase((c) => renamePatient(c, { firstName: 'Zoë', lastName: 'Zawadzka' })), { baseDir: SAMPLES_DIR, date: TODAY });
    const { pages } = await extractText(bytes);
    expect(pages[0]).toContain('Zoë Zawadzka');
  });

  it('embeds font subsets whose glyph outlines match the full font (guards against fontkit subsetting bugs)', async () => {
    const raw = buildCase((c) => renamePatient(c, { firstName: 'Σοφία Дмитрий', lastName: 'Nguyễn-Ørsted' }));
    const { bytes } = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY });
    const doc = await PDFDocument.load(bytes);
    // fontkit (a devDependency) reads the original faces independently of our own table reader.
    const faces = Object.values(loadFontSet().faces).map((f) => fontkit.create(f.bytes));
    let checked = 0;
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
      const toUnicode = doc.context.lookup(obj.get(PDFName.of('ToUnicode'))) as PDFRawStream;
      const cidFont = doc.context.lookup((doc.context.lookup(obj.get(PDFName.of('DescendantFonts'))) as PDFArray).get(0)) as PDFDict;
      const descriptor = doc.context.lookup(cidFont.get(PDFName.of('FontDescriptor'))) as PDFDict;
      const fontName = (descriptor.get(PDFName.of('FontName')) as PDFName).decodeText().replace(/-\d+$/, '');
      const original = faces.find((f) => f.postscriptName === fontName)!;
      expect(original, fontName).toBeDefined();
      const subset = fontkit.create(inflateSync((doc.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream).contents));
      const cmap = inflateSync(toUnicode.contents).toString('latin1');
      for (const [, gid, cp] of cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]{4})>/g)) {
        const glyph = subset.getGlyph(parseInt(gid!, 16));
        expect(glyph.path.toSVG(), `${fontName} ${String.fromCodePoint(parseInt(cp!, 16))}`).toBe(original.glyphForCodePoint(parseInt(cp!, 16)).path.toSVG());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
