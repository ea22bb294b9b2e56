// `authpack serve --redis`: renders through the job queue instead of a local pool, so the web process never renders.
// Per render: a private folder in the shared folder (every worker sees it at the same path) gets a copy of the
// request's uploads; a `serve-render` job carries the case and that folder, ahead of any batch (priority); a worker
// writes the outcome into the folder (serve-job.ts); the server reads it, and removes the folder whatever happened.
// The job holds the case only while it waits or runs, and is removed once it completes or fails.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { OutputError, UsageError } from '../diagnostics/errors.js';
import { resolvePacketDate } from '../packet-date.js';
import { connectRedis, KEY_PREFIX, type RedisTarget } from '../queue/redis-connection.js';
import { INTERACTIVE_PRIORITY } from '../queue/retry-policy.js';
import { readOutcome, SERVE_DIR, SERVE_RENDER_JOB, type ServeJobData } from '../queue/serve-job.js';
import { checkQueueName } from '../queue/queue-job.js';
import { HttpError } from './http-error.js';
import type { RenderOutcome, RenderTask } from './render-in-memory.js';
import type { QueueHealth, Renderer } from './renderer.js';

export interface QueueRendererOptions {
  redis: RedisTarget;
  queue: string;
  /** A folder every worker sees at the same path. */
  shared: string;
  /** Renders this server may have in the queue at once; past it, 503 with Retry-After. */
  limit: number;
  timeoutMs: number;
}

/** A render job's attempts: a worker that crashes may pass; its case's own failure is an outcome, not retried. */
const ATTEMPTS = 2;
/** Request folders older than this were left by a server that was killed: nobody waits for them. */
const STALE_MS = 3_600_000;

export class QueueRenderer implements Renderer {
  private active = 0;
  /** Moving average of a render's time (queue wait included), for Retry-After. */
  private averageMs = 1_000;
  /** Clean-ups still running after a timeout (a job that was running then): close() waits for them. */
  private readonly cleanups = new Set<Promise<void>>();

  private constructor(
    private readonly o: QueueRendererOptions,
    private readonly root: string,
    private readonly queue: Queue<ServeJobData>,
    private readonly events: QueueEvents,
    private readonly control: Redis,
  ) {}

  /** Checks the shared folder and that Redis answers, and starts listening for finished jobs. */
  static async open(o: QueueRendererOptions): Promise<QueueRenderer> {
    const queueName = checkQueueName(o.queue);
    const root = path.join(path.resolve(o.shared), SERVE_DIR);
    prepareRoot(o.shared, root, Math.max(STALE_MS, 2 * o.timeoutMs));
    // A client that fails at once while Redis is away (health), rather than waiting for it to come back.
    const control = await connectRedis(o.redis, { options: { enableOfflineQueue: false, maxRetriesPerRequest: 1 } });
    const queue = new Queue<ServeJobData>(queueName, { connection: o.redis.options, prefix: KEY_PREFIX });
    queue.on('error', () => {});
    const events = new QueueEvents(queueName, { connection: o.redis.options, prefix: KEY_PREFIX });
    events.on('error', () => {});
    await events.waitUntilReady();
    return new QueueRenderer({ ...o, queue: queueName }, root, queue, events, control);
  }

