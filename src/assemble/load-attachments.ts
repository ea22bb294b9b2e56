// Reads the case's attachments (PDF, PNG, JPEG) before layout, so the packet's page count is known; every bad
// attachment is reported at once, naming the file and what to do, and nothing is written.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { RenderError } from '../diagnostics/errors.js';
import type { PageInfo } from '../layout/boxes.js';
import type { Case } from '../validate/case-schema.js';

export type AttachmentSource = { kind: 'pdf'; doc: PDFDocument } | { kind: 'png' | 'jpeg'; bytes: Uint8Array };

export interface LoadedAttachment {
  /** Index in the case's `attachments`. */
  index: number;
  source: AttachmentSource;
  /** Geometry of each page as it is displayed (crop box, rotation). */
  pages: PageInfo[];
}

export interface AttachmentOptions {
  /** Folder relative paths are resolved against (the case file's folder). */
  baseDir: string;
  /** Allow paths that leave the case folder. */
  allowOutside?: boolean;
  /** Largest accepted attachment, in bytes (default 25 MB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export async function loadAttachments(c: Case, order: readonly number[], options: AttachmentOptions): Promise<LoadedAttachment[]> {
  const diagnostics: Diagnostic[] = [];
  const loaded: LoadedAttachment[] = [];
  for (const index of order) {
    const a = c.attachments[index]!;
    const fail = (slug: string, message: string, hint: string) => {
      diagnostics.push({ code: `assemble/attachment-${slug}`, severity: 'error', path: ['attachments', index, 'file'], message: `Attachment ${index + 1} (${a.file}): ${message}`, hint });
    };
    const result = await loadOne(a.file, options, fail);
    if (result) loaded.push({ index, ...result });
  }
  if (diagnostics.length) throw new RenderError(diagnostics);
  return loaded;
}

type Fail = (slug: string, message: string, hint: string) => void;

async function loadOne(file: string, options: AttachmentOptions, fail: Fail): Promise<Omit<LoadedAttachment, 'index'> | undefined> {
  const base = realpathSync(options.baseDir);
  const full = path.resolve(base, file);
  let real: string;
  try {
    if (!statSync(full).isFile()) return void fail('missing', 'is a folder, not a file.', 'Point `file` at the document itself.');
    real = realpathSync(full);
  } catch {
    return void fail('missing', `the file does not exist (looked for ${full}).`, 'Check the name and that the path is relative to the case file.');
  }
  const rel = path.relative(base, real);
  if (!options.allowOutside && (rel.startsWith('..') || path.isAbsolute(rel))) {
    return void fail('outside', 'is outside the case folder.', 'Copy it next to the case file, or pass --allow-outside if that is intended.');
  }
  const size = statSync(real).size;
  const max = options.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  if (size > max) return void fail('too-large', `is ${(size / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(1)} MB limit.`, 'Reduce it (scan at 200 dpi, grayscale) or raise the limit with --max-attachment-mb.');
  const bytes = new Uint8Array(readFileSync(real));
  const type = sniff(bytes);
  if (type === 'png' || type === 'jpeg') {
    const dims = type === 'png' ? pngSize(bytes) : jpegSize(bytes);
    if (!dims) return void fail('damaged', `is not a readable ${type.toUpperCase()} image.`, 'Export it again from the scanner or viewer.');
    // A phone photo of a page records how to turn it upright in its EXIF orientation; apply it like a PDF's /Rotate.
    const rotation = type === 'jpeg' ? exifRotation(bytes) : 0;
    return { source: { kind: type, bytes }, pages: [{ width: dims.width, height: dims.height, rotation }] };
  }
  if (type !== 'pdf') return void fail('not-supported', `is not a PDF, PNG or JPEG file${type ? ` (it looks like ${type})` : ''}.`, 'Convert it to PDF (print to PDF), or attach a PNG or JPEG scan.');
  let doc: PDFDocument;
  try {
    // pdf-lib's EncryptedPDFError fails `instanceof` (ES5 build), so load anyway and ask the document.
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false, ignoreEncryption: true });
  } catch (err) {
    return void fail('damaged', `is damaged beyond repair (${(err as Error).message.split('\n')[0]}).`, 'Export or scan the document again; `qpdf in.pdf out.pdf` can sometimes repair it.');
  }
  if (doc.isEncrypted) return void fail('encrypted', 'is encrypted (password-protected), so its pages cannot be copied.', 'Save an unprotected copy (print to PDF, or `qpdf --decrypt in.pdf out.pdf`) and attach that.');
  let pages: PageInfo[];
  try {
    pages = doc.getPages().map((p) => {
      const crop = p.getCropBox();
      const rotation = (((p.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
      return { width: crop.width, height: crop.height, rotation: [0, 90, 180, 270].includes(rotation) ? rotation : 0 };
    });
  } catch (err) {
    return void fail('damaged', `has a damaged page tree (${(err as Error).message.split('\n')[0]}).`, 'Export or scan the document again.');
  }
  if (pages.length === 0) return void fail('empty', 'has no pages.', 'Attach the document that holds the pages.');
  return { source: { kind: 'pdf', doc }, pages };
}

/** The file type from its first bytes (names are not trusted). */
export function sniff(b: Uint8Array): 'pdf' | 'png' | 'jpeg' | string | undefined {
  const head = Buffer.from(b.subarray(0, 1024));
  const at = head.indexOf('%PDF-');
  if (at >= 0 && at < 1024) return 'pdf';
  if (b[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') return 'a ZIP or Office document';
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'a GIF image';
  if (/^(II\*\u0000|MM\u0000\*)/.test(head.subarray(0, 4).toString('latin1'))) return 'a TIFF image';
  if (!head.includes(0)) return 'a text file';
  return undefined;
}

function pngSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 24) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const width = v.getUint32(16);
  const height = v.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    // Start-of-frame markers carry the dimensions (C0–CF except C4, C8, CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    i += 2 + len;
  }
  return undefined;
}

/** Clockwise rotation that displays a JPEG upright, from its EXIF orientation (mirrored variants are not mirrored). */
export function exifRotation(b: Uint8Array): 0 | 90 | 180 | 270 {
  let i = 2;
  while (i + 4 < b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (marker === 0xe1 && Buffer.from(b.subarray(i + 4, i + 10)).toString('latin1') === 'Exif\u0000\u0000') {
      const tiff = i + 10;
      const little = b[tiff] === 0x49;
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const u16 = (at: number) => view.getUint16(at, little);
      const ifd = tiff + view.getUint32(tiff + 4, little);
      if (ifd + 2 > b.length) return 0;
      for (let e = 0; e < u16(ifd); e++) {
        const entry = ifd + 2 + e * 12;
        if (entry + 12 > b.length) return 0;
        if (u16(entry) === 0x0112) {
          const o = u16(entry + 8);
          return o === 3 || o === 4 ? 180 : o === 6 || o === 5 ? 90 : o === 8 || o === 7 ? 270 : 0;
        }
      }
      return 0;
    }
    if (marker === 0xda) return 0; // start of scan: no EXIF before the image data
    i += 2 + len;
  }
  return 0;
}
