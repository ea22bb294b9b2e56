// Temporary files of the write stage: names that say whose they are (authpack, this host, this process), a
// registry of the ones this process has open (removed on an interrupt or at exit), and removal of the ones a
// killed process left behind.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** This host, as a short tag: a temp file is only ever judged stale by a process on the host that made it. */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

// `.<name>.authpack-<host>-<pid>-<random>.tmp`: hidden, next to (or named after) the file it becomes.
const TEMP_NAME = /\.authpack-([0-9a-f]{8})-(\d+)-[0-9a-f]{8}\.tmp$/;

/** A fresh temp file name for `target` (the name is cut so that the whole stays within file-name limits). */
export function tempName(target: string): string {
  let base = path.basename(target);
  while (Buffer.byteLength(base) > 150) base = base.slice(0, -1);
  return `.${base}.authpack-${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

const live = new Set<string>();
let exitHookInstalled = false;

/** Records a temp file this process created; it is removed on an interrupt (see interrupt.ts) or at exit. */
export function trackTemp(file: string): void {
  live.add(file);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // The last resort: whatever path leads to exit, no temp file of ours outlives the process.
    process.on('exit', removeLiveTemps);
  }
}

export function untrackTemp(file: string): void {
  live.delete(file);
}

/** Removes every temp file this process still has (synchronously: it runs in signal and exit handlers). */
export function removeLiveTemps(): void {
  for (const file of live) {
    try {
      unlinkSync(file);
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

/**
 * Removes temp files in `dir` that a killed authpack on this host left: the name carries this host's tag and the
 * id of a process that no longer runs. Another host's temp files, and those of a running process (even one of
 * another user), are never touched. Returns the names removed.
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || !name.startsWith('.') || m[1] !== HOST_TAG) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || isRunning(pid)) continue;
    const full = path.join(dir, name);
    try {
      if (!lstatSync(full).isFile()) continue;
      unlinkSync(full);
      removed.push(name);
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
  return removed;
}

/** Whether a process with this id runs on this host (EPERM: it runs, under another user). */
export function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
