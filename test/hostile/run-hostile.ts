// The shared harness of the hostile-input suite: each hostile case is a folder of crafted files and a command; the
// harness runs the built CLI on it and asserts what authpack promises for any input, however broken: the documented
// exit code, a message that names the file or field, nothing half-written and no temp file left, no raw library
// output on stderr, and bounded time and memory.
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { foreignStderr, runAuthpack, type CliRun } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';

export { caseYaml } from './case-yaml.js';

export interface HostileCase {
  /** What the hostile input is, for the test title. */
  name: string;
  /** Files to create in a fresh folder: relative path → content (a function is called when the case runs). */
  files?: Record<string, string | Uint8Array | (() => string | Uint8Array)>;
  /** Anything files cannot express (a FIFO, a symlink, permissions), run after the files are written. */
  setup?: (dir: string) => void;
  /** The CLI arguments; paths are relative to the folder, which is the working directory. */
  args: string[];
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** The documented exit code. */
  exit: number;
  /** What stderr (or stdout with --format json) must mention: the file, the field, the line. */
  mentions: (string | RegExp)[];
  /** Files that must not exist afterwards (default: out.pdf). */
  absent?: string[];
  /** Limits (defaults: 20 s, 1024 MiB). */
  maxMs?: number;
  maxRssMiB?: number;
  /** Further checks on the run and the folder. */
  then?: (run: CliRun, dir: string) => void | Promise<void>;
}

/** Every file under `dir` whose name marks it as a temporary file of authpack's. */
export function tempLeftovers(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const st = statSync(full, { throwIfNoEntry: false });
      if (/\.tmp$|^\.authpack-tmp$/.test(name)) out.push(path.relative(dir, full));
      if (st?.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

/** Runs one hostile case and asserts authpack's promises; returns the run for further checks. */
export async function checkHostile(c: HostileCase): Promise<CliRun> {
  const dir = makeTempDir('hostile');
  for (const [rel, content] of Object.entries(c.files ?? {})) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, typeof content === 'function' ? content() : content);
  }
  c.setup?.(dir);
  const run = await runAuthpack(c.args, { cwd: dir, ...(c.input !== undefined ? { input: c.input } : {}), ...(c.env ? { env: c.env } : {}), timeoutMs: (c.maxMs ?? 20_000) + 10_000 });
  const said = `${run.stderr}\n${run.stdout}`;
  expect(run.timedOut, `${c.name}: still running after ${(c.maxMs ?? 20_000) + 10_000} ms`).toBe(false);
  expect(run.code, `${c.name}: exit code; stderr:\n${run.stderr}`).toBe(c.exit);
  for (const m of c.mentions) {
    if (typeof m === 'string') expect(said, `${c.name}: mentions ${m}`).toContain(m);
    else expect(said, `${c.name}: mentions ${m}`).toMatch(m);
  }
  expect(foreignStderr(run.stderr), `${c.name}: raw output on stderr`).toEqual([]);
  expect(tempLeftovers(dir), `${c.name}: temp files left`).toEqual([]);
  for (const rel of c.absent ?? ['out.pdf']) expect(statSync(path.join(dir, rel), { throwIfNoEntry: false }), `${c.name}: ${rel} was written`).toBeUndefined();
  expect(run.ms, `${c.name}: time`).toBeLessThan(c.maxMs ?? 20_000);
  if (run.peakRssMiB !== undefined) expect(run.peakRssMiB, `${c.name}: peak RSS (MiB)`).toBeLessThan(c.maxRssMiB ?? 1024);
  await c.then?.(run, dir);
  // Leave the folder removable even if a case made parts of it read-only.
  chmodSync(dir, 0o700);
  return run;
}
