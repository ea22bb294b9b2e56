// The server's renders on the batch's worker pool, under the same V8 flags (open-pool.ts):
// every core busy, one slow packet never blocks the others, a bounded queue (full: 503 with Retry-After, so clients
// back off instead of piling up) and a time limit per render (over it: the worker is stopped and the client gets 504).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openPool, type RenderPoolHandle } from '../batch/open-pool.js';
import { WORKER_HEAP } from '../batch/worker-limits.js';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import { packageRoot } from '../package-root.js';
import { HttpError } from './http-error.js';
import type { RenderOutcome, RenderTask } from './render-in-memory.js';
import type { Renderer } from './renderer.js';

export interface RenderPoolOptions {
  workers: number;
  /** Renders that may wait for a worker; past workers + queue, new renders get 503. */
  queue: number;
  timeoutMs: number;
}

export class RenderPool implements Renderer {
  private readonly pool: RenderPoolHandle<RenderTask, RenderOutcome>;
  private active = 0;
  /** Moving average of a render's time, for Retry-After. */
  private averageMs = 500;

  constructor(readonly options: RenderPoolOptions) {
    const worker = path.join(packageRoot(), 'dist', 'batch-worker.js');
    if (!existsSync(worker)) throw new PacketError([{ code: 'serve/not-built', severity: 'error', message: `The render worker ${worker} is missing.`, hint: 'Run `npm run build` first.' }], ExitCode.internal);
    this.pool = openPool({ filename: worker, name: 'renderInMemory', threads: options.workers, idleTimeout: 60_000, resourceLimits: WORKER_HEAP });
  }

  /** Renders waiting or running. */
  get inFlight(): number {
    return this.active;
  }

  async render(task: RenderTask): Promise<RenderOutcome> {
    const { workers, queue, timeoutMs } = this.options;
    if (this.active >= workers + queue) {
      const seconds = Math.max(1, Math.ceil(((this.active - workers + 1) * this.averageMs) / workers / 1000));
      throw new HttpError(503, 'serve/busy', `The server is rendering ${this.active} packets and its queue is full; try again in ${seconds} s.`, [], { 'Retry-After': String(seconds) });
    }
    this.active++;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const outcome = await this.pool.run(task, { signal: controller.signal });
      this.averageMs = this.averageMs * 0.8 + outcome.ms * 0.2;
      return outcome;
    } catch (err) {
      if (timedOut) {
        throw new HttpError(504, 'serve/render-timeout', `The packet took longer than ${Math.round(timeoutMs / 1000)} s to render and was stopped.`, [
          { code: 'serve/render-timeout', severity: 'error', message: `Rendering stopped after ${Math.round(timeoutMs / 1000)} s.`, hint: 'Large or many attachments take longest: send fewer or smaller files, or ask the operator to raise --render-timeout.' },
        ]);
      }
      throw err;
    } finally {
      clearTimeout(timer);
      this.active--;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
