// Where a queue run's packets and report rows go. Every worker and the report command open the same location, so
// it is shared: a folder every host mounts at the same path (FolderStore) today; an object store can implement the
// same four operations later (put must be all-or-nothing: a reader sees the whole object or none).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUEUE_DIR } from '../batch/own-files.js';
import { UsageError } from '../diagnostics/errors.js';

export interface OutputStore {
  /** The location as given to `queue submit --output` (a folder's absolute path), kept with the run. */
  readonly uri: string;
  /** Writes `bytes` under `key` atomically: readers see the complete object or none, never a part. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<void>;
  /** The keys directly under `prefix` (a folder-like key ending in `/`), in no set order. */
  list(prefix: string): Promise<string[]>;
}

/** Temp files of writes in progress, in the queue's own folder (never read as cases). */
const TEMP = `${QUEUE_DIR}/tmp`;

/** A folder on a file system every worker sees at the same path (NFS, a shared volume). */
export class FolderStore implements OutputStore {
  readonly uri: string;

  constructor(readonly root: string) {
    this.uri = root;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.file(key);
    const tempDir = path.join(this.root, TEMP);
    await mkdir(tempDir, { recursive: true, mode: 0o700 });
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // A unique name per write: two workers that both render a job (one of them presumed dead) never share a temp file.
    const temp = path.join(tempDir, `${randomBytes(12).toString('hex')}.part`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (err) {
      await handle.close().catch(() => {});
      await rm(temp, { force: true });
      throw err;
    }
    await handle.close();
    try {
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    await syncFolder(path.dirname(target));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    try {
      const entries = await readdir(this.file(prefix), { withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => `${prefix}${e.name}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  /** Removes temp files older than `ms` (left by a worker killed while writing): nobody can still be writing them. */
  async sweepTemps(ms: number): Promise<void> {
    const dir = path.join(this.root, TEMP);
    const names = await readdir(dir).catch(() => [] as string[]);
    const now = Date.now();
    for (const name of names) {
      const st = await stat(path.join(dir, name)).catch(() => undefined);
      if (st && now - st.mtimeMs > ms) await rm(path.join(dir, name), { force: true });
    }
  }

  private file(key: string): string {
    const file = path.resolve(this.root, key);
    if (path.relative(this.root, file).startsWith('..')) throw new Error(`store key outside the store: ${key}`);
    return file;
  }
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    /* some file systems cannot flush a folder: the rename is in place either way */
  } finally {
    await handle.close();
  }
}

/** The store an `--output` value names: a folder path or a `file://` URL; other schemes are not built yet. */
export function openStore(uri: string): FolderStore {
  if (/^file:/i.test(uri)) return new FolderStore(fileURLToPath(uri));
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri)?.[1];
  if (scheme) {
    throw new UsageError([{ code: 'queue/output-scheme', severity: 'error', message: `--output ${uri}: the ${scheme}:// scheme is not supported yet; the output must be a folder that every worker sees at the same path.`, hint: 'Give a shared folder path (for example a mounted volume such as /data/out).' }]);
  }
  return new FolderStore(path.resolve(uri));
}
