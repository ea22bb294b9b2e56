// `npm run bench`: warm throughput on the long-history sample and the cold start of `authpack render`.
// Lives outside the test suite on purpose: timings never gate tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePacket, loadCase } from '../../src/index.js';

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

const { raw, source } = loadCase(sample);
// One untimed packet loads fonts and compiles templates, as any long-lived process would once.
const first = await generatePacket(raw, { source, date });
const times: number[] = [];
const start = performance.now();
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await generatePacket(raw, { source, date });
  times.push(performance.now() - t);
}
const total = (performance.now() - start) / 1000;
const peakRss = process.resourceUsage().maxRSS / 1024;



const rows: [string, string][] = [
  ['sample', path.relative(process.cwd(), sample)],
  ['warm packets', String(RUNS)],
  ['warm packets per second', (RUNS / total).toFixed(1)],
  ['warm mean ms per packet', (times.reduce((a, b) => a + b, 0) / RUNS).toFixed(1)],
  ['warm median ms per packet', median(times).toFixed(1)],
  ['pages per packet', String(first.pages)],
  ['bytes per packet', `${first.bytes.length} (${(first.bytes.length / 1024).toFixed(1)} KiB)`],
  ['peak RSS (warm loop)', `${peakRss.toFixed(0)} MiB`],
  [`cold \`authpack render\` (median of ${COLD_RUNS})`, `${median(cold).toFixed(0)} ms`],
  ['cold runs ms', cold.map((c) => c.toFixed(0)).join(' ')],
];
const w = Math.max(...rows.map((r) => r[0].length));
console.log(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n'));
