// A piscina pool whose tasks start first in first out, used by both homes of the render pool: this process (when it
// runs under the pool's V8 flags, see open-pool.ts) and the pool's own process (pool-host.ts). Piscina's own queue
// does not keep that order for tasks that carry an AbortSignal (a task that finds every thread busy is put back at
// the end, or with `stricterFIFO` at the front, of its skip queue): under 16 clients of `authpack serve` that made
// some requests wait several times longer than the rest (p99 1.3 s where p50 was 0.3 s). So tasks wait here until a
// thread is free. A task cancelled while waiting rejects at once and never starts; one cancelled while running is
// stopped by piscina (its thread is replaced) and rejects with an AbortError; a thread out of memory rejects with
// ERR_WORKER_OUT_OF_MEMORY. A task's time limit (`timeoutMs`) counts from when a thread takes it, so a caller may
// hand the pool more tasks than it has threads (the next starts the moment a thread is free, without a round trip
// to the caller); one over its limit is stopped and rejects with ERR_RENDER_TIMEOUT. `setLimit` lowers how many
// tasks run at once below the thread count (a host's CPU cap, see queue/host-registry.ts).
import { Piscina } from 'piscina';

export interface PoolStart {
  filename: string;
  name?: string;
  threads: number;
  idleTimeout: number;
  resourceLimits: { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number };
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Stops the task this long after a thread took it (ERR_RENDER_TIMEOUT). */
  timeoutMs?: number;
}

interface Waiting {
  task: unknown;
  timeoutMs: number | undefined;
  controller: AbortController;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export class FifoPool<Task, Result> {
  private readonly pool: Piscina;
  private readonly waiting: Waiting[] = [];
  private readonly running = new Set<AbortController>();
  private closed: Error | undefined;
  private limit: number;
  /** Counted in this process's own peak (unlike ProcessPool's, whose workers live in another process). */
  readonly peakRssMiB = 0;

  constructor(private readonly start: PoolStart) {
    this.limit = start.threads;
    this.pool = new Piscina({ filename: start.filename, ...(start.name ? { name: start.name } : {}), minThreads: start.threads, maxThreads: start.threads, idleTimeout: start.idleTimeout, resourceLimits: start.resourceLimits });
  }

  run(task: Task, options: RunOptions = {}): Promise<Result> {
    if (this.closed) return Promise.reject(this.closed);
    const { signal, timeoutMs } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<Result>((resolve, reject) => {
      const onAbort = () => {
        const queued = this.waiting.indexOf(entry);
        if (queued < 0) return entry.controller.abort();
        this.waiting.splice(queued, 1);
        reject(abortError());
      };
      const entry: Waiting = {
        task,
        timeoutMs,
        controller: new AbortController(),
        resolve: (v) => (signal?.removeEventListener('abort', onAbort), resolve(v as Result)),
        reject: (e) => (signal?.removeEventListener('abort', onAbort), reject(e)),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
      this.startNext();
    });
  }

  /** How many tasks may run at once (1 to the thread count); tasks running beyond a lower limit finish. */
  setLimit(n: number): void {
    this.limit = Math.max(1, Math.min(this.start.threads, Math.floor(n)));
    this.startNext();
  }

  /** Stops the workers: tasks still waiting are rejected, tasks running are cancelled. */
  async close(): Promise<void> {
    this.closed ??= new Error('the render pool was closed');
    for (const w of this.waiting.splice(0)) w.reject(this.closed);
    for (const c of this.running) c.abort();
    await this.pool.destroy();
  }

  private startNext(): void {
    while (this.running.size < this.limit && this.waiting.length > 0) {
      const { task, timeoutMs, controller, resolve, reject } = this.waiting.shift()!;
      this.running.add(controller);
      let timedOut = false;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, timeoutMs);
      this.pool
        .run(task, { signal: controller.signal })
        .then(resolve, (err: unknown) => reject(timedOut ? timeoutError(timeoutMs!) : err))
        .finally(() => {
          clearTimeout(timer);
          this.running.delete(controller);
          this.startNext();
        });
    }
  }
}

export const RENDER_TIMEOUT = 'ERR_RENDER_TIMEOUT';

export function timeoutError(ms: number): Error {
  return Object.assign(new Error(`The task ran longer than its time limit (${ms} ms) and was stopped`), { name: 'TimeoutError', code: RENDER_TIMEOUT });
}

export function abortError(): Error {
  return Object.assign(new Error('The task has been aborted'), { name: 'AbortError' });
}
