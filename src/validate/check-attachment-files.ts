// Checks that every attachment file the case names is there (exists, is a regular file, inside the case folder):
// cheap, without reading the files, so `validate` agrees with `check` and `render` about a missing file. Reads the
// data defensively, like the cross-field rules, so it reports alongside schema problems.
import { findAttachment, isNotThere } from '../attachments/find-attachment.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface AttachmentFileOptions {
  /** Folder attachment paths are relative to (the case file's folder). */
  baseDir: string;
  /** Accept files outside that folder (--allow-outside). */
  allowOutside?: boolean;
  /** The attachments are only listed (--attachments list): look for the signature image alone, which is drawn anyway. */
  listed?: boolean;
}

export function checkAttachmentFiles(data: unknown, options: AttachmentFileOptions): Diagnostic[] {
  const out: Diagnostic[] = signatureImageFile(data, options);
  const list = (data as { attachments?: unknown } | null)?.attachments;
  if (options.listed || !Array.isArray(list)) return out;
  list.forEach((entry: unknown, i) => {
    const file = (entry as { file?: unknown } | null)?.file;
    // An empty or non-text `file` is reported by the schema.
    if (typeof file !== 'string' || file.trim() === '') return;
    const found = findAttachment(file.trim(), options.baseDir, options.allowOutside ?? false);
    if (!isNotThere(found)) return;
    out.push({ code: `validate/attachment-${found.slug}`, severity: 'error', path: ['attachments', i, 'file'], message: `Attachment ${i + 1} (${file.trim()}) ${found.message}`, hint: found.hint });
  });
  return out;
}

/** `signature.image` is looked for the same way (its content is checked when it is read, by render). */
function signatureImageFile(data: unknown, options: AttachmentFileOptions): Diagnostic[] {
  const file = (data as { signature?: { image?: unknown } | null } | null)?.signature?.image;
  if (typeof file !== 'string' || file.trim() === '') return [];
  const found = findAttachment(file.trim(), options.baseDir, options.allowOutside ?? false);
  if (!isNotThere(found)) return [];
  const hint = found.slug === 'missing' ? "Check the name, and that the path is relative to the case file's folder; or remove `signature.image`." : found.slug === 'not-file' ? 'Point `signature.image` at the PNG or JPEG file itself.' : found.hint;
  return [{ code: `validate/signature-image-${found.slug}`, severity: 'error', path: ['signature', 'image'], message: `The signature image (signature.image: ${file.trim()}) ${found.message}`, hint }];
}
