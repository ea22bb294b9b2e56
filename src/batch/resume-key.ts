// The key `--resume` compares: a SHA-256 of everything a packet's bytes depend on. What all cases share (authpack's
// version and worker bundle, the shared and --templates folders, the options) is hashed once per run, each payer
// profile folder once per run, and per case only its own text and attachments (each file once per run).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageRoot, packageVersion } from '../package-root.js';
import { builtInPayerDir, PROFILE_FILE } from '../payers/load-payer.js';
import type { BatchTask } from './batch-worker.js';
import { sha256 } from './sha256.js';

const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export interface CaseSource {
  /** The case's own text: the case file's bytes, or the JSON of an NDJSON line or CSV row. */
  text: string | Uint8Array;
  payer: unknown;
  /** Attachment paths as the case gives them. */
  attachments: readonly unknown[];
  /** `signature.image` as the case gives it: drawn in the letter whether attachments are merged or listed. */
  signatureImage?: unknown;
  baseDir: string;
}

export class ResumeKeys {
  private readonly run: string;
  private readonly payers = new Map<string, string>();
  private readonly files = new Map<string, string>();
  private readonly options: BatchTask['options'];

  /** `dateKey`: the packet date as it shapes the bytes (see runBatch). */
  constructor(options: BatchTask['options'], dateKey: string, workerFile: string) {
    this.options = options;
    const { date: _date, payerDirs = [], templateDirs = [], ...rest } = options;
    this.run = sha256(
      JSON.stringify({
        version: packageVersion(),
        worker: fileKey(workerFile),
        shared: templatesKey(path.join(packageRoot(), 'templates', 'shared')),
        templateDirs: templateDirs.map((d) => [path.resolve(d), templatesKey(d)]),
        payerDirs: payerDirs.map((d) => path.resolve(d)),
        date: dateKey,
        options: Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))),
      }),
    );
  }

  forCase(source: CaseSource): string {
    const hash = createHash('sha256').update(this.run).update('\0').update(this.payer(source.payer)).update('\0').update(source.text);
    if (this.options.attachments !== 'list') {
      for (const a of source.attachments) hash.update('\0').update(typeof a === 'string' ? this.attachment(path.resolve(source.baseDir, a), source.baseDir) : 'not-a-path');
    }
    // Only a case with an image hashes it, so the keys of cases without one stay as they were.
    const sig = source.signatureImage;
    if (sig !== undefined) hash.update('\0signature\0').update(typeof sig === 'string' ? this.attachment(path.resolve(source.baseDir, sig.trim()), source.baseDir) : 'not-a-path');
    return hash.digest('hex');
  }

  /** The profile folder the worker will use (the first of --payers, then the built-in ones, that has the id). */
  private payer(id: unknown): string {
    if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) return 'no-profile';
    let key = this.payers.get(id);
    if (key === undefined) {
      const dir = [...(this.options.payerDirs ?? []), builtInPayerDir()].map((d) => path.join(d, id)).find((d) => statSync(path.join(d, PROFILE_FILE), { throwIfNoEntry: false })?.isFile());
      key = dir ? `${dir}\0${folderKey(dir)}` : 'no-profile';
      this.payers.set(id, key);
    }
    return key;
  }

  private attachment(file: string, baseDir: string): string {
    let key = this.files.get(file);
    if (key === undefined) {
      const inside = !path.relative(baseDir, file).startsWith('..');
      const max = this.options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
      // Only what the worker would read is read here: never a pipe, a device, or a file over the size limit.
      key = inside || this.options.allowOutside ? fileKey(file, max) : 'outside';
      this.files.set(file, key);
    }
    return key;
  }
}

/** A regular file's content hash; otherwise what it is (missing, a folder, a pipe, too large to be read). */
export function fileKey(file: string, maxBytes = Infinity): string {
  try {
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st) return 'missing';
    if (!st.isFile()) return 'not-a-file';
    if (st.size > maxBytes) return `too-large:${st.size}:${st.mtimeMs}`;
    return sha256(readFileSync(file));
  } catch (err) {
    return `unreadable:${(err as NodeJS.ErrnoException).code ?? ''}`;
  }
}

/** A template folder: its .hbs files (the only ones the template loader reads), by name and content. */
function templatesKey(dir: string): string {
  return folderKey(dir, 1, (name) => name.endsWith('.hbs'));
}

/** A payer profile folder: its files and one level of subfolders (profile, templates, form, map), by name and content. */
function folderKey(dir: string, depth = 0, wanted: (name: string) => boolean = () => true): string {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return 'missing';
  }
  const hash = createHash('sha256');
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (!e.isDirectory() && !wanted(e.name)) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (depth < 1) hash.update(`${e.name}/\0${folderKey(full, depth + 1, wanted)}\0`);
    } else {
      hash.update(`${e.name}\0${fileKey(full, DEFAULT_MAX_ATTACHMENT_BYTES * 4)}\0`);
    }
  }
  return hash.digest('hex');
}
