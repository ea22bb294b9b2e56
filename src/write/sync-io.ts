// The two system-call loops a durable write needs: every byte written (a write may take fewer bytes than asked),
// and the folder's entry flushed after a rename.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** Writes all of `bytes` to `fd`, looping over short writes; a write that makes no progress is a full disk. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, bytes.length - done);
    if (n <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    done += n;
  }
}

// File systems that cannot fsync a folder (some network and FUSE ones) say so with these; the rename stands.
export const FOLDER_SYNC_UNSUPPORTED: ReadonlySet<string> = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EBADF', 'EISDIR', 'EACCES', 'EPERM']);

/** Flushes the folder so that a rename into it survives a power cut; a real I/O error is thrown. */
export function fsyncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return; // a folder we may write but not read (mode -wx) cannot be opened; nothing more can be done
  }
  try {
    fsyncSync(fd);
  } catch (err) {
    if (!FOLDER_SYNC_UNSUPPORTED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    closeSync(fd);
  }
}
