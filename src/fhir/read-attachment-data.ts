// Reads each attachment file of a case for the PAS bundle (documents travel inline, base64); a file that is not
// there or not readable is an input problem naming the attachment, never its contents.
import { readFileSync } from 'node:fs';
import { findAttachment, isNotThere } from '../attachments/find-attachment.js';
import { InputError } from '../diagnostics/errors.js';
import type { Case } from '../validate/case-schema.js';
import { sniffContentType, type AttachmentData } from './case-to-documents.js';

export function readAttachmentData(c: Case, baseDir: string, allowOutside: boolean): AttachmentData[] {
  return c.attachments.map((a, i) => {
    const path = ['attachments', i, 'file'];
    const found = findAttachment(a.file, baseDir, allowOutside);
    if (isNotThere(found)) {
      throw new InputError([{ code: `fhir/attachment-${found.slug}`, severity: 'error', message: `The attachment "${a.title}" (${a.file}) ${found.message}`, hint: `The PAS bundle carries every attachment inline. ${found.hint}`, path }]);
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(found.real);
    } catch (err) {
      throw new InputError([{ code: 'fhir/attachment-unreadable', severity: 'error', message: `The attachment "${a.title}" (${a.file}) could not be read (${(err as NodeJS.ErrnoException).code ?? 'read error'}).`, hint: 'Check the file is readable by you, then export again.', path }]);
    }
    return { bytes, contentType: sniffContentType(bytes) };
  });
}
