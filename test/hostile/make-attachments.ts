// Hostile and tricky attachment files, made on the fly: broken images, image and PDF bombs, degenerate page boxes,
// damaged PDFs, filled forms, shared resources. Pure and deterministic (a seeded PRNG, fixed dates), so no binary
// bomb is committed and every run sees the same bytes.
import { deflateRawSync, deflateSync, constants } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PDFDocument, PDFName, PDFBool, StandardFonts, rgb } from 'pdf-lib';
import { PNG } from 'pngjs';

/** mulberry32: a tiny seeded PRNG, so "noise" is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// PNG

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function ihdr(width: number, height: number, depth: number, colorType: number, interlace = 0): Buffer {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(width, 0);
  b.writeUInt32BE(height, 4);
  b[8] = depth;
  b[9] = colorType;
  b[12] = interlace;
  return pngChunk('IHDR', b);
}

/** A PNG from its header fields and zlib data, with optional extra chunks before the image data. */
export function pngFile(width: number, height: number, depth: number, colorType: number, zlibData: Uint8Array, extra: Buffer[] = [], interlace = 0): Buffer {
  return Buffer.concat([SIGNATURE, ihdr(width, height, depth, colorType, interlace), ...extra, pngChunk('IDAT', zlibData), pngChunk('IEND', new Uint8Array(0))]);
}

/** A noisy scan-like RGBA picture (text-like dark bars on paper with grain). */
export function scanPixels(width: number, height: number, seed = 7): Buffer {
  const rand = prng(seed);
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const ink = (y % 24) < 10 && ((x >> 3) + (y >> 4)) % 5 !== 0 ? 40 : 235;
      const v = ink + Math.floor(rand() * 16);
      const i = (y * width + x) * 4;
      data[i] = v;
      data[i + 1] = v - 5;
      data[i + 2] = v - 10;
      data[i + 3] = 160 + (x % 96);
    }
  return data;
}

/** A valid PNG of the scan picture; colorType 2 (RGB), 6 (RGBA), 0 (gray) or 4 (gray + alpha), 8 or 16 bits. */
export function scanPng(width: number, height: number, colorType: 0 | 2 | 4 | 6, bitDepth: 8 | 16 = 8): Buffer {
  return PNG.sync.write({ width, height, data: scanPixels(width, height) } as PNG, { colorType, bitDepth, inputHasAlpha: true });
}

/**
 * A zlib stream that inflates to `length` zero bytes while staying about 1/1000 of that: one compressed megabyte of
 * zeros, ended with a sync flush so copies can follow each other, repeated. Zeros are also valid PNG rows (filter 0)
 * and valid PDF content (NUL is white space), so the bomb is only big, not broken.
 */
export function zerosZlib(length: number): Buffer {
  const MB = 1 << 20;
  const block = deflateRawSync(Buffer.alloc(MB), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const count = Math.floor(length / MB);
  const tail = deflateRawSync(Buffer.alloc(length - count * MB), { level: 9 });
  // Adler-32 of `length` zeros: a stays 1, b adds 1 per byte.
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((length % 65521) << 16) >>> 0) + 1, 0);
  const parts: Buffer[] = [Buffer.from([0x78, 0xda])];
  for (let i = 0; i < count; i++) parts.push(block);
  parts.push(tail, adler);
  return Buffer.concat(parts);
}

