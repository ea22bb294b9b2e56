// `authpack queue work`: one worker process (one per host, or several). It takes jobs from the queue, renders them on
// its local render pool, writes each packet to the output location atomically and then its report row, marks the
// job finished in its runs, and only then lets BullMQ complete (and remove) the job. Rendered jobs flush their files
// and folders in groups (COMMIT_GROUP_MS), each completing once its own are flushed. A job whose worker dies is
// picked up by another worker once its lock lapses (BullMQ's stalled-job check); a job found already done (its row
// and packet in place, the same input) is not rendered again.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import type { QueuedResult, QueuedTask } from '../batch/batch-worker.js';
import { RENDER_TIMEOUT } from '../batch/fifo-pool.js';
import { workerCount } from '../batch/concurrency.js';
import type { RenderPoolHandle } from '../batch/open-pool.js';
import type { ReportRow } from '../batch/report.js';
import { failedRow, lostRow, toRow } from '../batch/result-row.js';
import { sha256 } from '../batch/sha256.js';
import { DEFAULT_CASE_TIMEOUT_MS, WORKER_HEAP } from '../batch/worker-limits.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import { packageRoot } from '../package-root.js';
import type { RenderOutcome } from '../serve/render-in-memory.js';
import { HostPool } from './host-pool.js';
import { joinHost, type HostShare } from './host-registry.js';
import { FolderStore, openStore, type CommitError } from './output-store.js';
import { CASE_JOB, checkQueueName, DEFAULT_QUEUE, jobRunsKey, rowKey, RUN_TTL_SECONDS, runKeyPrefix, type CaseJobData } from './queue-job.js';
import { connectRedis, KEY_PREFIX, type RedisTarget } from './redis-connection.js';
import { renderServeJob, SERVE_RENDER_JOB, type ServeJobData, type ServeTask } from './serve-job.js';

export interface WorkOptions {
  redis: RedisTarget;
  queue?: string;
  /** Render threads (default: the CPU count); the worker takes TAKEN_PER_THREAD jobs per thread at once. */
  concurrency?: number;
  caseTimeoutMs?: number;
  /** How long a job's lock lasts without renewal: a killed worker's job is taken over after about this long (default 30 s). */
  stallMs?: number;
  onDiagnostic?: (d: Diagnostic) => void;
  /** A job finished (its row written): for progress lines. */
  onFinished?: (status: ReportRow['status']) => void;
  /** The host's CPUs (default: this machine's); tests set it to make a host full. */
  hostCpus?: number;
  /** Renders a case instead of the render pool (tests use it to make a render crash). */
  renderWith?: (task: QueuedTask) => Promise<QueuedResult>;
}

export interface QueueWorker {
  readonly concurrency: number;
  /** Stops taking jobs, lets the jobs in progress finish, and closes the pool and the connections. */
  close(): Promise<void>;
}

export const DEFAULT_STALL_MS = 30_000;
/**
 * Jobs a worker takes at once per render thread. After its render a job's packet and report row are each flushed
 * and renamed into place (two file and two folder fsyncs), and its runs marked in Redis, on the main thread: 20-30 ms
 * on this project's machine against 30-40 ms of render. With one job per thread the thread waits for all that; with
 * two, the next job renders meanwhile. Measured with one thread on 400 generated cases: the thread rendered 80 % of
 * the time with one job, 99 % with two. The second job waits in the render pool itself, which starts it the moment
 * the thread is free (its time limit counts from then), not after a round trip through this thread: one worker on
 * 600 cases, 41.9 and 39.4 packets/s against 40.1 and 36.3 when it waited here. Each job still completes only
 * after its own row is written; a killed worker's jobs, taken or waiting, are recovered alike.
 */
export const JOBS_PER_THREAD = 2;
/**
 * Rendered jobs wait up to COMMIT_GROUP_MS for others (at most COMMITS_PER_THREAD per render thread) to flush their
 * packets and rows together (output-store.ts, CommitGroup): their folders are flushed once for all of them, and
 * their files' flushes, made at the same moment, share the file system's journal commits. A job completes only
 * once its own files and folders are flushed, as before; it completes up to COMMIT_GROUP_MS later. The worker takes
 * that many more jobs per thread, so that the thread renders while they wait.
 */
