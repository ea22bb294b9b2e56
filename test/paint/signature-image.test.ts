// The signature image (signature.image) and the electronic signing time (signature.signedAt): the image is embedded
// once, fitted into 180 × 50 pt with its aspect kept, drawn inside the signature block above the signer's line; the
// block is never split from it; the attestation prints what signedAt says; every unusable image is an input error.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFPage } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/compose/compose-document.js';
import { InputError, type PacketError } from '../../src/diagnostics/errors.js';
import { loadFontSet } from '../../src/fonts/font-set.js';
import { generatePacket } from '../../src/generate-packet.js';
import { layoutDocument } from '../../src/layout/layout-document.js';
import { LETTER } from '../../src/layout/typography.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';
import { withOrientation } from '../support/jpeg-exif.js';
import { runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'signature.png'); // 480 × 120 pixels
let dir: string;
beforeAll(() => {
  dir = makeTempDir('signature');
  copyFileSync(FIXTURE, path.join(dir, 'signature.png'));
});

const withImage = (file = 'signature.png', change?: (c: RawCase) => void) =>
  buildCase((c) => {
    c.signature.image = file;
    change?.(c);
  });
/** Attachments listed, not merged: the image is drawn either way, and the tests need no attachment files. */
const render = (c: RawCase, base = dir) => generatePacket(c, { date: TODAY, baseDir: base, attachments: 'list' });

async function failure(c: RawCase, base = dir): Promise<PacketError> {
  try {
    await render(c, base);
  } catch (err) {
    return err as PacketError;
  }
  throw new Error('expected the render to fail');
}

interface Placed {
  page: number;
  /** The `cm` matrix the image is drawn with: [a b c d e f], PDF units (y up). */
  matrix: number[];
  width: number;
  height: number;
  ref: string;
}

/** Every image XObject drawn in the packet, with its page and placement. */
async function placedImages(bytes: Uint8Array): Promise<Placed[]> {
  const doc = await PDFDocument.load(bytes);
  const out: Placed[] = [];
  doc.getPages().forEach((page: PDFPage, i) => {
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    if (!xobjects) return;
    const contents = page.node.Contents();
    const streams = contents && 'asArray' in contents ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const text = streams.map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n');
    for (const m of text.matchAll(/q ([-\d. ]+) cm \/(X\d+) Do Q/g)) {
      const ref = xobjects.get(PDFName.of(m[2]!)) as PDFRef;
      const img = doc.context.lookup(ref) as PDFRawStream;
      if (img.dict.get(PDFName.of('Subtype'))?.toString() !== '/Image') continue;
      const num = (k: string) => Number(img.dict.get(PDFName.of(k))!.toString());
      out.push({ page: i, matrix: m[1]!.trim().split(/\s+/).map(Number), width: num('Width'), height: num('Height'), ref: ref.toString() });
    }
  });
  return out;
}

/** Where a text is on each page: its page and baseline (PDF units, y up), from pdfjs. */
async function textAt(bytes: Uint8Array, needle: string): Promise<{ page: number; x: number; y: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const found: { page: number; x: number; y: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item && item.str.includes(needle)) found.push({ page: i - 1, x: item.transform[4] as number, y: item.transform[5] as number });
  }
  await doc.destroy();
  return found;
}

const allText = async (bytes: Uint8Array): Promise<string> => {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) parts.push(((await (await doc.getPage(i)).getTextContent()).items as { str?: string }[]).map((t) => t.str ?? '').join(''));
  await doc.destroy();
  return parts.join('\n');
};

