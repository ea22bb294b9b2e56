// Where the render pool runs. Its threads want the pool's V8 flags when they fill the CPUs (pool-flags.ts), and
// none when a CPU is left over, where V8's background threads (garbage collection, compilation) are better run than
// not (one worker on 2 CPUs: 300 cases in 16.5-16.7 s without the flags, 18.8-21.5 s with them). The pool runs in
// this process when this process was started with the flags its threads want (as `dist/authpack` starts `batch` and
// `serve` under them at a full thread count, so the run is one process with one heap), and otherwise in a process of
// its own started with them (`node dist/cli.js batch`, the library in someone else's process, or `queue work` on a
// host whose other workers leave it a CPU). Same results.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import { packageRoot } from '../package-root.js';
import { FifoPool, type PoolStart, type RunOptions } from './fifo-pool.js';
import { POOL_FLAGS } from './pool-flags.js';
import { ProcessPool } from './process-pool.js';

export interface RenderPoolHandle<Task, Result> {
  run(task: Task, options?: RunOptions): Promise<Result>;
  /** How many tasks run at once, at most the pool's threads (FifoPool.setLimit). */
  setLimit(n: number): void;
  close(): Promise<void>;
  /** Peak resident memory of the pool's own process (0 when it runs in this one), known once closed. */
  readonly peakRssMiB: number;
}

/**
 * `spareCpu`: whether this host has a CPU beyond the pool's threads (by default: whether the threads are fewer than
 * the CPUs; `queue work` counts every worker of its host, see queue/host-registry.ts).
 */
export function openPool<Task, Result>(start: PoolStart, { spareCpu = start.threads < availableParallelism() }: { spareCpu?: boolean } = {}): RenderPoolHandle<Task, Result> {
  if (!spareCpu) {
    if (!underPoolFlags()) return new ProcessPool<Task, Result>(poolHost(), start, POOL_FLAGS);
    workersOwnYoungGeneration();
    return new FifoPool<Task, Result>(start);
  }
  const spare = { ...start, resourceLimits: spareCpuLimits(start.resourceLimits) };
  if (underPoolFlags()) return new ProcessPool<Task, Result>(poolHost(), spare, []);
  workersOwnYoungGeneration();
  return new FifoPool<Task, Result>(spare);
}

/**
 * A worker's young generation when V8's background threads have a CPU of their own: Node's default for a main
 * thread. Scavenges then run in parallel on the spare CPU, and fewer of them promote less; one worker on 2 CPUs
 * rendered a case in 38-44 ms with it against 38-57 ms with 16 MB (300 generated cases, five interleaved runs each).
 * Under the pool flags (workers on every CPU, each collecting its own garbage) 48 MB measured no faster than 16.
 */
export const SPARE_CPU_YOUNG_MB = 48;

/** A render thread's heap limits when its host has a CPU to spare: its young generation at least SPARE_CPU_YOUNG_MB. */
export function spareCpuLimits(limits: PoolStart['resourceLimits']): PoolStart['resourceLimits'] {
  return { ...limits, maxYoungGenerationSizeMb: Math.max(limits.maxYoungGenerationSizeMb, SPARE_CPU_YOUNG_MB) };
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