export const COMMIT_GROUP_MS = 100;
export const COMMITS_PER_THREAD = 3;
/** Jobs a worker takes at once, per render thread: those it renders and those waiting for their group's flush. */
const TAKEN_PER_THREAD = JOBS_PER_THREAD + COMMITS_PER_THREAD;
/** A temp file older than this in the output location belongs to a worker that died while writing it. */
const STALE_TEMP_MS = 3_600_000;

export async function startWorker(options: WorkOptions): Promise<QueueWorker> {
  const queueName = checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const { count: concurrency, warning } = workerCount(options.concurrency, WORKER_HEAP);
  if (warning) options.onDiagnostic?.(warning);
  const caseTimeoutMs = options.caseTimeoutMs ?? DEFAULT_CASE_TIMEOUT_MS;
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const workerFile = path.join(packageRoot(), 'dist', 'batch-worker.js');
  if (!existsSync(workerFile)) throw new PacketError([{ code: 'queue/not-built', severity: 'error', message: `The render worker ${workerFile} is missing.`, hint: 'Run `npm run build` first.' }], ExitCode.internal);

  // Unreachable at the start: said at once (exit 6). Gone later (a restart): its commands wait for it.
  const redis = await connectRedis(options.redis, { patient: true });
  // The pool runs under the render pool's V8 flags when this host's workers (this one and any beside it) leave no CPU
  // to spare, as `batch` does at the same number of threads (host-pool.ts).
  // The host renders no more at once than it has CPUs: a worker beyond them stands by, or renders on fewer threads,
  // until a worker of its host leaves (host-registry.ts).
  let share: ((s: HostShare) => void) | undefined;
  const cpus = options.hostCpus ?? availableParallelism();
  const host = await joinHost(redis, concurrency, (s) => share?.(s), { cpus });
  const renderPool = new HostPool<QueuedTask, QueuedResult>({ filename: workerFile, name: 'renderQueued', threads: concurrency, idleTimeout: 60_000, resourceLimits: WORKER_HEAP }, host.threads, cpus, { warm: host.allowed > 0 });
  /** The threads this worker renders on now (the host's share, host-registry.ts): its commit groups' size follows. */
  let renderThreads = Math.max(1, host.allowed);
  const commitGroup = {
    ms: COMMIT_GROUP_MS,
    get max() {
      return renderThreads * COMMITS_PER_THREAD;
    },
  };
  const stores = new Map<string, FolderStore>();
  const storeOf = (uri: string): FolderStore => {
    let s = stores.get(uri);
    if (!s) {
      s = openStore(uri, commitGroup);
      stores.set(uri, s);
      s.sweepTemps(STALE_TEMP_MS).catch(() => {});
    }
    return s;
  };

  /** Marks the job finished (ok or failed) in every run it belongs to, in one round trip (MARK_FINISHED). */
  redis.defineCommand('authpackMarkFinished', { numberOfKeys: 1, lua: MARK_FINISHED });
  const runPrefix = runKeyPrefix(queueName);
  const markFinished = async (jobId: string, runId: string, status: ReportRow['status']) => {
    await (redis as unknown as MarkFinished).authpackMarkFinished(jobRunsKey(queueName, jobId), runPrefix, jobId, runId, status === 'ok' ? 'done' : 'failed', RUN_TTL_SECONDS);
  };

  const writeRow = async (store: FolderStore, jobId: string, row: ReportRow) => store.put(rowKey(jobId), rowBytes(row));
  /** The job's row is in place: the job is marked finished in its runs. */
  const finished = async (jobId: string, runId: string, row: ReportRow) => {
    await markFinished(jobId, runId, row.status);
    return { status: row.status };
  };

  const renderCase = async (job: Job<CaseJobData>): Promise<{ status: ReportRow['status'] }> => {
    const d = job.data;
    const id = job.id!;
    const store = storeOf(d.store);
    const base = rowBase(d);

    // Done before (a worker that wrote the row and died, or lost Redis, before the job completed): not again.
    const prior = await readRow(store, id);
    if (prior && prior.status === 'ok' && prior.inputSha256 === d.inputSha256 && prior.sha256 && sha256OrNothing(await store.get(d.output)) === prior.sha256) {
      return finished(id, d.runId, prior);
    }

    const began = performance.now();
    let result: QueuedResult;
    try {
      // The render thread writes the packet into the store's temp folder; this thread flushes it and moves it into place.
      // The case's time limit counts from when a thread takes it, not while it waits for one (JOBS_PER_THREAD).
      const task: QueuedTask = { label: d.label, baseDir: d.baseDir, options: d.options, staging: { tempDir: store.tempDir, output: d.output }, ...(d.text !== undefined ? { text: d.text } : d.base64 !== undefined ? { text: Buffer.from(d.base64, 'base64') } : { raw: d.raw }) };
      result = await (options.renderWith ? options.renderWith(task) : renderPool.run(task, { timeoutMs: caseTimeoutMs }));
    } catch (err) {
      // A case over its time or memory limit fails the same way again: its row, no retry. Anything else (the
      // thread crashed) may pass: BullMQ retries it with back-off.
      const code = (err as NodeJS.ErrnoException)?.code;
      if (code === RENDER_TIMEOUT || code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const timedOut = code === RENDER_TIMEOUT;
        const row = lostRow(base, timedOut ? 'timeout' : undefined, err, caseTimeoutMs, timedOut ? caseTimeoutMs : Math.round(performance.now() - began), WORKER_HEAP.maxOldGenerationSizeMb);
        await writeRow(store, id, row);
        return finished(id, d.runId, row);
      }
      throw err;
    }
    const { pdf, tempFile, ...rest } = result;
    let row = toRow(base, { ...rest, ms: result.ms });
    if (result.status === 'ok' && (pdf || tempFile)) {
      try {
        // The packet, then its row, flushed together (commitAll): the row is never in place without its packet.
        await store.commitAll([tempFile ? { key: d.output, temp: tempFile } : { key: d.output, bytes: pdf! }, { key: rowKey(id), bytes: rowBytes(row) }]);
        return finished(id, d.runId, row);
      } catch (err) {
        // Moved into place but not flushed, or the row not written: BullMQ retries the job (it finds what is done).
        if ((err as CommitError).placed !== 0) throw err;
        // A full or unwritable output location: the case fails with 6 (as in `batch`), not retried.
        row = failedRow(row, ExitCode.outputNotWritable, [{ code: 'queue/output-not-written', severity: 'error', message: `The packet could not be written to ${d.store} (${(err as NodeJS.ErrnoException).code ?? 'error'}); nothing is at its path.` }]);
      }
    }
    await writeRow(store, id, row);
    return finished(id, d.runId, row);
  };

  /** A job out of attempts, or stalled too often (its workers died): its row says so, and the job is removed. */
  const settleFailed = async (job: Job<CaseJobData>, reason: string) => {
    const d = job.data;
    if (!d?.runId || !job.id) return;
    const store = storeOf(d.store);
    const row: ReportRow = {
      ...failedRow(rowBase(d), ExitCode.internal, [
        { code: 'queue/job-failed', severity: 'error', message: `Rendering this case failed ${job.attemptsMade} time${job.attemptsMade === 1 ? '' : 's'} (${reason.split('\n')[0]}); nothing was written. Submit the run again to retry it; if it fails again, please report it.` },
      ]),
    };
    await writeRow(store, job.id, row);
    await markFinished(job.id, d.runId, 'failed');
    options.onFinished?.('failed');
    await job.remove().catch(() => {});
  };

  const worker = new Worker(
    queueName,
    async (job: Job) => {
      if (job.name === CASE_JOB) {
        const r = await renderCase(job as Job<CaseJobData>);
        options.onFinished?.(r.status);
        return r;
      }
      // A server's render (`serve --redis`): every worker serves them, on the same pool (its entry tells them apart).
      if (job.name === SERVE_RENDER_JOB) return renderServeJob(job as Job<ServeJobData>, renderPool as unknown as RenderPoolHandle<ServeTask, RenderOutcome>);
      throw new Error(`no worker for jobs named ${job.name}`);
    },
    { connection: options.redis.options, prefix: KEY_PREFIX, concurrency: renderThreads * TAKEN_PER_THREAD, lockDuration: stallMs, stalledInterval: Math.max(1_000, Math.round(stallMs / 2)), maxStalledCount: 2, autorun: false },
  );
  let taking = false;
  let standingBy = false;
  const follow = (s: HostShare) => {
    renderPool.hostThreads(s.threads);
    // Jobs already taken always finish (at least one render at a time), whatever the host's count says meanwhile.
    renderThreads = Math.max(1, s.allowed);
    renderPool.setLimit(renderThreads);
    if (s.allowed === 0) {
      if (taking && !standingBy) void worker.pause(true).catch(() => {});
      if (!standingBy) options.onDiagnostic?.({ code: 'queue/standing-by', severity: 'info', message: `This host's other workers render on all ${cpus} of its CPUs: this worker takes no job until one of them leaves.` });
      standingBy = true;
      return;
    }
    worker.concurrency = renderThreads * TAKEN_PER_THREAD;
    if (!taking) {
      taking = true;
      worker.run().catch(() => {});
    } else if (standingBy) worker.resume();
    standingBy = false;
  };
  follow(host);
  share = follow;
  worker.on('error', () => {}); // connection errors: BullMQ reconnects and goes on
  worker.on('failed', (job, err) => {
    if (job && job.name === CASE_JOB && job.attemptsMade >= (job.opts.attempts ?? 1)) settleFailed(job as Job<CaseJobData>, err.message).catch(cannotSettle);
  });

  // A failed job whose row cannot be written stays in Redis (with its case) until a worker can: say why, once a minute.
  let lastComplaint = 0;
  const cannotSettle = (err: unknown) => {
    if (Date.now() - lastComplaint < 60_000) return;
    lastComplaint = Date.now();
    options.onDiagnostic?.({ code: 'queue/row-not-written', severity: 'warning', message: `A failed job's report row could not be written to its output location (${(err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? 'error'}); the job stays in Redis until it can be.`, hint: 'Check that this host sees the output folder at the same path as the submitter, and may write to it.' });
  };

  // Jobs BullMQ failed without a worker's 'failed' event (stalled more often than allowed: their workers died).
  const queue = new Queue(queueName, { connection: options.redis.options, prefix: KEY_PREFIX });
  queue.on('error', () => {});
  const sweep = async () => {
    for (const job of await queue.getFailed(0, 99)) if (job.name === CASE_JOB) await settleFailed(job as Job<CaseJobData>, job.failedReason ?? 'stalled');
  };
  const sweeper = setInterval(() => sweep().catch(cannotSettle), Math.max(1_000, stallMs));
  sweeper.unref();

  return {
    concurrency,
    close: async () => {
      share = undefined; // a heartbeat from now on starts or resumes nothing
      clearInterval(sweeper);
      await worker.close();
      await queue.close();
      await host.close();
      await renderPool.close();
      redis.disconnect();
    },
  };
}

