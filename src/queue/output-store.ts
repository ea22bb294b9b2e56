// Where a queue run's packets and report rows go. Every worker and the report command open the same location, so
// it is shared: a folder every host mounts at the same path (FolderStore) today; an object store can implement the
// same four operations later (put must be all-or-nothing: a reader sees the whole object or none).
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUEUE_DIR } from '../batch/own-files.js';
import { UsageError } from '../diagnostics/errors.js';
import { writeAll } from '../write/sync-io.js';
import { flushFile, flushFolder } from '../batch/flush.js';

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

/**
 * Commits held back to be flushed together: a commit waits at most `ms` for others to join it, or until `max` are
 * waiting (read at each commit: a worker's count follows the threads it renders on). A worker uses it so that several
 * jobs share their flushes (group commit, as databases do): each job still completes only once its own files and
 * folders are flushed.
 */
export interface CommitGroup {
  readonly ms: number;
  readonly max: number;
}

/** One `commitAll` waiting for its group. */
interface Pending {
  items: readonly CommitItem[];
  resolve: () => void;
  reject: (err: CommitError) => void;
}

/** An object to put in place: bytes, or a complete file already written (unflushed) into the store's temp folder. */
export type CommitItem = { key: string; temp: string } | { key: string; bytes: Uint8Array };

/**
 * A folder on a file system every worker sees at the same path (NFS, a shared volume). The short file system calls
 * are made in this thread and only the flushes (fsync) go to libuv's thread pool: a worker's main thread spends
 * less CPU per job that way than with a pool round trip for every open, close and rename (as `batch` does).
 */
export class FolderStore implements OutputStore {
  readonly uri: string;
  /** Folders known to exist (made by this store, or found): not made again on every write. */
  private readonly folders = new Set<string>();
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** `group`: commits wait for each other to share their flushes (CommitGroup); without it each commits at once. */
  constructor(
    readonly root: string,
    private readonly group?: CommitGroup,
  ) {
    this.uri = root;
  }

  /** The folder where a packet may be written before `commitAll` moves it into place (on the store's file system). */
  get tempDir(): string {
    return path.join(this.root, TEMP);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.commitAll([{ key, bytes }]);
  }

  /**
   * Puts several objects in place, each atomically, in the order given: a reader who sees one sees those before it
   * (a packet, then the report row that names it). An object is bytes, or `temp`: a complete file written into
   * `tempDir` without being flushed (by a render thread), removed on failure. Every file is flushed first, all at
   * once, then each is renamed, then their folders are flushed, all at once: a job's packet and row cost two rounds
   * of flushes instead of four in a row. With a commit group, the commits of several jobs do this together, each
   * folder flushed once for all of them. On failure nothing more of this commit is moved, its temp files not yet in
   * place are removed, and the error's `placed` says how many of its objects were moved into place before it. A
   * folder that cannot be flushed fails every commit of its group that was placed (placed: all of its objects).
   */
  commitAll(items: readonly CommitItem[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ items, resolve, reject });
      if (!this.group || this.pending.length >= this.group.max) this.fire();
      else this.timer ??= setTimeout(() => this.fire(), this.group.ms);
    });
  }

  /** Commits every waiting `commitAll` now, together. */
  private fire(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const entries = this.pending;
    this.pending = [];
    void this.commitTogether(entries);
  }

  private async commitTogether(entries: readonly Pending[]): Promise<void> {
    const outcomes = await Promise.all(entries.map((e) => this.place(e.items).then((dirs) => ({ dirs }), (err: CommitError) => ({ err }))));
    const dirs = new Set(outcomes.flatMap((o) => ('dirs' in o ? [...o.dirs] : [])));
    let failed: unknown;
    await Promise.all([...dirs].map((d) => flushFolder(d))).catch((err: unknown) => (failed = err));
    for (const [i, e] of entries.entries()) {
      const o = outcomes[i]!;
      if ('err' in o) e.reject(o.err);
      else if (failed !== undefined) e.reject(placed(failed, e.items.length));
      else e.resolve();
    }
  }

  /** Flushes the objects' files all at once, then renames each into place; resolves with the folders they went into. */
  private async place(items: readonly CommitItem[]): Promise<Set<string>> {
    const temps: string[] = [];
    try {
      for (const item of items) temps.push('temp' in item ? item.temp : this.writeTemp(item.bytes));
      await Promise.all(temps.map((t) => flushFile(t)));
    } catch (err) {
      for (const t of temps) rmSync(t, { force: true });
      for (const item of items.slice(temps.length)) if ('temp' in item) rmSync(item.temp, { force: true });
      throw placed(err, 0);
    }
    const dirs = new Set<string>();
    for (const [i, item] of items.entries()) {
      const target = this.file(item.key);
      const dir = path.dirname(target);
      try {
        this.inFolder(dir, () => renameSync(temps[i]!, target));
      } catch (err) {
        for (const t of temps.slice(i)) rmSync(t, { force: true });
        throw placed(err, i);
      }
      dirs.add(dir);
    }
    return dirs;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return readFileSync(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** A new temp file in `tempDir` holding `bytes`, not yet flushed (a unique name: two workers never share one). */
  private writeTemp(bytes: Uint8Array): string {
    const temp = path.join(this.tempDir, `${randomBytes(12).toString('hex')}.part`);
    const fd = this.inFolder(this.tempDir, () => openSync(temp, 'wx', 0o600));
    try {
      writeAll(fd, bytes);
    } catch (err) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw err;
    }
    closeSync(fd);
    return temp;
  }

  /** Runs `op` on a path in `dir`, making the folder first if this store has not seen it (or it was removed since). */
  private inFolder<T>(dir: string, op: () => T): T {
    if (!this.folders.has(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      this.folders.add(dir);
      return op();
    }
    try {
      return op();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.folders.delete(dir);
      return this.inFolder(dir, op);
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
    const dir = this.tempDir;
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

/** An error of `commitAll`, with how many of its objects were in place when it stopped. */
export type CommitError = NodeJS.ErrnoException & { placed: number };

function placed(err: unknown, count: number): CommitError {
  const e = (err instanceof Error ? err : new Error(String(err))) as CommitError;
  e.placed = count;
  return e;
}

/** The store an `--output` value names: a folder path or a `file://` URL; other schemes are not built yet. */
export function openStore(uri: string, group?: CommitGroup): FolderStore {
  if (/^file:/i.test(uri)) return new FolderStore(fileURLToPath(uri), group);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri)?.[1];
  if (scheme) {
    throw new UsageError([{ code: 'queue/output-scheme', severity: 'error', message: `--output ${uri}: the ${scheme}:// scheme is not supported yet; the output must be a folder that every worker sees at the same path.`, hint: 'Give a shared folder path (for example a mounted volume such as /data/out).' }]);
  }
  return new FolderStore(path.resolve(uri), group);
}
