// `npm run bench`: warm throughput on the long-history sample and the cold start of `authpack render`.
// Lives outside the test suite on purpose: timings never gate tests.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { generatePacket, loadCase } from '../../src/index.js';
import { serveLoad } from './serve-load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const sample = path.join(root, 'samples', 'long-history.yaml');
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const date = '2026-11-26';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Cold runs first, from a fresh parent: after the warm loop the parent's background GC skews them.
const out = mkdtempSync(path.join(tmpdir(), 'authpack-bench-'));
const cold: number[] = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'render', sample, '-o', path.join(out, 'p.pdf'), '--date', date], { encoding: 'utf8' });
  cold.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`cold render failed (exit ${r.status}): ${r.stderr}`);
}
rmSync(out, { recursive: true, force: true });

const { raw, source, baseDir } = loadCase(sample);
// The generated packet (cover, index, letter, 45-row history), its enclosures listed rather than merged: the
// layout engine's own throughput. One untimed packet loads fonts and compiles templates, as any process would once.
const generated = { source, baseDir, date, attachments: 'list' as const };
const first = await generatePacket(raw, generated);
const times: number[] = [];
const start = performance.now();
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await generatePacket(raw, generated);
  times.push(performance.now() - t);
}
const total = (performance.now() - start) / 1000;
const peakRss = process.resourceUsage().maxRSS / 1024;

// The same case with its attachments merged, as `npm run demo` renders it.
const MERGED_RUNS = Math.max(1, Math.round(RUNS / 4));
const mergedFirst = await generatePacket(raw, { source, baseDir, date });
const mergedStart = performance.now();
for (let i = 0; i < MERGED_RUNS; i++) await generatePacket(raw, { source, baseDir, date });
const mergedSeconds = (performance.now() - mergedStart) / 1000;

// A 50-page packet with attachments: the attachments demo with its documents enclosed several times over.
const big = loadCase(path.join(root, 'samples', 'attachments-demo.yaml'));
const bigRaw = structuredClone(big.raw) as { attachments: unknown[]; payer: string };
bigRaw.payer = 'generic-commercial';
const docs = [...bigRaw.attachments];
for (let k = 0; (await generatePacket(bigRaw, { baseDir: big.baseDir, date })).pages < 50 && k < 100; k++) bigRaw.attachments.push(docs[k % docs.length]);
const BIG_RUNS = Number(process.env.BENCH_BIG_RUNS ?? 20);
const bigFirst = await generatePacket(bigRaw, { baseDir: big.baseDir, date });
const bigStart = performance.now();
for (let i = 0; i < BIG_RUNS; i++) await generatePacket(bigRaw, { baseDir: big.baseDir, date });
const bigSeconds = (performance.now() - bigStart) / 1000;
const bigRss = process.resourceUsage().maxRSS / 1024;