/**
 * KEYS[1]: the job's set of runs (a case submitted again while its job waited); ARGV: the run keys' prefix, the job
 * id, the run that queued this job, 'done' or 'failed', the run records' time to live. The job joins the done or
 * failed set of every run; its set of runs is removed.
 */
const MARK_FINISHED = `
local runs = redis.call('SMEMBERS', KEYS[1])
table.insert(runs, ARGV[3])
redis.call('DEL', KEYS[1])
local seen = {}
for _, run in ipairs(runs) do
  if not seen[run] then
    seen[run] = true
    local finished = ARGV[1] .. run .. ':' .. ARGV[4]
    redis.call('SADD', finished, ARGV[2])
    redis.call('EXPIRE', finished, ARGV[5])
  end
end
return #runs
`;

interface MarkFinished {
  authpackMarkFinished(runsKey: string, runPrefix: string, jobId: string, runId: string, set: 'done' | 'failed', ttlSeconds: number): Promise<number>;
}

async function readRow(store: FolderStore, jobId: string): Promise<ReportRow | undefined> {
  const bytes = await store.get(rowKey(jobId));
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as ReportRow;
  } catch {
    return undefined;
  }
}

/** What every row of a job says about its case, whatever became of it. */
const rowBase = (d: CaseJobData) => ({ caseId: d.caseId, input: d.label, payer: d.payer, output: d.output, inputSha256: d.inputSha256 });

const rowBytes = (row: ReportRow) => new TextEncoder().encode(JSON.stringify(row));

const sha256OrNothing = (bytes: Uint8Array | undefined) => (bytes ? sha256(bytes) : undefined);