  async render(task: RenderTask): Promise<RenderOutcome> {
    const { limit, timeoutMs } = this.o;
    if (this.active >= limit) {
      const seconds = Math.max(1, Math.ceil(this.averageMs / 1000));
      throw new HttpError(503, 'serve/busy', `The server has ${this.active} packets in the render queue, the most it keeps there; try again in ${seconds} s.`, [], { 'Retry-After': String(seconds) });
    }
    this.active++;
    const began = Date.now();
    const deadline = began + timeoutMs;
    const id = randomBytes(16).toString('hex');
    const folder = path.join(this.root, id);
    const files = path.join(folder, 'files');
    try {
      await mkdir(folder, { mode: 0o700 });
      await cp(task.baseDir, files, { recursive: true });
      await chmod(files, 0o700);
      const data: ServeJobData = {
        ...task,
        v: 1,
        baseDir: files,
        folder,
        deadline,
        // Workers on other hosts find these at the same absolute paths; the date is this server's (its
        // SOURCE_DATE_EPOCH or clock), as the local pool would take it.
        options: {
          ...task.options,
          ...(task.options.payerDirs ? { payerDirs: task.options.payerDirs.map((d) => path.resolve(d)) } : {}),
          ...(task.options.templateDirs ? { templateDirs: task.options.templateDirs.map((d) => path.resolve(d)) } : {}),
          date: task.options.date ?? resolvePacketDate().toISOString(),
        },
      };
      const job = await this.beforeDeadline(this.queue.add(SERVE_RENDER_JOB, data, { jobId: `serve-${id}`, priority: INTERACTIVE_PRIORITY, attempts: ATTEMPTS, removeOnComplete: true, removeOnFail: true }), deadline);
      // Settles when the job completes or fails, or at the deadline; the outcome is in the folder, not the event.
      // The deadline is this server's own timer: BullMQ's wait gets a second more, so that its time-out is never
      // taken for a failed render (a timer may fire early by the event loop's lag, and comparing the clock with the
      // deadline then said "crashed" under load: a 500 instead of a 504).
      let failure: unknown;
      if (job) await this.beforeDeadline(job.waitUntilFinished(this.events, Math.max(1, deadline - Date.now()) + 1_000).catch((err: unknown) => (failure = err)), deadline);
      const crashed = failure !== undefined;
      const outcome = await readOutcome(folder);
      if (outcome) {
        this.averageMs = this.averageMs * 0.8 + (Date.now() - began) * 0.2;
        return { ...outcome, diagnostics: relocate(outcome.diagnostics, files, task.baseDir) };
      }
      if (crashed) {
        throw new HttpError(500, 'serve/render-crashed', `The queue's workers failed to render this packet ${ATTEMPTS} times (a render thread stopped).`, [
          { code: 'serve/render-crashed', severity: 'error', message: `The queue's workers failed to render this packet ${ATTEMPTS} times: ${String((failure as Error)?.message ?? failure).split('\n')[0]}.` },
        ]);
      }
      // Over time: a job still waiting is taken off the queue; one being rendered is stopped by its worker at the
      // deadline, and its folder is removed again once it has finished (the worker writes nothing then).
      const removed = job ? await this.queue.remove(job.id!).catch(() => 0) : 1;
      const running = removed === 0;
      if (running && job) this.cleanUpAfter(job.id!, job.waitUntilFinished(this.events, 60_000).catch(() => {}), folder);
      const s = Math.round(timeoutMs / 1000);
      throw new HttpError(504, 'serve/render-timeout', running ? `The packet took longer than ${s} s to render and was stopped.` : `No queue worker rendered the packet within ${s} s (the workers are busy, or none is running).`, [
        { code: 'serve/render-timeout', severity: 'error', message: running ? `Rendering stopped after ${s} s.` : `The render waited ${s} s in the queue "${this.o.queue}" without a worker taking it.`, hint: running ? 'Large or many attachments take longest: send fewer or smaller files, or ask the operator to raise --render-timeout.' : 'Try again later; if it happens again, ask the operator to check that `authpack queue work` runs.' },
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
      this.active--;
    }
  }

  async health(): Promise<QueueHealth> {
    const answered = await Promise.race([this.control.ping().then(() => true, () => false), new Promise<boolean>((r) => setTimeout(() => r(false), 1_000).unref())]);
    return { renders: 'queue', queue: this.o.queue, redis: answered ? 'up' : 'down' };
  }

  async close(): Promise<void> {
    await Promise.all(this.cleanups);
    await this.events.close();
    await this.queue.close();
    this.control.disconnect();
  }

  /** Resolves to the promise's value, or undefined at the deadline (Redis away). */
  private async beforeDeadline<T>(p: Promise<T>, deadline: number): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), Math.max(0, deadline - Date.now()))));
    try {
      return await Promise.race([p, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Once the job has finished (or a minute on: its worker died and none took it over), its folder and job go. */
  private cleanUpAfter(jobId: string, finished: Promise<unknown>, folder: string): void {
    const done = finished
      .then(() => rm(folder, { recursive: true, force: true }))
      .then(() => this.queue.remove(jobId).catch(() => 0))
      .then(() => {})
      .finally(() => this.cleanups.delete(done));
    this.cleanups.add(done);
  }
}

/** The shared folder must exist; its request folders (mode 0700) are made, and those of killed servers removed. */
function prepareRoot(shared: string, root: string, staleMs: number): void {
  let isDir = false;
  try {
    isDir = statSync(shared).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) throw new UsageError([{ code: 'serve/shared-missing', severity: 'error', message: `--shared ${shared} is not a folder.`, hint: 'Give a folder that every queue worker sees at the same path (a shared volume); the request files pass through it.' }]);
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    const now = Date.now();
    for (const name of readdirSync(root)) {
      const full = path.join(root, name);
      const st = statSync(full, { throwIfNoEntry: false });
      if (st && now - st.mtimeMs > staleMs) rmSync(full, { recursive: true, force: true });
    }
  } catch (err) {
    throw new OutputError([{ code: 'serve/shared-not-writable', severity: 'error', message: `The server cannot make its request folders in ${root} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, hint: 'Check that the user running the server may write to the --shared folder.' }]);
  }
}

/** The worker names the files where it read them (the shared folder): named here where this server put them. */
function relocate(diagnostics: Diagnostic[], from: string, to: string): Diagnostic[] {
  const swap = (s: string) => s.replaceAll(from, to);
  return diagnostics.map((d) => ({ ...d, message: swap(d.message), ...(d.hint ? { hint: swap(d.hint) } : {}) }));
}
