// How much of the machine one attachment may use: file size, pages, image pixels and decoded bytes. Checked before
// anything big is allocated, so a small file that claims or inflates to gigabytes is refused, not obeyed.

export interface AttachmentLimits {
  /** Largest file, in bytes (`--max-attachment-mb`). */
  maxBytes: number;
  /** Most pages in one attached PDF (`--max-attachment-pages`). */
  maxPages: number;
  /** Most pixels in one image: 600 dpi Legal (5100 × 8400 = 43 MP) fits, a 20000 × 20000 bomb does not. */
  maxPixels: number;
  /** Largest decoded size of a PNG that must be decoded (alpha, 16-bit, interlaced): 40 MP of 8-bit RGBA. */
  maxDecodedImageBytes: number;
  /** Largest decoded page content stream (or object stream) of an attached PDF. */
  maxStreamBytes: number;
  /** Largest decoded page content of one attached PDF, all pages together. */
  maxContentBytes: number;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const DEFAULT_MAX_ATTACHMENT_PAGES = 1000;

export const DEFAULT_LIMITS: AttachmentLimits = {
  maxBytes: DEFAULT_MAX_ATTACHMENT_BYTES,
  maxPages: DEFAULT_MAX_ATTACHMENT_PAGES,
  maxPixels: 50_000_000,
  maxDecodedImageBytes: 160 * 1024 * 1024,
  maxStreamBytes: 64 * 1024 * 1024,
  maxContentBytes: 256 * 1024 * 1024,
};

/** `12.3 MB` */
export function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
