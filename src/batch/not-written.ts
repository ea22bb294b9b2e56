// The diagnostic for a packet that could not be written or moved into place (a full disk, a read-only folder).
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { PacketError } from '../diagnostics/errors.js';
import { reason } from '../write/write-error.js';

/** `err` is the write stage's OutputError (which names the file and the cause) or a raw file-system error. */
export function notWritten(err: unknown): Diagnostic {
  const what = err instanceof PacketError && err.diagnostics[0] ? err.diagnostics[0].message : `The packet could not be written (${reason(err)}).`;
  return {
    code: 'write/not-writable',
    severity: 'error',
    message: `${what} Nothing was recorded for this case.`,
    hint: 'Free some space or fix the folder, then run the same command with --resume to render the cases that failed.',
  };
}
