// `authpack queue submit`: reads the inputs as `batch` does, validates each case here, and enqueues one job per
// valid case under a deterministic id (case id + the hash of everything its packet depends on). An invalid case is
// never queued: its failed report row is written at once. The run id follows from the job ids and the output
// location, so the same input submitted twice is the same run, and nothing renders twice.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { caseMeta, precheck, type CaseMeta } from '../batch/precheck.js';
import { checkNamesTemplate, DEFAULT_NAMES } from '../batch/output-name.js';
import { readInputs, type BatchInput } from '../batch/read-inputs.js';
import type { ReportRow } from '../batch/report.js';
import { failedRow } from '../batch/result-row.js';
import { ResumeKeys } from '../batch/resume-key.js';
import { sha256 } from '../batch/sha256.js';
import type { BatchTask } from '../batch/batch-worker.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode, OutputError, PacketError } from '../diagnostics/errors.js';
import { loadCase } from '../load/load-case.js';
import { packageRoot } from '../package-root.js';
import { isoDay, resolvePacketDate } from '../packet-date.js';
import { loadPayer } from '../payers/load-payer.js';
import { validateCase } from '../validate/validate-case.js';
import { openStore, type OutputStore } from './output-store.js';
import { CASE_JOB, checkQueueName, DEFAULT_QUEUE, jobRunsKey, manifestKey, rowKey, RUN_TTL_SECONDS, runKeys, type CaseJobData, type RunManifest } from './queue-job.js';
import { connectRedis, KEY_PREFIX, type RedisTarget } from './redis-connection.js';
import { jobOptions } from './retry-policy.js';

export interface SubmitOptions {
  inputs: readonly string[];
  redis: RedisTarget;
  queue?: string;
  /** The output location every worker writes to (a shared folder). */
  output: string;
  names?: string;
  overwrite?: boolean;
  /** Attempts for a job whose worker crashes (default 3). */
  attempts?: number;
  generate: Omit<BatchTask['options'], 'date'> & { date?: string | Date };
}

export interface SubmitSummary {
  runId: string;
  total: number;
  /** Jobs added to the queue now. */
  queued: number;
  /** Invalid cases, reported failed at once. */
  invalid: number;
  /** Cases of this run already finished, or already waiting in the queue (an earlier submit of the same input). */
  already: number;
}

