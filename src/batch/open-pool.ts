// Where the render pool runs: in this process when it was started under the pool's V8 flags (as `dist/authpack`
// starts `batch` and `serve`), so the run is one process with one heap for its main thread; otherwise (`node
// dist/cli.js batch`, the library in someone else's process) in a process of its own that has them. Same results.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import { packageRoot } from '../package-root.js';
import { FifoPool, type PoolStart } from './fifo-pool.js';
import { POOL_FLAGS } from './pool-flags.js';
import { ProcessPool } from './process-pool.js';

export interface RenderPoolHandle<Task, Result> {
  run(task: Task, options?: { signal?: AbortSignal }): Promise<Result>;
  close(): Promise<void>;
  /** Peak resident memory of the pool's own process (0 when it runs in this one), known once closed. */
  readonly peakRssMiB: number;
}

export function openPool<Task, Result>(start: PoolStart): RenderPoolHandle<Task, Result> {
  if (!underPoolFlags()) return new ProcessPool<Task, Result>(poolHost(), start);
  workersOwnYoungGeneration();
  return new FifoPool<Task, Result>(start);
}

/**
 * `dist/authpack` starts `batch` and `serve` with `--max-semi-space-size=1`: the main thread's young generation then
 * stays at 2 MB instead of growing to 32 MB (14 MiB less at the run's peak). V8 reads that flag whenever it
 * makes a heap, and it outranks a worker's resourceLimits (the workers would get 2 MB too, and spend their time in
 * scavenges): unset once the main thread's heap is made, each worker's heap takes its size from WORKER_HEAP again.
 */
function workersOwnYoungGeneration(): void {
  if (process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) setFlagsFromString('--max-semi-space-size=0');
}

/** This process runs under every flag the pool needs (given on node's command line). */
export function underPoolFlags(): boolean {
  return POOL_FLAGS.every((f) => process.execArgv.includes(f));
}

/** The pool's process entry, built next to the worker. */
export function poolHost(): string {
  const host = path.join(packageRoot(), 'dist', 'pool-host.js');
  if (!existsSync(host)) throw new PacketError([{ code: 'batch/not-built', severity: 'error', message: `The render pool ${host} is missing.`, hint: 'Run `npm run build` first.' }], ExitCode.internal);
  return host;
}
