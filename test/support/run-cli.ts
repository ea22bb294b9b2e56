// Runs the built CLI as a user would (a child process) and measures what a hostile-input test asserts: exit code,
// output, wall time, peak memory (via GNU time), and whether the process had to be killed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './build-case.js';

export const BIN = path.join(ROOT, 'dist', 'cli.js');
const TIME = '/usr/bin/time';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the process in MiB (undefined when GNU time is not installed). */
  peakRssMiB?: number;
  /** The process was still running at the time limit and was killed. */
  timedOut: boolean;
}

export interface CliRunOptions {
  cwd?: string;
  input?: string | Uint8Array;
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this long (default 60 s). */
  timeoutMs?: number;
}

/**
 * Runs `authpack ...args` and reports how it ended. SOURCE_DATE_EPOCH is cleared unless `env` sets it. Asynchronous:
 * a test worker blocked in a synchronous spawn for a minute misses vitest's own messages (it then reports
 * "Timeout calling onTaskUpdate"), which a loaded machine made happen.
 */
export async function runAuthpack(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const memFile = path.join(tmpdir(), `authpack-mem-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const measured = existsSync(TIME);
  const [cmd, argv] = measured ? [TIME, ['-f', '%M', '-o', memFile, process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: options.cwd ?? ROOT, env: { ...process.env, SOURCE_DATE_EPOCH: '', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  child.stdin.on('error', () => {}); // a CLI that exits before reading its input closes the pipe: not our failure
  child.stdin.end(options.input);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // The CLI runs under GNU time in its own process group: stop both.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, options.timeoutMs ?? 60_000);
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve([code, sig]));
  });
  clearTimeout(timer);
  const ms = performance.now() - started;
  let peakRssMiB: number | undefined;
  if (measured && existsSync(memFile)) {
    const kib = Number(readFileSync(memFile, 'utf8').trim().split('\n').at(-1));
    if (Number.isFinite(kib)) peakRssMiB = kib / 1024;
    rmSync(memFile, { force: true });
  }
  // GNU time reports a killed child as "Command terminated by signal N" and exits 128+N.
  return { code: timedOut ? null : status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms, ...(peakRssMiB !== undefined ? { peakRssMiB } : {}), timedOut };
}

/**
 * Lines of stderr that authpack did not write: anything that is not a diagnostic block (`error[code] …`, indented
 * message and hint lines), a status line (`wrote …`, `authpack …:`, `✓ file: valid`, a check report's heading),
 * commander's own usage messages (`error: unknown option …`) or blank. Raw library output (pdf-lib's "Trying to
 * parse invalid object", a stack trace, a Node warning) shows up here.
 */
export function foreignStderr(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter((l) => !/^(error|warning|info)\[[a-z-]+\/[a-z0-9-]+\]/.test(l))
    .filter((l) => !/^ {2}\S/.test(l))
    .filter((l) => !/^(wrote |authpack[ :]|interrupted|\d+ written|[✓✗] )/.test(l))
    .filter((l) => !/^\S+: case \S+, /.test(l))
    .filter((l) => !/^error: (unknown|missing|option|too many|required|command)/.test(l) && !/^\(Did you mean /.test(l));
}
