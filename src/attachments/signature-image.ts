// Reads the case's `signature.image` (a PNG or JPEG of the signer's signature) with the safety of an attachment:
// inside the case folder unless outside paths are allowed, a size and pixel limit, really a PNG or JPEG, checked in
// full. Anything wrong is an input problem (exit 3) naming `signature.image` and what to do.
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../diagnostics/errors.js';
import { sniff } from '../assemble/load-attachments.js';
import { findAttachment, isNotThere } from './find-attachment.js';
import { checkJpeg } from './jpeg.js';
import { DEFAULT_LIMITS, megabytes, type AttachmentLimits } from './limits.js';
import { preparePng } from './png.js';
import { isRefusal } from './refusal.js';
import type { AttachmentSource } from './source.js';

/** A signature is a small picture: 2 MB and 4 megapixels (a 600 dpi scan of 6 × 1.5 inches) are plenty. */
export const SIGNATURE_LIMITS: AttachmentLimits = {
  ...DEFAULT_LIMITS,
  maxBytes: 2 * 1024 * 1024,
  maxPixels: 4_000_000,
  maxDecodedImageBytes: 16 * 1024 * 1024,
};

export interface SignatureImage {
  /** The checked image, as paint embeds it. */
  source: Extract<AttachmentSource, { kind: 'png' | 'jpeg' }>;
  /** Its displayed size in pixels (after an EXIF turn). */
  width: number;
  height: number;
  rotation: 0 | 90 | 180 | 270;
}

export interface SignatureImageOptions {
  /** Folder the path is relative to (the case file's folder). */
  baseDir: string;
  allowOutside?: boolean;
  /** Tests lower them. */
  limits?: Partial<AttachmentLimits>;
}

const PATH = ['signature', 'image'];
const AGAIN = 'Scan or export the signature again as a PNG or JPEG (about 600 × 150 pixels is plenty), or remove `signature.image`.';

/** The signature image of the case, or undefined when it has none; throws InputError when it cannot be used. */
export function loadSignatureImage(file: string | undefined, options: SignatureImageOptions): SignatureImage | undefined {
  if (file === undefined) return undefined;
  const limits: AttachmentLimits = { ...SIGNATURE_LIMITS, ...options.limits };
  const label = `The signature image (signature.image: ${file})`;
  const fail = (slug: string, message: string, hint: string): never => {
    throw new InputError([{ code: `validate/signature-image-${slug}`, severity: 'error', path: PATH, message: `${label} ${message}`, hint }]);
  };
  const found = findAttachment(file, options.baseDir, options.allowOutside ?? false);
  if (isNotThere(found)) return fail(found.slug, found.message, signatureHint(found.slug, found.hint));
  const size = statSync(found.real).size;
  if (size > limits.maxBytes) return fail('too-large', `is ${megabytes(size)}, over the ${megabytes(limits.maxBytes)} limit for a signature image.`, 'Crop it to the signature and save it smaller (about 600 × 150 pixels is plenty).');
  if (size === 0) return fail('damaged', 'is empty (0 bytes).', AGAIN);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(found.real));
  } catch (err) {
    return fail('unreadable', `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read error'}).`, 'Check that the file is readable by you (its permissions).');
  }
  const type = sniff(bytes);
  if (type === 'png') {
    const png = preparePng(bytes, limits);
    if (isRefusal(png)) return fail(png.slug, png.message, png.slug === 'too-many-pixels' ? 'Crop it to the signature and scale it down (about 600 × 150 pixels is plenty).' : AGAIN);
    return { source: { kind: 'png', png }, width: png.width, height: png.height, rotation: 0 };
  }
  if (type === 'jpeg') {
    const jpeg = checkJpeg(bytes, limits);
    if (isRefusal(jpeg)) return fail(jpeg.slug, jpeg.message, jpeg.slug === 'too-many-pixels' ? 'Crop it to the signature and scale it down (about 600 × 150 pixels is plenty).' : AGAIN);
    const turned = jpeg.rotation === 90 || jpeg.rotation === 270;
    return { source: { kind: 'jpeg', bytes, jpeg }, width: turned ? jpeg.height : jpeg.width, height: turned ? jpeg.width : jpeg.height, rotation: jpeg.rotation };
  }
  return fail('not-supported', `is not a PNG or JPEG image${type ? ` (it looks like ${type === 'pdf' ? 'a PDF' : type})` : ''}.`, 'Save the signature as a PNG or JPEG image and point `signature.image` at it.');
}

/** The attachment hints speak of attachments and --attachments list; a signature image has its own advice. */
function signatureHint(slug: 'missing' | 'not-file' | 'outside', hint: string): string {
  if (slug === 'missing') return "Check the name, and that the path is relative to the case file's folder; or remove `signature.image`.";
  if (slug === 'not-file') return 'Point `signature.image` at the PNG or JPEG file itself.';
  return hint;
}
