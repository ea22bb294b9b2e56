// Write stage: puts the packet on disk atomically (temp file + rename), readable by the owner only.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../diagnostics/errors.js';

/**
 * Writes bytes to `target`; a reader never sees a half-written file, and a failure leaves nothing behind.
 * `tempDir` (on the same file system) keeps even the temporary file out of the target's folder.
 */
export function writePacket(bytes: Uint8Array, target: string, options: { tempDir?: string } = {}): string {
  const full = path.resolve(target);
  const dir = path.dirname(full);
  if (options.tempDir) mkdirSync(options.tempDir, { recursive: true, mode: 0o700 });
  const temp = path.join(options.tempDir ?? dir, `.${path.basename(full)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    fd = openSync(temp, 'wx', 0o600);
    writeSync(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(temp, 0o600);
    renameSync(temp, full);
    return full;
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* the temp file was never created */
    }
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const why: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EISDIR: 'it is a folder',
      ENOTDIR: 'a part of the path is a file, not a folder',
      EROFS: 'the disk is read-only',
      ENOSPC: 'the disk is full',
    };
    throw new OutputError([
      {
        code: 'write/not-writable',
        severity: 'error',
        message: `Cannot write ${target}: ${why[code] ?? (err as Error).message}.`,
        hint: 'Choose another path with -o, or check the folder exists and you may write to it.',
      },
    ]);
  }
}

/** Writes bytes to a new file in `tempDir` (fsync'd, mode 0600) and returns its path; `commitTemp` moves it into place. */
export function writeTemp(bytes: Uint8Array, tempDir: string, name: string): string {
  mkdirSync(tempDir, { recursive: true, mode: 0o700 });
  const temp = path.join(tempDir, `.${path.basename(name)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/** Renames a temporary file into place (same file system: atomic), creating the target's folder. */
export function commitTemp(temp: string, target: string): void {
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true, mode: 0o700 });
  renameSync(temp, target);
}
