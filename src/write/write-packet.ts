// Write stage: puts the packet on disk atomically (temp file, every byte written and fsync'd, then a rename and a
// fsync of the folder), readable by the owner only; refuses targets that are not the packet's to replace
// (check-target.ts); any failure leaves nothing behind, temp file included, and is an OutputError (exit 6).
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../diagnostics/errors.js';
import { checkTarget, type CheckedTarget, type TargetRules } from './check-target.js';
import { fsyncFolder, writeAll } from './sync-io.js';
import { removeStaleTemps, tempName, trackTemp, untrackTemp } from './temp-files.js';
import { writeFailed } from './write-error.js';

export type { CheckedTarget, ProtectedFile, TargetRules } from './check-target.js';

export interface WriteOptions extends TargetRules {
  /** Folder for the temporary file, on the same file system as the target (default: the target's folder). */
  tempDir?: string;
}

/**
 * A write in progress: the target is checked and a temp file is open next to it (so an unwritable folder fails
 * before any work is done). `fill` writes the bytes, `commit` checks the target again and renames the temp file
 * into place, `abort` removes everything this write created. Used by `render` to reserve its output up front.
 */
export class PendingWrite {
  private fd: number | undefined;
  private done = false;

  constructor(
    readonly target: CheckedTarget,
    readonly temp: string,
    fd: number,
    private readonly rules: TargetRules,
    /** The first folder this write created (removed again on abort, if still empty), and the temp file's folder. */
    private readonly made: { first: string | undefined; dir: string },
  ) {
    this.fd = fd;
  }

  /** Writes every byte to the temp file and flushes it to disk; on failure removes it and throws OutputError. */
  fill(bytes: Uint8Array): void {
    try {
      if (this.fd === undefined) throw Object.assign(new Error('the temporary file is closed'), { code: 'EBADF' });
      writeAll(this.fd, bytes);
      fchmodSync(this.fd, 0o600);
      fsyncSync(this.fd);
      const fd = this.fd;
      this.fd = undefined;
      closeSync(fd);
    } catch (err) {
      this.abort();
      throw writeFailed(this.target.given, err);
    }
  }

  /** Checks the target again (it may have changed while rendering), renames the temp file onto it, flushes the folder. */
  commit(): string {
    let target: CheckedTarget;
    try {
      target = checkTarget(this.target.given, this.rules);
    } catch (err) {
      this.abort();
      throw err;
    }
    try {
      if (this.fd !== undefined) throw Object.assign(new Error('the packet was not written completely'), { code: 'EIO' });
      mkdirSync(path.dirname(target.path), { recursive: true, mode: 0o700 });
      renameSync(this.temp, target.path);
    } catch (err) {
      this.abort();
      throw writeFailed(this.target.given, err);
    }
    this.done = true;
    untrackTemp(this.temp);
    try {
      fsyncFolder(path.dirname(target.path));
    } catch (err) {
      throw writeFailed(this.target.given, err, ' The file is in place, but may not survive a power cut.');
    }
    return target.path;
  }

  /** Removes the temp file (and any folder this write created, if empty); does nothing after `commit`. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
    discardTemp(this.temp);
    removeMadeFolders(this.made.dir, this.made.first);
  }
}

/** Checks `target` and opens a temp file for it; see PendingWrite. Throws OutputError. */
export function prepareWrite(target: string, options: WriteOptions = {}): PendingWrite {
  const checked = checkTarget(target, options);
  const dir = options.tempDir ? path.resolve(options.tempDir) : path.dirname(checked.path);
  const { fd, temp, made } = createTemp(dir, checked.path, target);
  return new PendingWrite(checked, temp, fd, { ...(options.replace ? { replace: options.replace } : {}), ...(options.protect ? { protect: options.protect } : {}) }, { first: made, dir });
}

/**
 * Writes bytes to `target`; a reader never sees a half-written file, and a failure leaves nothing behind.
 * The target is checked first (see TargetRules): a device, pipe, socket or folder is refused, a symbolic link is
 * written through (it stays a link), `protect` lists files never replaced, and `replace: 'pdf'` replaces an
 * existing file only when it is a PDF (default `'any'`). `tempDir` (on the same file system) keeps even the
 * temporary file out of the target's folder. Returns the path written (links resolved). Throws OutputError.
 */
export function writePacket(bytes: Uint8Array, target: string, options: WriteOptions = {}): string {
  const pending = prepareWrite(target, options);
  try {
    pending.fill(bytes);
    return pending.commit();
  } finally {
    pending.abort();
  }
}

/**
 * Writes bytes to a new temp file in `tempDir` (every byte, fsync'd, mode 0600) named after `name`, and returns
 * its path; `commitTemp` moves it into place. On failure nothing is left and an OutputError names `name`.
 * `sync: false` leaves the fsync to the caller, who must flush the file before `commitTemp` (batch does it off the
 * rendering thread, so a worker never waits for the disk).
 */
export function writeTemp(bytes: Uint8Array, tempDir: string, name: string, { sync = true }: { sync?: boolean } = {}): string {
  const { fd, temp } = createTemp(path.resolve(tempDir), name, name);
  try {
    writeAll(fd, bytes);
    fchmodSync(fd, 0o600);
    if (sync) fsyncSync(fd);
  } catch (err) {
    closeQuietly(fd);
    discardTemp(temp);
    throw writeFailed(name, err);
  }
  closeQuietly(fd);
  // From here the caller owns the file (batch records it in its journal, then commits it, possibly from another
  // thread); a run killed in between leaves it to the stale-temp cleanup.
  untrackTemp(temp);
  return temp;
}

/**
 * Renames a temp file from `writeTemp` into place (same file system: atomic), creating the target's folder, after
 * checking the target (TargetRules; by default any regular file may be replaced, a device or folder never).
 * On failure the temp file is removed and an OutputError thrown. `syncFolder: false` leaves the folder's fsync to
 * the caller (batch flushes each output folder once, at the end of the run).
 */
export function commitTemp(temp: string, target: string, rules: TargetRules = {}, { syncFolder = true }: { syncFolder?: boolean } = {}): void {
  try {
    const checked = checkTarget(target, rules);
    try {
      mkdirSync(path.dirname(checked.path), { recursive: true, mode: 0o700 });
      renameSync(temp, checked.path);
    } catch (err) {
      throw writeFailed(target, err);
    }
    untrackTemp(temp);
    if (syncFolder) fsyncFolder(path.dirname(checked.path));
  } catch (err) {
    discardTemp(temp);
    if (err instanceof OutputError) throw err;
    throw writeFailed(target, err);
  }
}

/** Opens a new temp file for `target` in `dir` (created if need be), after removing stale ones a killed run left. */
function createTemp(dir: string, target: string, what: string): { fd: number; temp: string; made: string | undefined } {
  let made: string | undefined;
  try {
    made = mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw writeFailed(what, err);
  }
  removeStaleTemps(dir);
  const temp = path.join(dir, tempName(target));
  try {
    const fd = openSync(temp, 'wx', 0o600);
    trackTemp(temp);
    return { fd, temp, made };
  } catch (err) {
    removeMadeFolders(dir, made);
    throw writeFailed(what, err);
  }
}

function discardTemp(temp: string): void {
  untrackTemp(temp);
  try {
    unlinkSync(temp);
  } catch {
    /* never created, or already renamed */
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* already closed */
  }
}

/** Removes `dir` and its parents up to `first` (the first folder mkdir created), as long as they are empty. */
function removeMadeFolders(dir: string, first: string | undefined): void {
  if (!first) return;
  for (let d = dir; d.startsWith(first); d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === first) return;
  }
}