const rows: [string, string][] = [
  ['sample', `${path.relative(process.cwd(), sample)} (enclosures listed, not merged)`],
  ['warm packets', String(RUNS)],
  ['warm packets per second', (RUNS / total).toFixed(1)],
  ['warm mean ms per packet', (times.reduce((a, b) => a + b, 0) / RUNS).toFixed(1)],
  ['warm median ms per packet', median(times).toFixed(1)],
  ['pages per packet', String(first.pages)],
  ['bytes per packet', `${first.bytes.length} (${(first.bytes.length / 1024).toFixed(1)} KiB)`],
  ['peak RSS (warm loop)', `${peakRss.toFixed(0)} MiB`],
  ['same sample, attachments merged', `${mergedFirst.pages} pages, ${(mergedFirst.bytes.length / 1024).toFixed(1)} KiB, ${(MERGED_RUNS / mergedSeconds).toFixed(1)} packets/s`],
  [`cold \`authpack render\` (median of ${COLD_RUNS})`, `${median(cold).toFixed(0)} ms`],
  ['cold runs ms', cold.map((c) => c.toFixed(0)).join(' ')],
  ['packet with attachments', `${bigFirst.pages} pages, ${bigRaw.attachments.length} attachments, ${(bigFirst.bytes.length / 1024).toFixed(0)} KiB`],
  ['  packets per second', (BIG_RUNS / bigSeconds).toFixed(1)],
  ['  pages per second', ((BIG_RUNS * bigFirst.pages) / bigSeconds).toFixed(0)],
  ['  peak RSS (whole run)', `${bigRss.toFixed(0)} MiB`],
];
// A batch of generated cases (varied payers and lengths), at one worker and at the CPU count, each in a fresh
// process so its peak RSS is the batch's own (worker threads share the process).
const BATCH_CASES = Number(process.env.BENCH_BATCH_CASES ?? 1000);
const batchDir = mkdtempSync(path.join(tmpdir(), 'authpack-bench-batch-'));
cpSync(path.join(root, 'samples', 'attachments'), path.join(batchDir, 'attachments'), { recursive: true });
const bases = ['gbm-initial', 'gbm-continuation', 'long-history', 'attachments-demo'].map((n) => loadCase(path.join(root, 'samples', `${n}.yaml`)).raw as Record<string, unknown> & { priorTherapies: unknown[] });
const lines: string[] = [];
for (let i = 0; i < BATCH_CASES; i++) {
  const c = structuredClone(bases[i % bases.length]!);
  c.caseId = `BENCH-${String(i).padStart(5, '0')}`;
  // Lengths vary: long histories keep between 10 and 45 of their rows.
  if (c.priorTherapies.length > 20) c.priorTherapies = c.priorTherapies.slice(0, 10 + (i % 36));
  lines.push(JSON.stringify(c));
}
const batchInput = path.join(batchDir, 'cases.ndjson');
writeFileSync(batchInput, lines.join('\n'));
const cpus = availableParallelism();
/** Runs `authpack batch` as a user would, in its own process; its report gives the time and the peak RSS. */
const batchRun = (concurrency: number) => {
  const out = path.join(batchDir, `out-${concurrency}`);
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'batch', batchInput, '-o', out, '--date', date, '--concurrency', String(concurrency), '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 7) throw new Error(`batch bench failed: ${r.stderr}`);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { seconds: number; ok: number; failed: number; peakRssMiB: number };
  return { ...report, maxRssMiB: report.peakRssMiB };
};
const single = batchRun(1);
const parallel = batchRun(cpus);
// The machine's own ceiling: two separate processes, one worker each, on half the cases each, at the same time.
const halves = [lines.slice(0, lines.length / 2), lines.slice(lines.length / 2)].map((part, k) => {
  const file = path.join(batchDir, `half-${k}.ndjson`);
  writeFileSync(file, part.join('\n'));
  return file;
});
const ceilingStart = performance.now();
await Promise.all(
  halves.map(
    (file, k) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'batch', file, '-o', path.join(batchDir, `half-out-${k}`), '--date', date, '--concurrency', '1', '--quiet'], { stdio: 'ignore' });
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`half batch exited ${code}`))));
      }),
  ),
);
const ceilingSeconds = (performance.now() - ceilingStart) / 1000;
rmSync(batchDir, { recursive: true, force: true });
rows.push(
  [`batch of ${BATCH_CASES} generated cases`, `${single.ok} written, ${single.failed} failed`],
  ['  concurrency 1', `${(BATCH_CASES / single.seconds).toFixed(1)} packets/s (${single.seconds.toFixed(1)} s), peak RSS ${single.maxRssMiB.toFixed(0)} MiB`],
  [`  concurrency ${cpus} (CPU count)`, `${(BATCH_CASES / parallel.seconds).toFixed(1)} packets/s (${parallel.seconds.toFixed(1)} s), peak RSS ${parallel.maxRssMiB.toFixed(0)} MiB`],
  ['  speed-up', `${(single.seconds / parallel.seconds).toFixed(2)}×`],
  ['  2 processes × 1 worker, half each', `${(BATCH_CASES / ceilingSeconds).toFixed(1)} packets/s (${(single.seconds / ceilingSeconds).toFixed(2)}× one worker): what two cores give here`],
);

// The HTTP server under load (BENCH_SERVE=0 skips it).
if (process.env.BENCH_SERVE !== '0') rows.push(...(await serveLoad(root, date)));

const w = Math.max(...rows.map((r) => r[0].length));
console.log(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n'));
