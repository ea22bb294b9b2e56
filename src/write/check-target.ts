// Decides whether the packet may be written to a path: never onto the case file or an attachment, never onto a
// device, pipe, socket or folder (symbolic links are followed to what they point at), and an existing file is
// replaced only when it is a PDF unless the caller allows any file. Run before rendering and again before the rename.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { refused, writeFailed } from './write-error.js';

/** A file the packet must never replace, and how to name it in the refusal ("it is the case file"). */
export interface ProtectedFile {
  path: string;
  label: string;
}

export interface TargetRules {
  /** Which existing file may be replaced: `'pdf'` only one that starts with `%PDF-`; `'json'` only one that starts
   * with `{` (a FHIR bundle written earlier); `'any'` any regular file. */
  replace?: 'pdf' | 'json' | 'any';
  /** Files never replaced, whatever `replace` says; compared by real path and by device and inode (hard links). */
  protect?: readonly (string | ProtectedFile)[];
}

export interface CheckedTarget {
  /** The path as the caller gave it (for messages). */
  given: string;
  /** The file that will be written: symbolic links resolved, so a link to a PDF stays a link. */
  path: string;
  exists: boolean;
}

const NOT_A_FILE_HINT = 'Give a file name with -o (for example -o packet.pdf); to send the packet to another program, use -o - and a pipe.';

export function checkTarget(target: string, rules: TargetRules = {}): CheckedTarget {
  if (target === '' || /[\\/]$/.test(target) || /(^|[\\/])\.\.?$/.test(target)) {
    throw refused(target || '""', 'it names a folder, not a file.', NOT_A_FILE_HINT, 'not-a-file');
  }
  const full = path.resolve(target);
  let lst: Stats | undefined;
  try {
    lst = lstatSync(full);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw writeFailed(target, err);
  }
  let real: string;
  let st = lst;
  if (lst?.isSymbolicLink()) {
    try {
      real = realpathSync.native(full);
      st = statSync(real);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw refused(target, 'it is a symbolic link to a file that does not exist.', 'Point the link at an existing PDF, remove it, or choose another file name with -o.', 'not-a-file');
      throw writeFailed(target, err);
    }
  } else {
    real = path.join(realFolder(path.dirname(full)), path.basename(full));
  }
  const via = lst?.isSymbolicLink() ? `it is a symbolic link to ${real}, which ` : 'it ';
  if (st && !st.isFile()) throw refused(target, `${via}${kind(st)}.`, NOT_A_FILE_HINT, 'not-a-file');
  const mine = protectedMatch(real, st, rules.protect ?? []);
  if (mine) throw refused(target, `${via}is ${mine.label}.`, 'Choose another file name with -o, for example -o packet.pdf; --overwrite never replaces the case file or its attachments.', 'input-file');
  if (st && (rules.replace ?? 'any') === 'pdf' && !startsAsPdf(real, target)) {
    throw refused(target, `${via}already exists and is not a PDF (it may be one of your documents).`, 'Pass --overwrite to replace it anyway, or choose another file name with -o.', 'not-a-pdf');
  }
  if (st && rules.replace === 'json' && !/^\uFEFF?\s*\{/.test(readHead(real, target, 64))) {
    throw refused(target, `${via}already exists and is not a JSON file (it may be one of your documents).`, 'Pass --overwrite to replace it anyway, or choose another file name.', 'not-json');
  }
  return { given: target, path: real, exists: st !== undefined };
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
export function realFolder(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch (err) {
    const parent = path.dirname(dir);
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) return dir;
    return path.join(realFolder(parent), path.basename(dir));
  }
}

function kind(st: Stats): string {
  if (st.isDirectory()) return 'is a folder, not a file';
  if (st.isCharacterDevice()) return 'is a device (such as /dev/null), not a file';
  if (st.isBlockDevice()) return 'is a disk device, not a file';
  if (st.isFIFO()) return 'is a named pipe (FIFO), not a file';
  if (st.isSocket()) return 'is a socket, not a file';
  return 'is not a regular file';
}

/** The entry of `list` that is the file at `real` (same real path, or same device and inode), if any. */
export function protectedMatch(real: string, st: Stats | undefined, list: readonly (string | ProtectedFile)[]): ProtectedFile | undefined {
  for (const entry of list) {
    const p = typeof entry === 'string' ? { path: entry, label: `the input file ${entry}` } : entry;
    const full = path.resolve(p.path);
    let other: Stats | undefined;
    let otherReal: string;
    try {
      otherReal = realpathSync.native(full);
      other = statSync(otherReal);
    } catch {
      otherReal = path.join(realFolder(path.dirname(full)), path.basename(full));
    }
    if (otherReal === real) return p;
    // A hard link (or the same file reached through another mount) has another path but the same inode.
    if (st && other && st.dev === other.dev && st.ino === other.ino) return p;
  }
  return undefined;
}

/** The first bytes of an existing file as text, read without blocking (a FIFO swapped in meanwhile reads as empty). */
function readHead(real: string, target: string, bytes: number): string {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (err) {
    throw refused(target, `it already exists and cannot be read to check what it is (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}).`, 'Pass --overwrite to replace it anyway, or choose another file name.', 'not-json');
  }
  try {
    if (!fstatSync(fd).isFile()) return '';
    const head = Buffer.alloc(bytes);
    const n = readSync(fd, head, 0, bytes, 0);
    return head.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    closeSync(fd);
  }
}

/** Whether the file starts with `%PDF-`: reads five bytes, never blocks (a FIFO swapped in meanwhile is refused). */
function startsAsPdf(real: string, target: string): boolean {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (err) {
    throw refused(target, `it already exists and cannot be read to check that it is a PDF (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}).`, 'Pass --overwrite to replace it anyway, or choose another file name with -o.', 'not-a-pdf');
  }
  try {
    if (!fstatSync(fd).isFile()) return false;
    const head = Buffer.alloc(5);
    const n = readSync(fd, head, 0, 5, 0);
    return n === 5 && head.toString('latin1') === '%PDF-';
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}
