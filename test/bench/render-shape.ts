// The render-only ceiling of a process shape, for the queue part of `npm run bench`: P node processes of T render
// threads each render the cases of an NDJSON file (case i on thread i mod P·T) with `batch`'s own render entry
// (dist/batch-worker.js: its packet goes to an unflushed temp file, removed here), in the render pool's settings
// for the host (open-pool.ts): under its V8 flags when the threads fill the CPUs, without them and with a larger
// young generation when a CPU is left over. No queue, no validation, no flushes, no report: what is left of a run
// when every cost of its own is taken away. Timed from the first process's start to the last one's exit, so that
// start-up counts as it does for `batch` and `queue work`.
//
// `queueShape` adds the queue's own transport and nothing else: P processes of one render thread each take the cases
// from a BullMQ queue on the bench's Redis (one job per case, holding its NDJSON line, with `queue submit`'s job options),
// JOBS_PER_THREAD at a time, as `queue work` does, and render them as above. No rows, no flushes, no runs marked:
// the most a queue worker could reach on this host while BullMQ carries one job per case.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { spareCpuLimits } from '../../src/batch/open-pool.js';
import { POOL_FLAGS } from '../../src/batch/pool-flags.js';
import { WORKER_HEAP } from '../../src/batch/worker-limits.js';
import { CASE_JOB } from '../../src/queue/queue-job.js';
import { KEY_PREFIX } from '../../src/queue/redis-connection.js';
import { jobOptions } from '../../src/queue/retry-policy.js';
import { JOBS_PER_THREAD } from '../../src/queue/work.js';

/** One process: starts its threads, each renders its share of the cases; exits non-zero on any failure. */
const PROCESS = `
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
const [file, first, threads, total, setup] = process.argv.slice(1);
const lines = readFileSync(file, 'utf8').split('\\n').filter((l) => l.trim() !== '');
const config = JSON.parse(setup);
await Promise.all(Array.from({ length: Number(threads) }, (_, j) => new Promise((resolve, reject) => {
  const slot = Number(first) + j;
  const mine = lines.map((l, i) => [i, l]).filter(([i]) => i % Number(total) === slot);
  const w = new Worker(config.thread, { eval: true, workerData: { ...config, lines: mine }, resourceLimits: config.heap });
  w.once('message', resolve);
  w.once('error', reject);
  w.once('exit', (code) => (code === 0 ? resolve() : reject(new Error('render thread exited ' + code))));
})));
`;

/** One render thread (an ES module: an \`eval\` worker takes its process's --input-type). */
const THREAD = `
import { parentPort, workerData } from 'node:worker_threads';
import { rmSync } from 'node:fs';
const { default: render } = await import(workerData.worker);
for (const [i, line] of workerData.lines) {
  const r = await render({ label: 'case ' + i, raw: JSON.parse(line), baseDir: workerData.baseDir, output: 'case-' + i + '.pdf', tempDir: workerData.tempDir, options: { date: workerData.date } });
  if (r.status !== 'ok') throw new Error('case ' + i + ': ' + JSON.stringify(r.diagnostics));
  rmSync(r.tempFile);
}
parentPort.postMessage('done');
`;

/**
 * One queue process: a BullMQ worker that hands each job to its one render thread (which renders one case at a time,
 * as a pool thread does) and completes it once rendered; it stops when the queue is empty and its jobs are done.
 */
const QUEUE_PROCESS = `
import { Worker as Thread } from 'node:worker_threads';
import { Worker } from 'bullmq';
const [queueName, setup] = process.argv.slice(1);
const config = JSON.parse(setup);
const thread = new Thread(config.thread, { eval: true, workerData: config, resourceLimits: config.heap });
const waiting = new Map();
thread.on('message', ({ i, error }) => {
  const w = waiting.get(i);
  waiting.delete(i);
  if (error) w.reject(new Error(error)); else w.resolve();
});
thread.once('error', (e) => { console.error(e); process.exit(1); });
const worker = new Worker(queueName, (job) => new Promise((resolve, reject) => {
  waiting.set(job.data.i, { resolve, reject });
  thread.postMessage(job.data);
}), { connection: config.connection, prefix: config.prefix, concurrency: config.jobs });
worker.on('failed', (job, err) => { console.error(err); process.exit(1); });
worker.on('error', (err) => { console.error(err); process.exit(1); });
worker.once('drained', async () => {
  await worker.close();
  await thread.terminate();
  process.exit(0);
});
`;

