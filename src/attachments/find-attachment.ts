// Finds an attachment's file from the case's `file` value: it must exist, be a regular file and lie inside the case
// folder (unless outside paths are allowed). A file that is not there is an input problem, found by `validate`,
// `check` and `render` alike with the same codes; whether a file that is there can be used is decided when it is read.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export interface FoundAttachment {
  /** The file's real path (links resolved). */
  real: string;
}

/** Why the file is not there, as a diagnostic slug (`validate/attachment-<slug>`), a message tail and a hint. */
export interface AttachmentNotThere {
  notThere: true;
  slug: 'missing' | 'not-file' | 'outside';
  message: string;
  hint: string;
}

const LIST_HINT = 'If the document is sent to the payer separately, render with --attachments list, which only lists it.';

export function findAttachment(file: string, baseDir: string, allowOutside: boolean): FoundAttachment | AttachmentNotThere {
  let base = path.resolve(baseDir);
  try {
    base = realpathSync(base);
  } catch {
    /* a case folder that cannot be resolved: its files are looked for as given */
  }
  const full = path.resolve(base, file);
  let real: string;
  try {
    const st = statSync(full);
    if (st.isDirectory()) return { notThere: true, slug: 'not-file', message: 'is a folder, not a file.', hint: 'Point `file` at the document itself.' };
    if (!st.isFile()) return { notThere: true, slug: 'not-file', message: 'is not a regular file (it is a device, pipe or socket).', hint: 'Point `file` at the document itself.' };
    real = realpathSync(full);
  } catch {
    return { notThere: true, slug: 'missing', message: `does not exist (looked for ${full}).`, hint: `Check the name, and that the path is relative to the case file's folder. ${LIST_HINT}` };
  }
  const rel = path.relative(base, real);
  if (!allowOutside && (rel.startsWith('..') || path.isAbsolute(rel))) {
    return { notThere: true, slug: 'outside', message: 'is outside the case folder.', hint: 'Copy it next to the case file, or pass --allow-outside if that is intended.' };
  }
  return { real };
}

export function isNotThere(x: object): x is AttachmentNotThere {
  return 'notThere' in x;
}
