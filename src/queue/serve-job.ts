// A render someone waits for (`authpack serve --redis`) as a queue job, both sides of it. The server copies the
// request's uploads into a private folder of the shared folder and queues the case with that folder; a worker
// renders it on its pool (`renderInMemory`, as the server's own pool would) and writes the outcome into the same
// folder through the output store; the server reads it there, answers, and removes the folder. The packet never
// passes through Redis, and the job holds the case only until it completes or fails (then it is removed).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Job } from 'bullmq';
import { QUEUE_DIR } from '../batch/own-files.js';
import type { RenderPoolHandle } from '../batch/open-pool.js';
import type { RenderOutcome, RenderTask } from '../serve/render-in-memory.js';
import { FolderStore } from './output-store.js';

export const SERVE_RENDER_JOB = 'serve-render';

/** The servers' request folders, under the shared folder. */
export const SERVE_DIR = `${QUEUE_DIR}/serve`;

export interface ServeJobData extends RenderTask {
  v: 1;
  /** The request's folder: the uploads in `files/` (the task's baseDir), the outcome written beside them. */
  folder: string;
  /** When the server stops waiting (epoch ms): a job started later is not rendered, a render still running then is stopped. */
  deadline: number;
}

/** Keys in the request folder's store: the outcome without its body (written last: once there, all is), and the body. */
export const OUTCOME_KEY = 'outcome/outcome.json';
export const PDF_KEY = 'outcome/packet.pdf';
export const FHIR_KEY = 'outcome/bundle.json';

/** The outcome as stored: the body (`pdf` or `fhir`) is in its own file. */
export type StoredOutcome = (Omit<Extract<RenderOutcome, { status: 'ok' }>, 'pdf' | 'fhir'> & { body: 'pdf' | 'fhir' }) | Extract<RenderOutcome, { status: 'failed' }>;

/** What the worker's render thread is given for a server's render (the pool's entry tells it from a batch case). */
export interface ServeTask {
  serve: RenderTask;
}

/** The job's return value (it travels in Redis's event stream): never case data. */
export type ServeJobResult = 'written' | 'expired';

/** Worker side: renders the job on the pool and writes its outcome to the request folder. */
export async function renderServeJob(job: Job<ServeJobData>, pool: RenderPoolHandle<ServeTask, RenderOutcome>): Promise<ServeJobResult> {
  const { v: _v, folder, deadline, ...task } = job.data;
  if (path.basename(path.dirname(folder)) !== 'serve' || !folder.includes(`${path.sep}${QUEUE_DIR}${path.sep}`) || task.baseDir !== path.join(folder, 'files')) {
    throw new Error('a serve-render job whose folder is not a request folder of a shared folder');
  }
  const left = deadline - Date.now();
  // The server answered 504 already (it removes the folder): nothing to do.
  if (left <= 0 || !(await exists(folder))) return 'expired';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), left);
  let outcome: RenderOutcome;
  try {
    outcome = await pool.run({ serve: task }, { signal: controller.signal });
  } catch (err) {
    if (controller.signal.aborted) return 'expired';
    // A render thread that crashed: BullMQ tries once more. The reason is ours, never the error's text (case data).
    throw new Error(`the render thread failed (${(err as NodeJS.ErrnoException)?.code ?? (err as Error)?.name ?? 'error'})`);
  } finally {
    clearTimeout(timer);
  }
  // Written only while the server still waits: a folder it removed is not made again.
  if (Date.now() > deadline || !(await exists(folder))) return 'expired';
  const store = new FolderStore(folder);
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  let stored: StoredOutcome;
  if (outcome.status === 'ok') {
    const { pdf, fhir, ...rest } = outcome;
    if (fhir !== undefined) await store.put(FHIR_KEY, new TextEncoder().encode(fhir));
    else await store.put(PDF_KEY, pdf!);
    stored = { ...rest, body: fhir !== undefined ? 'fhir' : 'pdf' };
  } else {
    stored = outcome;
  }
  await store.put(OUTCOME_KEY, encode(stored));
  return 'written';
}

/** Server side: the outcome a worker wrote, or undefined when there is none (yet). */
export async function readOutcome(folder: string): Promise<RenderOutcome | undefined> {
  const store = new FolderStore(folder);
  const bytes = await store.get(OUTCOME_KEY);
  if (!bytes) return undefined;
  const stored = JSON.parse(new TextDecoder().decode(bytes)) as StoredOutcome;
  if (stored.status === 'failed') return stored;
  const { body, ...rest } = stored;
  const content = await store.get(body === 'pdf' ? PDF_KEY : FHIR_KEY);
  if (!content) return undefined;
  return body === 'pdf' ? { ...rest, pdf: content } : { ...rest, fhir: new TextDecoder().decode(content) };
}

async function exists(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
