// What a queued case carries, and the Redis keys of a run. A job holds the case itself (its file's text, or the
// data of an NDJSON line or CSV row) and the folder its attachments are in, never the attachments' bytes: patient
// data stays in Redis only while the job waits or runs (the job is removed once its report row is written).
import type { BatchTask } from '../batch/batch-worker.js';
import { QUEUE_DIR } from '../batch/own-files.js';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import { KEY_PREFIX } from './redis-connection.js';

export const DEFAULT_QUEUE = 'authpack';

/** BullMQ queue names become part of Redis keys: letters, digits, dot, dash and underscore. */
export function checkQueueName(name: string): string {
  if (/^[A-Za-z0-9._-]{1,64}$/.test(name)) return name;
  throw new PacketError([{ code: 'queue/bad-queue-name', severity: 'error', message: `--queue "${name}" is not a usable queue name.`, hint: 'Use 1 to 64 letters, digits, dots, dashes or underscores.' }], ExitCode.usage);
}
/** The job name of a batch case (serve's renders use another). */
export const CASE_JOB = 'case';

export interface CaseJobData {
  v: 1;
  runId: string;
  /** Where the case came from: `cases/a.yaml`, `day.ndjson:12`. */
  label: string;
  caseId: string;
  payer: string;
  /** The packet's path in the output location. */
  output: string;
  /** The output location (`queue submit --output`). */
  store: string;
  /** SHA-256 of everything the packet depends on (as `batch --resume` computes it). */
  inputSha256: string;
  baseDir: string;
  /** The case file's UTF-8 text; `base64` when it is not plain UTF-8 (a byte-order mark, another encoding); `raw` for a line or row. */
  text?: string;
  base64?: string;
  raw?: unknown;
  options: BatchTask['options'];
}

/** What every run record's key of a queue starts with (then the run id, then `:meta`, `:done` ...). */
export const runKeyPrefix = (queue: string) => `${KEY_PREFIX}:${queue}:run:`;

/** A run's keys: its facts (hash), and the jobs finished ok and failed (sets of job ids). */
export function runKeys(queue: string, runId: string) {
  const base = `${runKeyPrefix(queue)}${runId}`;
  return { meta: `${base}:meta`, done: `${base}:done`, failed: `${base}:failed` };
}

/** The runs a job belongs to (a case submitted again in another run while its job waits). */
export const jobRunsKey = (queue: string, jobId: string) => `${KEY_PREFIX}:${queue}:job-runs:${jobId}`;

/** Run records and job-run sets expire: the rows and packets stay in the output location. */
export const RUN_TTL_SECONDS = 30 * 24 * 3600;

/** Store keys: a job's report row, and a run's manifest (its job ids and input labels, in input order). */
export const rowKey = (jobId: string) => `${QUEUE_DIR}/rows/${jobId}.json`;
export const manifestKey = (runId: string) => `${QUEUE_DIR}/runs/${runId}.json`;

export interface RunManifest {
  runId: string;
  queue: string;
  createdAt: string;
  date: string;
  names: string;
  jobs: { id: string; input: string }[];
}
