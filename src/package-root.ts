// Finds authpack's own folder (for templates and payer profiles), whether running from src/ or a bundle in dist/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'authpack') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('authpack: cannot find its package folder (package.json named "authpack")');
    dir = up;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Sets the package folder (a process started from the start-up snapshot finds it from the snapshot's path). */
export function setPackageRoot(dir: string): void {
  root = dir;
}
