// `-o -`: the packet goes to standard output for another program; a closed reader (EPIPE) or a full disk behind a
// redirection is an OutputError (exit 6), never a crash, and a terminal is refused (binary would garble it).
import { OutputError } from '../diagnostics/errors.js';
import { reason } from './write-error.js';

/** Refuses to write a PDF to a terminal. */
export function checkStdout(stream: NodeJS.WriteStream = process.stdout): void {
  if (stream.isTTY) {
    throw new OutputError([
      { code: 'write/stdout-is-terminal', severity: 'error', message: 'Will not write the packet to standard output (-o -): it is a terminal, and a PDF is binary data.', hint: 'Pipe it to a program (-o - | lp) or redirect it to a file (-o - > packet.pdf), or give a file name with -o.' },
    ]);
  }
}

/** Writes all of `bytes` to the stream and resolves once they are handed to the system. Throws OutputError. */
export function writeStdout(bytes: Uint8Array, stream: NodeJS.WritableStream = process.stdout): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      const closed = (err as NodeJS.ErrnoException)?.code === 'EPIPE';
      reject(
        new OutputError([
          {
            code: 'write/stdout-failed',
            severity: 'error',
            message: closed ? 'Standard output was closed before the whole packet was written (the program reading it stopped).' : `Cannot write the packet to standard output: ${reason(err)}.`,
            hint: closed ? 'Make sure the program reading the packet reads all of it; or write to a file with -o packet.pdf.' : 'Write to a file with -o packet.pdf, or check where standard output goes.',
          },
        ]),
      );
    };
    // A stream that failed once may report again later (more writes, or at exit): those are already answered.
    stream.on('error', fail);
    stream.write(bytes, (err) => {
      if (err) fail(err);
      else if (!settled) {
        settled = true;
        resolve();
      }
    });
  });
}