describe('signature image', () => {
  it('is embedded once and drawn fitted into 180 × 50 pt (aspect kept) inside the signature block, above the signer line', async () => {
    const wet = await render(withImage('signature.png', (c) => (c.signature.method = 'wet')));
    const placed = await placedImages(wet.bytes);
    expect(placed).toHaveLength(1);
    const [img] = placed;
    expect([img!.width, img!.height]).toEqual([480, 120]);
    // 480 × 120 pixels fill the 180 pt width: 180 × 45 pt, unturned.
    const [a, b, c, d, x, y] = img!.matrix;
    expect([a, b, c, d]).toEqual([180, 0, 0, 45]);
    expect(x).toBeCloseTo(LETTER.marginLeft, 5);
    const sincerely = await textAt(wet.bytes, 'Sincerely');
    const line = await textAt(wet.bytes, 'Signature of');
    expect(sincerely).toHaveLength(1);
    expect(line).toHaveLength(1);
    // Same page as the closing and the signer's line, between the two: below "Sincerely," and above the line.
    expect(img!.page).toBe(sincerely[0]!.page);
    expect(img!.page).toBe(line[0]!.page);
    expect(y! + 45).toBeLessThan(sincerely[0]!.y);
    expect(y!).toBeGreaterThan(line[0]!.y + 10);
    expect(y! - line[0]!.y).toBeLessThan(40);
  });

  it('is drawn above the electronic signature line too, and a merged packet carries it once', async () => {
    const e = await generatePacket(withImage('../test/fixtures/signature.png'), { date: TODAY, baseDir: path.join(ROOT, 'samples'), allowOutside: true });
    const placed = (await placedImages(e.bytes)).filter((p) => p.width === 480 && p.height === 120);
    expect(placed).toHaveLength(1);
    const signed = await textAt(e.bytes, 'Electronically signed by');
    expect(signed[0]!.page).toBe(placed[0]!.page);
    expect(placed[0]!.matrix[5]!).toBeGreaterThan(signed[0]!.y);
  });

  it('a JPEG with an EXIF turn is drawn upright in its displayed size', async () => {
    const raw = jpeg.encode({ data: Buffer.alloc(60 * 200 * 4, 90), width: 60, height: 200 }, 80).data; // stored tall, shown wide
    const local = makeTempDir('signature-jpeg');
    writeFileSync(path.join(local, 'sig.jpg'), withOrientation(new Uint8Array(raw), 6)); // 6: turn 90° clockwise
    const out = await render(withImage('sig.jpg'), local);
    const [img] = await placedImages(out.bytes);
    // Displayed 200 × 60 → 166.7 × 50 pt; the matrix turns the unit square by 90°.
    const [a, b, c, d] = img!.matrix;
    expect(a).toBe(0);
    expect(d).toBe(0);
    expect(Math.abs(b!)).toBeCloseTo(50, 1);
    expect(Math.abs(c!)).toBeCloseTo(166.667, 1);
  });

  it('a case without an image renders exactly as before (no image, same text)', async () => {
    const plain = await render(buildCase());
    expect(await placedImages(plain.bytes)).toHaveLength(0);
    const text = await allText(plain.bytes);
    expect(text).toContain('Electronically signed by Ada Whitfield, MD on 08/12/2026');
    expect(text).not.toMatch(/08\/12\/2026 at/);
  });
});

