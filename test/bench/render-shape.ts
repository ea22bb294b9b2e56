// The render-only ceiling of a process shape, for the queue part of `npm run bench`: P node processes of T render
// threads each render the cases of an NDJSON file (case i on thread i mod P·T) with `batch`'s own render entry
// (dist/batch-worker.js: its packet goes to an unflushed temp file, removed here), in the render pool's settings
// for the host (open-pool.ts): under its V8 flags when the threads fill the CPUs, without them and with a larger
// young generation when a CPU is left over. No queue, no validation, no flushes, no report: what is left of a run
// when every cost of its own is taken away. Timed from the first process's start to the last one's exit, so that
// start-up counts as it does for `batch` and `queue work`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spareCpuLimits } from '../../src/batch/open-pool.js';
import { POOL_FLAGS } from '../../src/batch/pool-flags.js';
import { WORKER_HEAP } from '../../src/batch/worker-limits.js';

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

/** Seconds for `processes` × `threads` to render every case of `file` (NDJSON, attachments under `baseDir`). */
export async function renderShape(root: string, file: string, baseDir: string, date: string, processes: number, threads: number): Promise<number> {
  const tempDir = mkdtempSync(path.join(path.dirname(file), 'shape-'));
  const spareCpu = processes * threads < availableParallelism();
  const heap = spareCpu ? spareCpuLimits(WORKER_HEAP) : WORKER_HEAP;
  const setup = JSON.stringify({ thread: THREAD, worker: pathToFileURL(path.join(root, 'dist', 'batch-worker.js')).href, baseDir, date, tempDir, heap });
  try {
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: processes }, (_, p) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [...(spareCpu ? [] : POOL_FLAGS), '--input-type=module', '-e', PROCESS, file, String(p * threads), String(threads), String(processes * threads), setup], { stdio: ['ignore', 'ignore', 'pipe'] });
          let err = '';
          child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
          child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`render-only process exited ${code}: ${err.slice(0, 2000)}`))));
        }),
      ),
    );
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}
