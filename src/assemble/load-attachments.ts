// Reads the case's attachments (PDF, PNG, JPEG) before layout, so the packet's page count is known; every bad
// attachment is reported at once, naming the file and what to do, and nothing is written. Each file is checked in
// full here (images decoded or validated, PDF content measured) under the limits of src/attachments/limits.ts.
import { readFileSync, statSync } from 'node:fs';
import { findAttachment, isNotThere, type AttachmentNotThere } from '../attachments/find-attachment.js';
import { checkJpeg } from '../attachments/jpeg.js';
import { DEFAULT_LIMITS, megabytes, type AttachmentLimits } from '../attachments/limits.js';
import { loadPdf } from '../attachments/load-pdf.js';
import { preparePng } from '../attachments/png.js';
import { isRefusal, refuse, type Refusal } from '../attachments/refusal.js';
import type { AttachmentSource } from '../attachments/source.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError, RenderError } from '../diagnostics/errors.js';
import type { PageInfo } from '../layout/boxes.js';
import type { Case } from '../validate/case-schema.js';

export type { AttachmentSource } from '../attachments/source.js';
export { exifRotation } from '../attachments/exif.js';
export { DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ATTACHMENT_PAGES } from '../attachments/limits.js';

export interface LoadedAttachment {
  /** Index in the case's `attachments`. */
  index: number;
  source: AttachmentSource;
  /** Geometry of each page as it is displayed (crop box, rotation). */
  pages: PageInfo[];
  /** Warnings about this attachment (repaired damage, normalised page boxes, form values not drawn). */
  diagnostics: Diagnostic[];
}

export interface AttachmentOptions {
  /** Folder relative paths are resolved against (the case file's folder). */
  baseDir: string;
  /** Allow paths that leave the case folder. */
  allowOutside?: boolean;
  /** Largest accepted attachment, in bytes (default 25 MB). */
  maxBytes?: number;
  /** Most pages in one attached PDF (default 1000). */
  maxPages?: number;
  /** The other limits (pixels, decoded sizes); tests lower them. */
  limits?: Partial<AttachmentLimits>;
}

export async function loadAttachments(c: Case, order: readonly number[], options: AttachmentOptions): Promise<LoadedAttachment[]> {
  const limits: AttachmentLimits = {
    ...DEFAULT_LIMITS,
    ...options.limits,
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(options.maxPages ? { maxPages: options.maxPages } : {}),
  };
  const errors: Diagnostic[] = [];
  let notThere = false;
  const loaded: LoadedAttachment[] = [];
  for (const index of order) {
    const file = c.attachments[index]!.file;
    const label = `Attachment ${index + 1} (${file})`;
    const at = ['attachments', index, 'file'];
    const result = await loadOne(file, options, limits);
    if (isNotThere(result)) {
      notThere = true;
      errors.push({ code: `validate/attachment-${result.slug}`, severity: 'error', path: at, message: `${label} ${result.message}`, hint: result.hint });
      continue;
    }
    if (isRefusal(result)) {
      errors.push({ code: `assemble/attachment-${result.slug}`, severity: 'error', path: at, message: `${label} ${result.message}`, hint: result.hint });
      continue;
    }
    const diagnostics: Diagnostic[] = result.notes.map((n) => ({ code: `assemble/attachment-${n.slug}`, severity: 'warning', path: at, message: `${label} ${n.message}`, hint: n.hint }));
    loaded.push({ index, source: { ...result.source, label }, pages: result.pages, diagnostics });
  }
  // A file that is not there is an input problem (exit 3), as validation reports it; one that is there but cannot
  // be used stops the render (exit 5). Validation normally finds the first kind before this runs.
  if (errors.length) throw notThere ? new InputError(errors) : new RenderError(errors);
  return loaded;
}

interface Loaded {
  source: AttachmentSource;
  pages: PageInfo[];
  notes: { slug: string; message: string; hint: string }[];
}

async function loadOne(file: string, options: AttachmentOptions, limits: AttachmentLimits): Promise<Loaded | Refusal | AttachmentNotThere> {
  const found = findAttachment(file, options.baseDir, options.allowOutside ?? false);
  if (isNotThere(found)) return found;
  const { real } = found;
  const size = statSync(real).size;
  if (size > limits.maxBytes) return refuse('too-large', `is ${megabytes(size)}, over the ${megabytes(limits.maxBytes)} limit.`, 'Reduce it (scan at 200 dpi, grayscale) or raise the limit with --max-attachment-mb.');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(real));
  } catch (err) {
    return refuse('unreadable', `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read error'}).`, 'Check that the file is readable by you (its permissions).');
  }
  const type = sniff(bytes);
  if (type === 'png') {
    const png = preparePng(bytes, limits);
    if (isRefusal(png)) return png;
    return { source: { kind: 'png', png }, pages: [{ width: png.width, height: png.height, rotation: 0 }], notes: [] };
  }
  if (type === 'jpeg') {
    const jpeg = checkJpeg(bytes, limits);
    if (isRefusal(jpeg)) return jpeg;
    return { source: { kind: 'jpeg', bytes, jpeg }, pages: [{ width: jpeg.width, height: jpeg.height, rotation: jpeg.rotation }], notes: [] };
  }
  if (type !== 'pdf') return refuse('not-supported', `is not a PDF, PNG or JPEG file${type ? ` (it looks like ${type})` : ''}.`, 'Convert it to PDF (print to PDF), or attach a PNG or JPEG scan.');
  const pdf = await loadPdf(bytes, limits);
  if (isRefusal(pdf)) return pdf;
  return {
    source: { kind: 'pdf', doc: pdf.doc, pages: pdf.pages },
    pages: pdf.pages.map((p) => ({ width: p.box.width, height: p.box.height, rotation: p.rotation })),
    notes: pdf.notes,
  };
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