describe('never split', () => {
  /** The letter's summary with `n` extra short paragraphs, to move the signature block down the page. */
  const padded = (n: number) =>
    withImage('signature.png', (c) => {
      c.necessity.summary += Array.from({ length: n }, (_, i) => `\n\nAdditional note ${i + 1}.`).join('');
    });

  it('a signature block that falls at a page end moves whole to the next page, image included', async () => {
    const fonts = loadFontSet();
    const payer = loadPayer(buildCase().payer, []);
    const images = new Map([['signature', { width: 480, height: 120 }]]);
    // Find a padding that puts the signature at a page end: laid out without painting, until a page says the
    // signature block was pushed on.
    let pushedAt: number | undefined;
    for (let n = 0; n < 60 && pushedAt === undefined; n++) {
      const c = validateCase(padded(n), { today: TODAY }).case!;
      const tree = composeDocument(c, { payer, date: TODAY, covers: fonts.covers, images, assembly: { order: [], merged: false, batesPrefix: c.caseId } }).tree;
      const { pages } = layoutDocument(tree, fonts);
      if (pages.some((p) => p.pushed?.includes('signature block'))) pushedAt = n;
    }
    expect(pushedAt).toBeDefined();
    const out = await render(padded(pushedAt!));
    const [img] = await placedImages(out.bytes);
    const sincerely = await textAt(out.bytes, 'Sincerely');
    const signer = await textAt(out.bytes, 'Electronically signed by');
    const npi = await textAt(out.bytes, 'NPI 1234567893');
    expect(img!.page).toBe(sincerely[0]!.page);
    expect(img!.page).toBe(signer[0]!.page);
    expect(npi.some((t) => t.page === img!.page)).toBe(true);
    // The closing paragraph went with it: the block does not open its page alone.
    const closing = await textAt(out.bytes, 'Thank you for your prompt review');
    expect(closing.at(-1)!.page).toBe(img!.page);
  });
});

describe('electronic signing time', () => {
  it('prints the date and the time with its UTC offset as written', async () => {
    const out = await render(buildCase((c) => (c.signature.signedAt = '2026-08-12T14:05-05:00')));
    const text = await allText(out.bytes);
    expect(text).toContain('Electronically signed by Ada Whitfield, MD on 08/12/2026 at 14:05 (UTC-05:00)');
    const utc = await allText((await render(buildCase((c) => (c.signature.signedAt = '2026-08-12T19:05:30Z')))).bytes);
    expect(utc).toContain('on 08/12/2026 at 19:05:30 (UTC)');
  });

  it('needs an electronic signature, on the signature date', () => {
    const wet = validateCase(buildCase((c) => ((c.signature.method = 'wet'), (c.signature.signedAt = '2026-08-12T14:05-05:00'))), { today: TODAY });
    expect(wet.case).toBeUndefined();
    const notElectronic = wet.diagnostics.find((d) => d.code === 'validate/signed-at-not-electronic')!;
    expect(notElectronic.path).toEqual(['signature', 'signedAt']);
    expect(notElectronic.message).toContain('signature.method is wet');
    const otherDay = validateCase(buildCase((c) => (c.signature.signedAt = '2026-08-13T00:10+02:00')), { today: TODAY });
    const d = otherDay.diagnostics.find((x) => x.code === 'validate/signed-at-date')!;
    expect(d.message).toContain('2026-08-13');
    expect(d.message).toContain('2026-08-12');
    const noOffset = validateCase(buildCase((c) => (c.signature.signedAt = '2026-08-12T14:05')), { today: TODAY });
    expect(noOffset.diagnostics.map((x) => x.path)).toContainEqual(['signature', 'signedAt']);
  });
});

