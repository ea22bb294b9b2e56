// Shared by the queue tests: a folder of generated cases with the samples' attachments, the local `batch` of the
// same cases to compare with, and `queue work` processes that are killed when the test file ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { stringify } from 'yaml';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';
import { mustRun, spawnAsync, type Ran } from '../support/spawn-async.js';
import { packetHashes } from '../support/packet-hashes.js';
import { makeTempDir } from '../support/temp.js';

export { packetHashes };

export const BIN = path.join(ROOT, 'dist', 'cli.js');

/** A folder `cases/` of `n` valid cases Q-1 … Q-n (plus `extra` ones), with their attachments beside them. */
export function caseFolder(n: number, extra: Record<string, (c: RawCase) => void> = {}): { dir: string; cases: string } {
  const dir = makeTempDir('queue');
  const cases = path.join(dir, 'cases');
  mkdirSync(cases);
  cpSync(path.join(ROOT, 'samples', 'attachments'), path.join(cases, 'attachments'), { recursive: true });
  for (let i = 1; i <= n; i++) writeFileSync(path.join(cases, `q${String(i).padStart(3, '0')}.yaml`), stringify(buildCase((c) => (c.caseId = `Q-${i}`))));
  for (const [name, change] of Object.entries(extra)) writeFileSync(path.join(cases, name), stringify(buildCase(change)));
  return { dir, cases };
}


/** The local `batch` of the same inputs and date: what the queue must reproduce byte for byte. */
export async function localBatch(inputs: string[], out: string): Promise<Ran> {
  return spawnAsync(process.execPath, [BIN, 'batch', ...inputs, '-o', out, '--date', TODAY, '--concurrency', '1', '--quiet']);
}

export function queueCli(url: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return spawnAsync(process.execPath, [BIN, 'queue', ...args], { env: { ...process.env, AUTHPACK_REDIS_URL: url, ...env } });
}

export async function submit(url: string, inputs: string[], out: string, more: string[] = []): Promise<string> {
  return (await mustRun(process.execPath, [BIN, 'queue', 'submit', ...inputs, '--output', out, '--date', TODAY, ...more], { env: { ...process.env, AUTHPACK_REDIS_URL: url } })).trim();
}

const workers = new Set<ChildProcess>();
afterAll(() => {
  for (const w of workers) w.kill('SIGKILL');
  workers.clear();
});

export interface WorkerProcess {
  child: ChildProcess;
  stderr: () => string;
  /** SIGTERM, and resolves when it has exited (its jobs finished). */
  stop(): Promise<number | null>;
}

export function startWorker(url: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'queue', 'work', '--concurrency', '1', '--stall-timeout', '2', ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AUTHPACK_REDIS_URL: url, ...env } });
  workers.add(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (workers.delete(child), resolve(code))));
  return {
    child,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Waits until `ready()` holds, checking every 25 ms, for at most `ms`. */
export async function until(ready: () => boolean | Promise<boolean>, ms = 30_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every packet visible in `dir` now is complete: it is one of the packets the local batch made. */
export function onlyCompletePackets(dir: string, expected: Record<string, string>): string[] {
  const wrong: string[] = [];
  for (const [name, hash] of Object.entries(existsSync(dir) ? packetHashes(dir) : {})) if (expected[name] !== hash) wrong.push(name);
  return wrong;
}
