// A private folder per request for the attachment files sent with a case: each file is placed at the path the
// case gives it (`attachments[].file`, or `signature.image` for the signature image), so the pipeline reads them exactly as it reads files beside a case file.
// Nothing on the server's own disk is reachable: a case without uploads gets an empty folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { HttpError } from './http-error.js';
import type { UploadedFile } from './read-case-body.js';

export interface Workspace {
  dir: string;
  dispose(): void;
}

/** Writes the uploads into a new folder (mode 0700, files 0600); 422 when a file matches no attachment of the case. */
export function openWorkspace(raw: unknown, files: readonly UploadedFile[]): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'authpack-serve-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const wanted = attachmentFiles(raw);
    const unmatched: Diagnostic[] = [];
    for (const f of files) {
      const target = wanted.find((w) => w === f.name) ?? wanted.find((w) => path.posix.basename(w.replaceAll('\\', '/')) === f.name);
      const inside = target === undefined ? undefined : insideFolder(dir, target);
      if (!inside) {
        unmatched.push({ code: 'serve/attachment-not-in-case', severity: 'error', message: `The file ${f.name.slice(0, 120)} was sent but the case lists no attachment (or signature image) with that file name.`, hint: 'Add it under `attachments:` with `file:` set to this name (or set `signature.image` to it), or do not send it.' });
        continue;
      }
      mkdirSync(path.dirname(inside), { recursive: true, mode: 0o700 });
      writeFileSync(inside, f.bytes, { mode: 0o600 });
    }
    if (unmatched.length) throw new HttpError(422, 'serve/attachment-not-in-case', unmatched[0]!.message, unmatched);
    return { dir, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

/** The `attachments[].file` values and `signature.image` of a raw case (not yet validated: anything else is ignored here). */
function attachmentFiles(raw: unknown): string[] {
  const list = raw && typeof raw === 'object' ? (raw as { attachments?: unknown }).attachments : undefined;
  const signature = raw && typeof raw === 'object' ? (raw as { signature?: unknown }).signature : undefined;
  const image = signature && typeof signature === 'object' ? (signature as { image?: unknown }).image : undefined;
  const files = typeof image === 'string' ? [image] : [];
  if (!Array.isArray(list)) return files;
  return [...list.flatMap((a) => (a && typeof a === 'object' && typeof (a as { file?: unknown }).file === 'string' ? [(a as { file: string }).file] : [])), ...files];
}

/** The absolute path of a relative case path inside `dir`, or undefined when it would leave the folder. */
function insideFolder(dir: string, file: string): string | undefined {
  if (path.isAbsolute(file) || file.includes('\0')) return undefined;
  const full = path.resolve(dir, file);
  return full.startsWith(dir + path.sep) ? full : undefined;
}