/** The first `fraction` of a file, as a transfer cut short leaves it. */
export function truncated(bytes: Uint8Array, fraction: number): Buffer {
  return Buffer.from(bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

/** A 600 dpi Letter scan with an alpha channel (5100 × 6600 RGBA, all transparent): the biggest decode a real scan needs. */
export function letterScan600Rgba(): Buffer {
  return pngFile(5100, 6600, 8, 6, zerosZlib(6600 * (1 + 5100 * 4)));
}

export const hostilePng = {
  truncatedRgba: () => truncated(scanPng(400, 300, 6), 0.6),
  truncatedRgb: () => truncated(scanPng(400, 300, 2), 0.6),
  /** Colour type 5 does not exist. */
  colorType5: () => pngFile(64, 64, 8, 5, deflateSync(Buffer.alloc(64 * 65))),
  /** Signature and IHDR, nothing else. */
  headerOnly: () => Buffer.concat([SIGNATURE, ihdr(640, 480, 8, 2)]),
  /** 1.2 MB declaring 20000 × 20000 RGB pixels, whose data really inflates to 1.2 GB. */
  bomb20k: () => pngFile(20000, 20000, 8, 2, zerosZlib(20000 * (1 + 20000 * 3))),
  /** 40000 × 40000 RGBA declared; the data is tiny. */
  huge40k: () => pngFile(40000, 40000, 8, 6, deflateSync(Buffer.alloc(1000))),
  /** Declares 100 × 100 pixels, but its data inflates to 400 MB. */
  lyingSize: () => pngFile(100, 100, 8, 2, zerosZlib(400 << 20)),
  /** Rows whose filter byte is 7 (only 0–4 exist). */
  badFilter: () => pngFile(8, 8, 8, 0, deflateSync(Buffer.alloc(8 * 9, 7))),
};

// ---------------------------------------------------------------------------------------------------------------
// JPEG

export function scanJpeg(width: number, height: number, quality = 80): Buffer {
  return Buffer.from(jpeg.encode({ width, height, data: scanPixels(width, height) }, quality).data);
}

/** Offset of the first start-of-frame marker's segment. */
function sofOffset(b: Uint8Array): number {
  let i = 2;
  while (i + 4 < b.length) {
    const marker = b[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2) return i;
    i += 2 + ((b[i + 2]! << 8) | b[i + 3]!);
  }
  throw new Error('no SOF');
}

export const hostileJpeg = {
  truncated: () => truncated(scanJpeg(400, 300), 0.5),
  zeroSize: () => {
    const b = scanJpeg(32, 32);
    const at = sofOffset(b);
    b.fill(0, at + 5, at + 9); // height and width 0
    return b;
  },
  /** 65000 × 65000 declared (4.2 gigapixels); a viewer would try to allocate that. */
  huge: () => {
    const b = scanJpeg(16, 16);
    const at = sofOffset(b);
    b.writeUInt16BE(65000, at + 5);
    b.writeUInt16BE(65000, at + 7);
    return b;
  },
};

// ---------------------------------------------------------------------------------------------------------------
// PDF, written by hand where pdf-lib would refuse to write the broken thing

/** A stream object's body: `<< dict /Length n >> stream … endstream`. */
export function pdfStream(dict: string, data: Uint8Array | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')]);
}

/** A PDF whose object i+1 is objects[i], with a correct xref table; object 1 is the catalog. */
export function pdfFile(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const TEXT = (s: string, y = 700) => `BT /F1 14 Tf 72 ${y} Td (${s}) Tj ET`;
const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** One page with the given page dictionary entries (MediaBox, CropBox, Contents …); object 4 is Helvetica. */
export function onePagePdf(pageEntries: string, content: string | Buffer = TEXT('Hostile page')): Buffer {
  return pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> ${pageEntries} >>`,
    FONT,
    typeof content === 'string' ? pdfStream('', content) : content,
  ]);
}

export const hostilePdf = {
  zeroBox: () => onePagePdf('/MediaBox [0 0 0 0] /Contents 5 0 R'),
  /** Corners given the other way round: a valid box, to be normalised silently. */
  reversedBox: () => onePagePdf('/MediaBox [612 792 0 0] /Contents 5 0 R'),
  /** A side of 10^40 points, and a box of names: NaN once subtracted. */
  hugeBox: () => onePagePdf(`/MediaBox [0 0 1${'0'.repeat(40)} 792] /Contents 5 0 R`),
  namesBox: () => onePagePdf('/MediaBox [/a /b /c /d] /Contents 5 0 R'),
  /** A crop box of zero size inside a good media box. */
  zeroCropBox: () => onePagePdf('/MediaBox [0 0 612 792] /CropBox [10 10 10 10] /Contents 5 0 R'),
  missingBox: () => onePagePdf('/Contents 5 0 R'),
  /** A page without /Contents is a valid blank page. */
  noContents: () => onePagePdf('/MediaBox [0 0 612 792]'),
  /** 1.5 MB whose page content inflates to 1.5 GB. */
  contentBomb: () => onePagePdf('/MediaBox [0 0 612 792] /Contents 5 0 R', pdfStream('/Filter /FlateDecode', zerosZlib(1500 << 20))),
  /** An object stream that inflates to 1 GB. */
  objectStreamBomb: () =>
    pdfFile([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
      FONT,
      pdfStream('', TEXT('Object stream bomb')),
      pdfStream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', zerosZlib(1024 << 20)),
    ]),
  /** A page tree whose Kids lead back to itself. */
  cyclicTree: () =>
    pdfFile([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
      FONT,
      pdfStream('', TEXT('Cyclic page tree')),
    ]),
  /** `count` pages sharing one content stream and font. */
  manyPages: (count: number) => {
    const kids: string[] = [];
    const pages: string[] = [];
    for (let i = 0; i < count; i++) {
      kids.push(`${i + 5} 0 R`);
      pages.push('<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>');
    }
    return pdfFile([
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${count} /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> >>`,
      FONT,
      pdfStream('', TEXT('One of many pages')),
      ...pages,
    ]);
  },
  /** A valid page plus an object pdf-lib cannot parse: it prints "Trying to parse invalid object" and goes on. */
  junkObject: () =>
    pdfFile([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
      FONT,
      pdfStream('', TEXT('Page next to a broken object')),
      '<< /Broken [1 2 <zz> >> ]',
    ]),
  /** Two content streams (an array), the second one cut short. */
  damagedSecondStream: () =>
    pdfFile([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R] >>`,
      FONT,
      pdfStream('/Filter /FlateDecode', deflateSync(TEXT('First stream survives'))),
      pdfStream('/Filter /FlateDecode', truncated(deflateSync(TEXT('Second stream', 650) + ' '.repeat(4000) + TEXT('lost tail', 600)), 0.5)),
    ]),
};

// ---------------------------------------------------------------------------------------------------------------
// PDFs made with pdf-lib: a filled form and pages sharing big resources

const FIXED_DATE = new Date('2026-11-01T00:00:00Z');

async function newDoc(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  return doc;
}

/**
 * An order form whose text field holds `value` and whose check box is ticked. With `withAppearances: false` the
 * values have no appearance streams and the form asks the viewer to make them (NeedAppearances), as some filling
 * tools leave it.
 */
export async function filledFormPdf(value: string, withAppearances = true): Promise<Uint8Array> {
  const doc = await newDoc();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('Standard written order (FICTIONAL)', { x: 72, y: 720, size: 16, font });
  page.drawText('Item ordered:', { x: 72, y: 650, size: 12, font });
  const form = doc.getForm();
  const item = form.createTextField('order.item');
  item.addToPage(page, { x: 170, y: 640, width: 300, height: 24, font });
  item.setText(value);
  const box = form.createCheckBox('order.signed');
  box.addToPage(page, { x: 72, y: 600, width: 16, height: 16 });
  box.check();
  if (!withAppearances) {
    for (const field of [item]) for (const w of field.acroField.getWidgets()) w.dict.delete(PDFName.of('AP'));
    form.acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
  }
  return doc.save({ updateFieldAppearances: withAppearances, useObjectStreams: false });
}

/** `pages` pages that all draw one big noisy image and use one font: the image must be stored once. */
export async function sharedResourcesPdf(pages: number): Promise<Uint8Array> {
  const doc = await newDoc();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const image = await doc.embedJpg(scanJpeg(900, 1100, 85));
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([612, 792]);
    page.drawImage(image, { x: 56, y: 60, width: 500, height: 611 });
    page.drawText(`Shared resources, page ${i + 1} of ${pages}`, { x: 56, y: 720, size: 14, font, color: rgb(0, 0, 0) });
  }
  return doc.save({ useObjectStreams: false });
}
