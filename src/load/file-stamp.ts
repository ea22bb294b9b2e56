// A cache key for data read from files: each file's path and modification time, so that a cache (in a long-running
// server, or in the start-up snapshot) reads an edited file again. A file that is gone stamps as such.
import { statSync } from 'node:fs';

export function fileStamp(files: Iterable<string>): string {
  return [...files].map((f) => `${f}@${statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 'gone'}`).join('|');
}
