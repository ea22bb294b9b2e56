// Reads a case file or standard input with a size limit: regular files and stdin only, so a FIFO, a device such as
// /dev/zero or a folder is refused at once instead of hanging or reading without end.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import { formatBytes, MAX_CASE_BYTES } from './limits.js';

const PATH_HINT = 'Check the path; paths are relative to the folder you run authpack from.';

/** The bytes of `file` (`-` is standard input), at most MAX_CASE_BYTES, or an InputError naming the file. */
export function readCaseBytes(file: string, limit = MAX_CASE_BYTES): Buffer {
  if (file === '-') {
    let stat: Stats;
    try {
      stat = fstatSync(0);
    } catch {
      throw fail('<stdin>', 'load/unreadable', 'Standard input is closed, so no case can be read from it.', 'Pipe the case in (`authpack validate - < case.yaml`) or pass the case file.');
    }
    return readLimited(0, '<stdin>', limit, stat);
  }
  let fd: number;
  try {
    // Opened once and checked through the descriptor (no check-then-open race). O_NONBLOCK: opening a FIFO with no
    // writer returns at once instead of waiting forever; O_NOCTTY: a terminal device never becomes ours.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    throw fail(file, 'load/unreadable', openProblem(err as NodeJS.ErrnoException), PATH_HINT);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw fail(file, 'load/not-a-file', `The case file ${file} ${notRegular(stat)}.`, 'Pass a .yaml or .json case file; use - to read the case from standard input.');
    return readLimited(fd, file, limit, stat);
  } finally {
    closeSync(fd);
  }
}

function readLimited(fd: number, name: string, limit: number, stat: Stats): Buffer {
  if (stat.isDirectory()) throw fail(name, 'load/not-a-file', `The case file ${name} is a folder, not a file.`, PATH_HINT);
  if (stat.isFile() && stat.size > limit) throw tooLarge(name, stat.size, limit);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // Read one byte past the limit to tell "exactly the limit" from "more" without reading the rest.
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A non-blocking pipe with no data yet: wait a moment, then read again.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw fail(name, 'load/unreadable', `The case file ${name} cannot be read (${code ?? String(err)}).`, PATH_HINT);
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > limit) throw tooLarge(name, undefined, limit);
  }
  return Buffer.concat(chunks, total);
}

function openProblem(err: NodeJS.ErrnoException): string {
  const file = err.path ?? 'the case file';
  switch (err.code) {
    case 'ENOENT':
      return `The case file ${file} does not exist.`;
    case 'ENOTDIR':
      return `The case file ${file} does not exist (a part of its path is a file, not a folder).`;
    case 'EACCES':
    case 'EPERM':
      return `The case file ${file} cannot be read: permission denied.`;
    case 'ELOOP':
      return `The case file ${file} is a symbolic link that points to itself (a loop).`;
    case 'ENAMETOOLONG':
      return 'The case file path is too long.';
    case 'ENXIO':
      return `The case file ${file} is a socket or a device with nothing behind it, not a file.`;
    default:
      return `The case file ${file} cannot be read (${err.code ?? err.message}).`;
  }
}

function notRegular(stat: Stats): string {
  if (stat.isDirectory()) return 'is a folder, not a file';
  if (stat.isFIFO()) return 'is a named pipe (FIFO), not a regular file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device (such as /dev/zero), not a regular file';
  if (stat.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

function tooLarge(name: string, size: number | undefined, limit: number): InputError {
  const how = size === undefined ? `is larger than ${formatBytes(limit)}` : `is ${formatBytes(size)}`;
  return fail(
    name,
    'load/too-large',
    `The case file ${name} ${how}; a case file may be at most ${formatBytes(limit)}.`,
    'A case holds text and references to its attachments; put scans and PDFs under `attachments:` instead of pasting them into the case. For many cases, use `authpack batch`.',
  );
}

function fail(file: string, code: string, message: string, hint: string): InputError {
  const d: Diagnostic = { code, severity: 'error', message, hint, place: { file } };
  return new InputError([d]);
}
