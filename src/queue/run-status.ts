// `authpack queue status RUN` and `authpack queue report RUN -o DIR`: a run's progress from its Redis record, and
// its report merged from the rows every worker wrote to the output location, in input order, written exactly as
// `batch` writes report.json and report.csv.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { TEMP_DIR } from '../batch/own-files.js';
import { writeReport, type ReportRow } from '../batch/report.js';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import { packageVersion } from '../package-root.js';
import { openStore } from './output-store.js';
import { checkQueueName, DEFAULT_QUEUE, jobRunsKey, manifestKey, rowKey, runKeys, type RunManifest } from './queue-job.js';
import { connectRedis, KEY_PREFIX, type RedisTarget } from './redis-connection.js';

export interface RunStatus {
  runId: string;
  queue: string;
  output: string;
  total: number;
  waiting: number;
  active: number;
  done: number;
  failed: number;
  finished: boolean;
}

export interface StatusOptions {
  redis: RedisTarget;
  queue?: string;
}

export async function runStatus(runId: string, options: StatusOptions): Promise<RunStatus> {
  return withRedis(options.redis, (redis) => readStatus(redis, runId, checkQueueName(options.queue ?? DEFAULT_QUEUE)));
}

/** Polls until every case of the run is done or failed; `onChange` sees each new count. */
export async function waitForRun(runId: string, options: StatusOptions & { pollMs?: number; timeoutMs?: number; onChange?: (s: RunStatus) => void; signal?: AbortSignal }): Promise<RunStatus> {
  const queue = checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const deadline = options.timeoutMs ? Date.now() + options.timeoutMs : Infinity;
  // Patient: a Redis restart while waiting holds the poll until it is back.
  return withRedis(options.redis, async (redis) => {
    let last = '';
    for (;;) {
      const s = await readStatus(redis, runId, queue);
      const key = `${s.done}/${s.failed}/${s.active}`;
      if (key !== last) options.onChange?.(s);
      last = key;
      if (s.finished || options.signal?.aborted || Date.now() > deadline) return s;
      await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
    }
  }, { patient: true });
}

export interface ReportSummary {
  status: RunStatus;
  rows: ReportRow[];
}

/** Writes report.json and report.csv of a finished run into `outDir`. */
export async function writeRunReport(runId: string, outDir: string, options: StatusOptions): Promise<ReportSummary> {
  const status = await runStatus(runId, options);
  if (!status.finished) {
    throw new PacketError([{ code: 'queue/run-unfinished', severity: 'error', message: `Run ${runId} is not finished: ${status.waiting} waiting, ${status.active} active, ${status.done} done, ${status.failed} failed of ${status.total}.`, hint: `Wait for it with \`authpack queue status ${runId} --wait\`, then ask for the report again.` }], ExitCode.usage);
  }
  const store = openStore(status.output);
  const manifestBytes = await store.get(manifestKey(runId));
  if (!manifestBytes) throw new PacketError([{ code: 'queue/manifest-missing', severity: 'error', message: `The run's list of cases (${path.join(store.root, manifestKey(runId))}) is missing from the output location.`, hint: 'Check that this host sees the same output folder as the workers, at the same path.' }], ExitCode.inputInvalid);
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as RunManifest;
  const rows: ReportRow[] = [];
  for (const job of manifest.jobs) {
    const bytes = await store.get(rowKey(job.id));
    const row = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as ReportRow) : undefined;
    // The input is named as this run read it (the same case may have been submitted from another file before).
    rows.push(row ? { ...row, input: job.input } : missingRow(job.input));
  }
  const dir = path.resolve(outDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tempDir = path.join(dir, TEMP_DIR);
  mkdirSync(tempDir, { recursive: true, mode: 0o700 });
  const ok = rows.filter((r) => r.status === 'ok').length;
  try {
    writeReport(dir, { authpackVersion: packageVersion(), runId, queue: status.queue, output: status.output, total: rows.length, ok, failed: rows.length - ok, skipped: 0 }, rows, tempDir);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  return { status, rows };
}

function missingRow(input: string): ReportRow {
  return { caseId: '', input, payer: '', status: 'failed', exitCode: ExitCode.internal, output: '', pages: null, bytes: null, sha256: null, inputSha256: '', warnings: [], errors: [{ code: 'queue/row-missing', message: 'This case counts as finished but its report row is not in the output location (removed, or written to another folder).' }], ms: 0 };
}

async function readStatus(redis: Redis, runId: string, queue: string): Promise<RunStatus> {
  if (!/^run-[0-9a-f]{20}$/.test(runId)) throw new PacketError([{ code: 'queue/bad-run-id', severity: 'error', message: `"${runId}" is not a run id.`, hint: 'A run id looks like run-0123456789abcdef0123, as `authpack queue submit` printed it.' }], ExitCode.usage);
  const keys = runKeys(queue, runId);
  const [meta, done, failed, active] = await Promise.all([redis.hgetall(keys.meta), redis.scard(keys.done), redis.scard(keys.failed), activeJobs(redis, queue, runId)]);
  if (!meta.total) {
    throw new PacketError([{ code: 'queue/run-unknown', severity: 'error', message: `No run ${runId} in the queue "${queue}".`, hint: 'Check the run id and --queue; a run record expires 30 days after it was submitted (its packets and rows stay in the output folder).' }], ExitCode.usage);
  }
  const total = Number(meta.total);
  const waiting = Math.max(0, total - done - failed - active);
  return { runId, queue, output: meta.output ?? '', total, waiting, active, done, failed, finished: done + failed >= total };
}

/**
 * The run's jobs a worker holds now: BullMQ's active list (as long as the workers' slots, not the run), less the
 * jobs of other runs and of server renders, and those already finished (marked done or failed, completing). Read
 * here, when someone asks, rather than kept per job by the workers.
 */
async function activeJobs(redis: Redis, queue: string, runId: string): Promise<number> {
  const ids = await redis.lrange(`${KEY_PREFIX}:${queue}:active`, 0, -1);
  if (ids.length === 0) return 0;
  const keys = runKeys(queue, runId);
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(`${KEY_PREFIX}:${queue}:${id}`, 'data').sismember(jobRunsKey(queue, id), runId).sismember(keys.done, id).sismember(keys.failed, id);
  const replies = (await pipeline.exec()) ?? [];
  let active = 0;
  for (let i = 0; i < ids.length; i++) {
    const [data, inRuns, done, failed] = replies.slice(4 * i, 4 * i + 4).map(([, value]) => value);
    const ofRun = inRuns === 1 || runOf(data) === runId;
    if (ofRun && done !== 1 && failed !== 1) active++;
  }
  return active;
}

function runOf(data: unknown): string | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    return (JSON.parse(data) as { runId?: unknown }).runId as string | undefined;
  } catch {
    return undefined;
  }
}

async function withRedis<T>(target: RedisTarget, fn: (redis: Redis) => Promise<T>, how: { patient?: boolean } = {}): Promise<T> {
  const redis = await connectRedis(target, how);
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}
