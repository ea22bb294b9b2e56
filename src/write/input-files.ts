// The files a render reads that its output must never replace: the case file and every attachment (resolved
// like load-attachments.ts does: relative to the case file's folder), read from the raw case so that the check
// can run before validation and rendering.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { ProtectedFile } from './check-target.js';

export function caseInputFiles(caseFile: string | undefined, raw: unknown, baseDir: string): ProtectedFile[] {
  const out: ProtectedFile[] = [];
  if (caseFile !== undefined) out.push({ path: path.resolve(caseFile), label: 'the case file being rendered' });
  let base = path.resolve(baseDir);
  try {
    base = realpathSync(base);
  } catch {
    /* resolved as given */
  }
  const attachments = (raw as { attachments?: unknown } | null)?.attachments;
  if (Array.isArray(attachments)) {
    attachments.forEach((a: unknown, i) => {
      const file = (a as { file?: unknown } | null)?.file;
      if (typeof file !== 'string' || file.trim() === '') return;
      // Validation normalises text to NFC; the raw name may differ in bytes (NFD), so both are kept safe.
      for (const name of new Set([file.trim(), file.trim().normalize('NFC')])) out.push({ path: path.resolve(base, name), label: `attachment ${i + 1} of the case (${name})` });
    });
  }
  return out;
}