/** The queue process's render thread: one case at a time, in the order the jobs came. */
const QUEUE_THREAD = `
import { parentPort, workerData } from 'node:worker_threads';
import { rmSync } from 'node:fs';
const { default: render } = await import(workerData.worker);
let last = Promise.resolve();
parentPort.on('message', ({ i, line }) => {
  last = last.then(async () => {
    try {
      const r = await render({ label: 'case ' + i, raw: JSON.parse(line), baseDir: workerData.baseDir, output: 'case-' + i + '.pdf', tempDir: workerData.tempDir, options: { date: workerData.date } });
      if (r.status !== 'ok') throw new Error('case ' + i + ': ' + JSON.stringify(r.diagnostics));
      rmSync(r.tempFile);
      parentPort.postMessage({ i });
    } catch (e) {
      parentPort.postMessage({ i, error: String(e && e.stack || e) });
    }
  });
});
`;

/**
 * Seconds for `processes` queue processes of one render thread each to render every case of `file`, taken from a
 * BullMQ queue on the Redis at `connection` (the jobs are added before the clock starts, as `queue submit` does
 * before the bench starts its workers).
 */
export async function queueShape(root: string, file: string, baseDir: string, date: string, processes: number, connection: { host: string; port: number }, queueName: string): Promise<number> {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const queue = new Queue(queueName, { connection, prefix: KEY_PREFIX });
  try {
    for (let i = 0; i < lines.length; i += 500) {
      await queue.addBulk(lines.slice(i, i + 500).map((line, j) => ({ name: CASE_JOB, data: { i: i + j, line }, opts: { jobId: `shape-${i + j}`, ...jobOptions() } })));
    }
    const spareCpu = processes < availableParallelism();
    const seconds = await timeProcesses(processes, spareCpu, (tempDir) => ['--input-type=module', '-e', QUEUE_PROCESS, queueName, JSON.stringify({ thread: QUEUE_THREAD, worker: workerUrl(root), baseDir, date, tempDir, heap: heapOf(spareCpu), connection, prefix: KEY_PREFIX, jobs: JOBS_PER_THREAD })], path.dirname(file), root);
    const left = Object.entries(await queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed')).filter(([, n]) => n > 0);
    if (left.length > 0) throw new Error(`render + BullMQ shape: jobs left in the queue (${left.map(([s, n]) => `${n} ${s}`).join(', ')})`);
    return seconds;
  } finally {
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
}

/** Seconds for `processes` × `threads` to render every case of `file` (NDJSON, attachments under `baseDir`). */
export async function renderShape(root: string, file: string, baseDir: string, date: string, processes: number, threads: number): Promise<number> {
  const spareCpu = processes * threads < availableParallelism();
  return timeProcesses(processes, spareCpu, (tempDir, p) => ['--input-type=module', '-e', PROCESS, file, String(p * threads), String(threads), String(processes * threads), JSON.stringify({ thread: THREAD, worker: workerUrl(root), baseDir, date, tempDir, heap: heapOf(spareCpu) })], path.dirname(file), root);
}

/** A render thread's heap limits: the pool's own for a host with a CPU to spare or without (open-pool.ts). */
const heapOf = (spareCpu: boolean) => (spareCpu ? spareCpuLimits(WORKER_HEAP) : WORKER_HEAP);

const workerUrl = (root: string) => pathToFileURL(path.join(root, 'dist', 'batch-worker.js')).href;

/**
 * Seconds from starting `processes` node processes (under the pool's V8 flags unless a CPU is spare; `args` gives
 * each one's script and arguments, with a temp folder for its packets, made in `parent`) to the last one's exit.
 */
async function timeProcesses(processes: number, spareCpu: boolean, args: (tempDir: string, p: number) => string[], parent: string, cwd: string): Promise<number> {
  const tempDir = mkdtempSync(path.join(parent, 'shape-'));
  try {
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: processes }, (_, p) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [...(spareCpu ? [] : POOL_FLAGS), ...args(tempDir, p)], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
          let err = '';
          child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
          child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench shape process exited ${code}: ${err.slice(0, 2000)}`))));
        }),
      ),
    );
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}