export async function submitRun(options: SubmitOptions): Promise<SubmitSummary> {
  const queueName = checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const names = options.names ?? DEFAULT_NAMES;
  checkNamesTemplate(names);
  const store = openStore(options.output);
  const outDir = store.root;
  const date = resolvePacketDate(options.generate.date);
  const fixed = options.generate.date !== undefined || /^\d+$/.test(process.env.SOURCE_DATE_EPOCH?.trim() ?? '');
  const dateKey = fixed ? date.toISOString() : isoDay(date);
  // Workers on other hosts find the profile and template folders at the same absolute paths.
  const generate: BatchTask['options'] = {
    ...options.generate,
    payerDirs: (options.generate.payerDirs ?? []).map((d) => path.resolve(d)),
    templateDirs: (options.generate.templateDirs ?? []).map((d) => path.resolve(d)),
    date: date.toISOString(),
  };
  // Duplicate case ids and output names stop the run before anything is queued; packets already in place are
  // checked below against this run's own rows.
  const checked = await precheck(options.inputs, { names, outDir, overwrite: true, resume: false });
  if (!checked) throw new Error('precheck stopped without a signal');
  const keys = new ResumeKeys(generate, dateKey, path.join(packageRoot(), 'dist', 'batch-worker.js'));
  const today = isoDay(date);

  const ctx: PrepareContext = { names, keys, generate, today, store, runId: '' };
  // First pass: each case's job id (nothing else is kept, so memory stays small however many cases there are).
  const jobs: { id: string; input: string; output?: string }[] = [];
  let index = 0;
  for await (const input of readInputs(options.inputs, outDir)) {
    const meta = metaOf(input, checked.known, names);
    const { id } = identify(input, meta, index++, ctx);
    jobs.push({ id, input: input.label, ...(meta ? { output: meta.output } : {}) });
  }
  const runId = `run-${sha256(JSON.stringify([queueName, store.uri, jobs.map((j) => j.id)])).slice(0, 20)}`;
  ctx.runId = runId;

  const redis = await connectRedis(options.redis);
  const queue = new Queue<CaseJobData>(queueName, { connection: options.redis.options, prefix: KEY_PREFIX });
  try {
    const run = runKeys(queueName, runId);
    const [doneIds, failedIds] = await Promise.all([redis.smembers(run.done), redis.smembers(run.failed)]);
    const finished = new Set([...doneIds, ...failedIds]);
    await refuseForeignOutputs(jobs, finished, store, options.overwrite ?? false);

    const manifest: RunManifest = { runId, queue: queueName, createdAt: new Date().toISOString(), date: generate.date!, names, jobs: jobs.map(({ id, input }) => ({ id, input })) };
    if (!(await store.get(manifestKey(runId)))) await store.put(manifestKey(runId), new TextEncoder().encode(JSON.stringify(manifest)));
    await redis
      .multi()
      .hsetnx(run.meta, 'total', String(jobs.length))
      .hsetnx(run.meta, 'output', store.uri)
      .hsetnx(run.meta, 'createdAt', manifest.createdAt)
      .expire(run.meta, RUN_TTL_SECONDS)
      .exec();

    // Second pass: validate each case not finished yet; queue the valid ones 500 at a time.
    const counts = { queued: 0, invalid: 0, already: 0 };
    let pending: CaseJobData[] = [];
    const flush = async () => {
      const slice = pending;
      pending = [];
      if (!slice.length) return;
      const m = redis.multi();
      for (const d of slice) m.sadd(jobRunsKey(queueName, jobIdOf(d)), runId).expire(jobRunsKey(queueName, jobIdOf(d)), RUN_TTL_SECONDS);
      await m.exec();
      // BullMQ keeps a job id it holds already (the same case waiting from an earlier submit): not queued again.
      const exists = await redis.pipeline(slice.map((d) => ['exists', `${KEY_PREFIX}:${queueName}:${jobIdOf(d)}`])).exec();
      const fresh = slice.filter((_, k) => exists?.[k]?.[1] === 0);
      await queue.addBulk(fresh.map((d) => ({ name: CASE_JOB, data: d, opts: { jobId: jobIdOf(d), ...jobOptions(options.attempts) } })));
      counts.queued += fresh.length;
      counts.already += slice.length - fresh.length;
    };
    index = 0;
    for await (const input of readInputs(options.inputs, outDir)) {
      const i = index++;
      if (finished.has(jobs[i]!.id)) {
        counts.already++;
        continue;
      }
      const prepared = prepareJob(input, metaOf(input, checked.known, names), i, ctx);
      if (prepared.row) {
        // Never queued: the row is the case's whole result.
        await store.put(rowKey(prepared.id), new TextEncoder().encode(JSON.stringify(prepared.row)));
        await redis.multi().sadd(run.failed, prepared.id).expire(run.failed, RUN_TTL_SECONDS).exec();
        counts.invalid++;
        continue;
      }
      pending.push(prepared.data!);
      if (pending.length >= 500) await flush();
    }
    await flush();
    return { runId, total: jobs.length, ...counts };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

interface PrepareContext {
  names: string;
  keys: ResumeKeys;
  generate: BatchTask['options'];
  today: string;
  store: OutputStore;
  runId: string;
}

function metaOf(input: BatchInput, known: Map<string, CaseMeta>, names: string): CaseMeta | undefined {
  if (input.error) return undefined;
  return input.file ? known.get(input.label) : caseMeta(input.raw, names);
}

/**
 * A case's job id and input hash, whether it turns out valid or not: its case id and the hash of everything its
 * packet depends on; for an entry that cannot be read, its place and content.
 */
function identify(input: BatchInput, meta: CaseMeta | undefined, index: number, ctx: PrepareContext): { id: string; inputSha256: string; bytes?: Buffer } {
  let bytes: Buffer | undefined;
  if (input.file) {
    try {
      bytes = readFileSync(input.file);
    } catch {
      bytes = undefined;
    }
  }
  if (!meta || (input.file && !bytes)) {
    const content = input.error ? input.error.code : bytes ? sha256(bytes) : input.file ? 'unreadable' : JSON.stringify(input.raw ?? null);
    return { id: `unreadable-${sha256(`${input.label}\0${index}\0${content}`).slice(0, 32)}`, inputSha256: '' };
  }
  const inputSha256 = ctx.keys.forCase({ text: bytes ?? JSON.stringify(input.raw), payer: meta.payer, attachments: meta.attachments, signatureImage: meta.signatureImage, baseDir: input.baseDir });
  return { id: jobId(meta.caseId, inputSha256), inputSha256, ...(bytes ? { bytes } : {}) };
}

const jobIdOf = (d: CaseJobData) => jobId(d.caseId, d.inputSha256);

/** A job id: the case id (made safe for Redis keys and BullMQ) and the hash of all its packet depends on. */
export function jobId(caseId: string, inputSha256: string): string {
  const id = caseId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64) || 'case';
  return `${id}-${inputSha256.slice(0, 32)}`;
}

/** A case's job (valid), or its failed row (it cannot be read or fails validation): exit-3 kinds are never queued. */
function prepareJob(input: BatchInput, meta: CaseMeta | undefined, index: number, ctx: PrepareContext): { id: string; data?: CaseJobData; row?: ReportRow } {
  const { id, inputSha256, bytes } = identify(input, meta, index, ctx);
  const blank: ReportRow = { caseId: meta?.caseId ?? '', input: input.label, payer: typeof meta?.payer === 'string' ? meta.payer : '', status: 'failed', exitCode: ExitCode.inputInvalid, output: '', pages: null, bytes: null, sha256: null, inputSha256, warnings: [], errors: [], ms: 0 };
  const fail = (exitCode: number, diagnostics: readonly Diagnostic[]) => ({ id, row: failedRow(blank, exitCode, diagnostics) });
  if (input.error) return fail(ExitCode.inputInvalid, [input.error]);
  let raw = input.raw;
  let source;
  if (input.file) {
    try {
      const loaded = loadCase(input.file);
      raw = loaded.raw;
      source = loaded.source;
    } catch (err) {
      if (err instanceof PacketError) return fail(err.exitCode, err.diagnostics);
      throw err;
    }
  }
  if (!meta) return fail(ExitCode.inputInvalid, [{ code: 'load/unreadable', severity: 'error', message: `${input.label} could not be read.`, hint: 'Leave the inputs unchanged while a run is submitted.' }]);
  const listed = ctx.generate.attachments === 'list';
  const result = validateCase(raw, { ...(source ? { source } : {}), today: ctx.today, payerDirs: ctx.generate.payerDirs ?? [], attachmentFiles: { baseDir: input.baseDir, allowOutside: ctx.generate.allowOutside ?? false, listed } });
  const diagnostics = [...result.diagnostics];
  if (result.case) {
    try {
      loadPayer(result.case.payer, ctx.generate.payerDirs ?? []);
    } catch (err) {
      if (!(err instanceof PacketError)) throw err;
      diagnostics.push(...err.diagnostics);
    }
  }
  if (hasErrors(diagnostics)) return fail(ExitCode.inputInvalid, diagnostics);
  const data: CaseJobData = {
    v: 1,
    runId: ctx.runId,
    label: input.label,
    caseId: meta.caseId,
    payer: typeof meta.payer === 'string' ? meta.payer : '',
    output: meta.output,
    store: ctx.store.uri,
    inputSha256,
    baseDir: input.baseDir,
    ...(bytes ? plainText(bytes) : { raw }),
    options: ctx.generate,
  };
  return { id, data };
}

/** The file's text when it is plain UTF-8 (what the worker's parser reads the same), else its bytes in base64. */
function plainText(bytes: Buffer): { text: string } | { base64: string } {
  const text = bytes.toString('utf8');
  const plain = !(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) && Buffer.from(text, 'utf8').equals(bytes);
  return plain ? { text } : { base64: bytes.toString('base64') };
}

/**
 * A file already at a packet's path that this run did not write (no row of its job says so) is kept unless
 * --overwrite: as `batch` does, nothing is queued then.
 */
async function refuseForeignOutputs(jobs: { id: string; input: string; output?: string }[], finished: Set<string>, store: OutputStore & { root: string }, overwrite: boolean): Promise<void> {
  if (overwrite) return;
  const foreign: string[] = [];
  for (const j of jobs) {
    if (!j.output || finished.has(j.id) || !existsSync(path.join(store.root, j.output))) continue;
    const row = await store.get(rowKey(j.id));
    if (row && (JSON.parse(new TextDecoder().decode(row)) as ReportRow).status === 'ok') continue;
    foreign.push(j.input);
  }
  if (!foreign.length) return;
  const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
  throw new OutputError([{ code: 'queue/outputs-exist', severity: 'error', message: `${foreign.length} of the packets this run would write already exist in ${store.root} and were not written by this run (the cases at ${shown}); nothing was queued.`, hint: 'Pass --overwrite to replace them, or choose another --output folder.' }]);
}
