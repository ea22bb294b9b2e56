// The write stage's failures as OutputError (exit 6): what could not be written, why in plain words, what to do.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { OutputError } from '../diagnostics/errors.js';

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'the folder does not exist or was removed',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EFBIG: 'the file is larger than the system allows (see `ulimit -f`)',
  EIO: 'the disk reported an input/output error',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EXDEV: 'the temporary file is on another disk than the target',
  ELOOP: 'it is a symbolic link that loops',
  EBUSY: 'it is in use (a mount point)',
};

/** Plain words for an errno code (or the error's own message). */
export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  return WHY[code] ?? ((err as Error)?.message ?? String(err)).split('\n')[0]!;
}

const HINTS: Record<string, string> = {
  ENOSPC: 'Free some space (or write to another disk with -o) and run again; nothing was written and no temporary file is left.',
  EDQUOT: 'Free some space (or write to another disk with -o) and run again; nothing was written and no temporary file is left.',
  EFBIG: 'Raise the file-size limit (`ulimit -f unlimited`) or write to another disk with -o; nothing was written and no temporary file is left.',
};

/** "Cannot write <what>: <why>." with a hint fitting the cause; nothing was left behind when this is thrown. */
export function writeFailed(what: string, err: unknown, extra = ''): OutputError {
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const hint = HINTS[code] ?? 'Choose another path with -o, or check the folder exists and you may write to it.';
  return new OutputError([{ code: 'write/not-writable', severity: 'error', message: `Cannot write ${what}: ${reason(err)}.${extra}`, hint }]);
}

/** A refusal to write onto `target` (the user's file, a device, a folder …), with the way out. */
export function refused(target: string, why: string, hint: string, slug = 'refused'): OutputError {
  const d: Diagnostic = { code: `write/${slug}`, severity: 'error', message: `Will not write the packet to ${target}: ${why}`, hint };
  return new OutputError([d]);
}
