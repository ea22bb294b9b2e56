// Durability of a batch's packets without making a worker or the main thread wait for the disk: each packet's temp
// file is flushed (fsync) on libuv's thread pool before it is renamed into place, and every output folder once at
// the end of the run (a rename lost to a power cut before then is not in place, so --resume renders it again).
import { open } from 'node:fs/promises';
import { fsyncFolder } from '../write/sync-io.js';

/** Flushes a file written without fsync; rejects with the file system's error (EIO, ENOSPC). */
export async function flushFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
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