describe('an unusable signature image is an input error naming signature.image', () => {
  const bad = (name: string, bytes: Uint8Array | string) => {
    writeFileSync(path.join(dir, name), bytes);
    return withImage(name);
  };
  /** A PNG header claiming `w × h` pixels, with a little data. */
  const pngClaiming = (w: number, h: number): Uint8Array => {
    const real = readFileSync(FIXTURE);
    const out = Buffer.from(real);
    out.writeUInt32BE(w, 16);
    out.writeUInt32BE(h, 20);
    return out;
  };

  const cases: [string, () => RawCase, string, RegExp][] = [
    ['missing', () => withImage('nowhere.png'), 'validate/signature-image-missing', /does not exist/],
    ['a folder', () => (mkdirSync(path.join(dir, 'folder.png'), { recursive: true }), withImage('folder.png')), 'validate/signature-image-not-file', /is a folder/],
    ['outside the case folder', () => withImage('../outside.png'), 'validate/signature-image-missing', /does not exist/],
    ['a text file', () => bad('note.png', 'not an image at all\n'), 'validate/signature-image-not-supported', /not a PNG or JPEG image \(it looks like a text file\)/],
    ['a PDF', () => bad('sig.pdf', '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'), 'validate/signature-image-not-supported', /it looks like a PDF/],
    ['empty', () => bad('empty.png', ''), 'validate/signature-image-damaged', /empty/],
    ['a PNG cut short', () => bad('cut.png', readFileSync(FIXTURE).subarray(0, 200)), 'validate/signature-image-damaged', /cut short/],
    ['a JPEG cut short', () => bad('cut.jpg', jpeg.encode({ data: Buffer.alloc(40 * 20 * 4, 0), width: 40, height: 20 }, 80).data.subarray(0, 300)), 'validate/signature-image-damaged', /cut short|not a readable JPEG/],
    ['huge dimensions', () => bad('huge.png', pngClaiming(20000, 20000)), 'validate/signature-image-too-many-pixels', /20000 × 20000 pixels/],
    ['over 2 MB', () => bad('big.png', Buffer.concat([readFileSync(FIXTURE), Buffer.alloc(2 * 1024 * 1024)])), 'validate/signature-image-too-large', /over the 2\.0 MB limit/],
  ];

  for (const [what, make, code, message] of cases) {
    it(what, async () => {
      const err = await failure(make());
      expect(err).toBeInstanceOf(InputError);
      expect(err.exitCode).toBe(3);
      const [d] = err.diagnostics;
      expect(d!.code).toBe(code);
      expect(d!.path).toEqual(['signature', 'image']);
      expect(d!.message).toMatch(/^The signature image \(signature\.image: /);
      expect(d!.message).toMatch(message);
      expect(d!.hint).toBeTruthy();
    });
  }

  it('outside the case folder is refused when the file is there (unless allowed)', async () => {
    const inner = path.join(dir, 'case');
    mkdirSync(inner, { recursive: true });
    const err = await failure(withImage('../signature.png'), inner);
    expect(err.diagnostics[0]!.code).toBe('validate/signature-image-outside');
    expect(err.diagnostics[0]!.hint).toContain('--allow-outside');
    const allowed = await generatePacket(withImage('../signature.png'), { date: TODAY, baseDir: inner, attachments: 'list', allowOutside: true });
    expect(await placedImages(allowed.bytes)).toHaveLength(1);
  });

  it('validate finds a missing image file, as render does', () => {
    const r = validateCase(withImage('nowhere.png'), { today: TODAY, attachmentFiles: { baseDir: dir } });
    expect(r.case).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('validate/signature-image-missing');
  });
});

describe('the CLI', () => {
  it('render with an unusable signature image exits 3, names signature.image and the case line, writes nothing', async () => {
    const local = makeTempDir('signature-cli');
    writeFileSync(path.join(local, 'sig.png'), 'GIF89a not a png');
    writeFileSync(path.join(local, 'case.json'), JSON.stringify(withImage('sig.png'), null, 2));
    const r = await runAuthpack(['render', 'case.json', '-o', 'out.pdf', '--date', TODAY, '--attachments', 'list'], { cwd: local });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('signature.image: sig.png');
    expect(r.stderr).toContain('it looks like a GIF image');
    expect(r.stderr).toMatch(/case\.json:\d+/);
    expect(existsSync(path.join(local, 'out.pdf'))).toBe(false);
  });

  it('validate and check look for the image also when the attachments are only listed (it is drawn either way)', async () => {
    const local = makeTempDir('signature-cli-list');
    writeFileSync(path.join(local, 'case.json'), JSON.stringify(withImage('nowhere.png'), null, 2));
    for (const command of ['validate', 'check']) {
      const r = await runAuthpack([command, 'case.json', '--attachments', 'list', '--date', TODAY], { cwd: local });
      expect(r.code, `${command}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toContain('validate/signature-image-missing');
      expect(r.stderr).toContain('signature.image: nowhere.png');
    }
  });
});
