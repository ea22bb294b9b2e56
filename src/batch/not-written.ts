// The diagnostic for a packet that could not be written or moved into place (a full disk, a read-only folder).
import type { Diagnostic } from '../diagnostics/diagnostic.js';

const WHY: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'a folder has its name',
  ENOTDIR: 'a part of its path is a file, not a folder',
  // mkdir of a folder on the path where a file of that name already is
  EEXIST: 'a part of its path is a file, not a folder',
  EIO: 'the disk reported an error',
};

export function notWritten(err: NodeJS.ErrnoException): Diagnostic {
  return {
    code: 'write/not-writable',
    severity: 'error',
    message: `The packet could not be written (${WHY[err.code ?? ''] ?? err.code ?? 'a write error'}); nothing was recorded for this case.`,
    hint: 'Free some space or fix the folder, then run the same command with --resume to render the cases that failed.',
  };
}
