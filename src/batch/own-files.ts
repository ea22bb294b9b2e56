// The files a batch keeps in its output folder besides the packets, so that nothing reads them as cases and no
// packet is ever written onto them.
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';

export const TEMP_DIR = '.authpack-tmp';
/** A queue run's own folder in its output location (temp files, report rows, run manifests). */
export const QUEUE_DIR = '.authpack-queue';
export const JOURNAL = '.authpack-journal.ndjson';
export const REPORT_JSON = 'report.json';
export const REPORT_CSV = 'report.csv';
export const PREVIOUS_JSON = 'report.previous.json';
export const PREVIOUS_CSV = 'report.previous.csv';

const OWN = new Set([TEMP_DIR, QUEUE_DIR, JOURNAL, REPORT_JSON, REPORT_CSV, PREVIOUS_JSON, PREVIOUS_CSV]);

/** True for a batch's own file: one of the names above in the output folder, or a run report anywhere. */
export function isOwnFile(file: string, outDir: string | undefined): boolean {
  const name = path.basename(file);
  if (outDir && path.resolve(path.dirname(file)) === path.resolve(outDir) && OWN.has(name)) return true;
  return (name === REPORT_JSON || name === PREVIOUS_JSON) && startsLikeReport(file);
}

/** A run report starts with `{"generatedBy": "authpack"` (as written by writeReport); reads only its first bytes. */
function startsLikeReport(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(64);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^\{\s*"generatedBy":\s*"authpack"/.test(head.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
