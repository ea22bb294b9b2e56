// Durability of a batch's packets without making a worker or the main thread wait for the disk: each packet's temp
// file is flushed (fsync) on libuv's thread pool before it is renamed into place, and every output folder once at
// the end of the run (a rename lost to a power cut before then is not in place, so --resume renders it again). The
// queue's folder store (queue/output-store.ts) flushes a job's folders before the job completes, with flushFolder.
import { closeSync, fsync as fsyncCallback, openSync } from 'node:fs';
import { promisify } from 'node:util';
import { FOLDER_SYNC_UNSUPPORTED, fsyncFolder } from '../write/sync-io.js';

const fsync = promisify(fsyncCallback);

/**
 * Flushes a file written without fsync; rejects with the file system's error (EIO, ENOSPC). Opening and closing
 * are quick and done in this thread; only the flush goes to the thread pool (one round trip, not three).
 */
export async function flushFile(file: string): Promise<void> {
  const fd = openSync(file, 'r+');
  try {
    await fsync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder after a rename into it, on the thread pool; file systems that cannot are left as they are. */
export async function flushFolder(dir: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return; // a folder we may write but not read cannot be opened; the rename is in place either way
  }
  try {
    await fsync(fd);
  } catch (err) {
    if (!FOLDER_SYNC_UNSUPPORTED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    closeSync(fd);
  }
}

/** The folders packets were renamed into, flushed once each by `flush()`. */
export class FolderFlush {
  private readonly dirs = new Set<string>();

  add(dir: string): void {
    this.dirs.add(dir);
  }

  /** Flushes every folder; errors are left to the caller (the packets are in place either way). */
  flush(): void {
    for (const dir of this.dirs) fsyncFolder(dir);
    this.dirs.clear();
  }
}
