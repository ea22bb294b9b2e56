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
}

export function checkAttachmentFiles(data: unknown, options: AttachmentFileOptions): Diagnostic[] {
  const list = (data as { attachments?: unknown } | null)?.attachments;
  if (!Array.isArray(list)) return [];
  const out: Diagnostic[] = [];
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
