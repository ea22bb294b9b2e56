// Temporary folders for tests: created under the system temp folder with an `authpack-` prefix and removed when the
// test file ends, so a test run leaves nothing in /tmp (test/global-setup.ts checks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
// Registered when a test file first imports this module, so it runs after that file's last test.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder, removed (with everything in it) after the test file's last test; callable anywhere. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `authpack-${prefix}-`));
  made.push(dir);
  return dir;
}

/**
 * The environment for a node started with `--import tsx`: its system temp folder is a temp folder of this test file,
 * so tsx's compile cache (`tsx-<uid>` in the temp folder) goes with it.
 */
export function tsxEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TMPDIR: makeTempDir('tsx') };
}
