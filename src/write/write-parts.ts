// Writes a split packet all or none: every part name is checked, every part written to a temp file and flushed,
// and only then are they renamed into place; if any step fails, the temps and the parts already renamed are
// removed and any earlier file they replaced is put back. Parts of the same target left by an earlier render with another part count (or the unsplit packet)
// are removed afterwards, so the folder never holds a mix of two renders.
import { closeSync, constants, linkSync, lstatSync, openSync, readdirSync, readSync, renameSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../diagnostics/errors.js';
import { protectedMatch, realFolder } from './check-target.js';
import { fsyncFolder } from './sync-io.js';
import { tempName, trackTemp, untrackTemp } from './temp-files.js';
import { prepareWrite, type PendingWrite, type WriteOptions } from './write-packet.js';
import { writeFailed } from './write-error.js';

/** `out/packet.pdf` → `out/packet-part1-of-3.pdf` */
export function partName(target: string, k: number, n: number): string {
  return target.replace(/(\.pdf)?$/i, `-part${k}-of-${n}.pdf`);
}

/**
 * Writes `parts` (names from `partName`) all or none; returns the paths written. Throws OutputError.
 * A part that replaces an existing file (an earlier render with the same part count) keeps that file as a hard
 * link until every part is in place, so that a failure puts the earlier set back whole instead of leaving half.
 */
export function writeParts(parts: readonly { name: string; bytes: Uint8Array }[], options: WriteOptions = {}): string[] {
  const pending: PendingWrite[] = [];
  const written: string[] = [];
  const kept = new Map<string, string>();
  try {
    for (const part of parts) pending.push(prepareWrite(part.name, options));
    parts.forEach((part, i) => pending[i]!.fill(part.bytes));
    for (const p of pending) if (p.target.exists) keepAside(p.target.path, kept);
    for (const p of pending) written.push(p.commit());
    return written;
  } catch (err) {
    for (const p of pending) p.abort();
    for (const file of written) {
      const earlier = kept.get(file);
      try {
        if (earlier) renameSync(earlier, file);
        else unlinkSync(file);
      } catch {
        /* already gone */
      }
    }
    for (const dir of new Set(written.map((f) => path.dirname(f)))) fsyncQuietly(dir);
    const failure = err instanceof OutputError ? err : writeFailed(parts[pending.length]?.name ?? 'the packet parts', err);
    if (!written.length) throw failure;
    const n = written.length;
    const [first, ...rest] = failure.diagnostics;
    const restored = written.some((f) => kept.has(f)) ? ', and the earlier files they replaced put back' : '';
    throw new OutputError([{ ...first!, message: `${first!.message} No part was kept: the ${n} part${n === 1 ? '' : 's'} already in place ${n === 1 ? 'was' : 'were'} removed${restored}.` }, ...rest]);
  } finally {
    for (const link of kept.values()) {
      untrackTemp(link);
      try {
        unlinkSync(link);
      } catch {
        /* put back, or never made */
      }
    }
  }
}

/** A second name (a hard link, named like a temp file) for a file about to be replaced; none where links fail. */
function keepAside(file: string, kept: Map<string, string>): void {
  const link = path.join(path.dirname(file), tempName(file));
  try {
    linkSync(file, link);
    trackTemp(link);
    kept.set(file, link);
  } catch {
    /* a file system without hard links: the earlier file cannot be put back, only removed */
  }
}

export interface StaleOutputs {
  removed: string[];
  /** Files that look like an earlier render's but were left as they are (not a PDF, a link, not removable). */
  kept: string[];
}

/**
 * Removes what an earlier render to `target` left that this one did not replace: its parts with another part
 * count, and (when `parts` > 0) the unsplit packet. Only regular files that start with `%PDF-` are removed.
 */
export function removeStaleOutputs(target: string, parts: number, options: Pick<WriteOptions, 'protect'> = {}): StaleOutputs {
  const full = path.resolve(target);
  const dir = realFolder(path.dirname(full));
  const stem = path.basename(full).replace(/\.pdf$/i, '');
  const pattern = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-part(\\d+)-of-(\\d+)\\.pdf$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { removed: [], kept: [] };
  }
  const candidates = names.filter((n) => {
    const m = pattern.exec(n);
    return m && Number(m[2]) !== parts;
  });
  if (parts > 0 && names.includes(path.basename(full))) candidates.push(path.basename(full));
  const out: StaleOutputs = { removed: [], kept: [] };
  for (const name of candidates.sort()) {
    const file = path.join(dir, name);
    const shown = path.join(path.dirname(target), name);
    if (!isPdfFile(file) || protectedMatch(file, lstatSync(file), options.protect ?? [])) {
      out.kept.push(shown);
      continue;
    }
    try {
      unlinkSync(file);
      out.removed.push(shown);
    } catch {
      out.kept.push(shown);
    }
  }
  if (out.removed.length) fsyncQuietly(dir);
  return out;
}

/** A regular file (not a link) that starts with `%PDF-`. */
function isPdfFile(file: string): boolean {
  try {
    if (!lstatSync(file).isFile()) return false;
    const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    try {
      const head = Buffer.alloc(5);
      return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === '%PDF-';
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

function fsyncQuietly(dir: string): void {
  try {
    fsyncFolder(dir);
  } catch {
    /* best effort: the files are already gone */
  }
}
