// `npm run bench`: warm throughput on the long-history sample and the cold start of `authpack render`.
// Lives outside the test suite on purpose: timings never gate tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePacket, loadCase } from '../../src/index.js';
import { batchBench } from './batch-bench.js';
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
// `authpack batch` on generated cases: 1 vs 2 workers, the machine's ceiling, the library's warm rate, peak RSS
// (BENCH_BATCH=0 skips it).
if (process.env.BENCH_BATCH !== '0') rows.push(...(await batchBench(root, date)));

// The HTTP server under load (BENCH_SERVE=0 skips it).
if (process.env.BENCH_SERVE !== '0') rows.push(...(await serveLoad(root, date)));

const w = Math.max(...rows.map((r) => r[0].length));
console.log(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n'));
