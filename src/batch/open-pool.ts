// Where the render pool runs: in this process when it was started under the pool's V8 flags (as `dist/authpack`
// starts `batch` and `serve`), so the run is one process with one heap for its main thread; otherwise (`node
// dist/cli.js batch`, the library in someone else's process) in a process of its own that has them. Same results.
import { existsSync } from 'node:fs';
import path from 'node:path';
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
  return underPoolFlags() ? new FifoPool<Task, Result>(start) : new ProcessPool<Task, Result>(poolHost(), start);
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
