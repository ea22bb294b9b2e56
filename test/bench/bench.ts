// `npm run bench`: each goal of the speed issue as a figure and a ratio measured in the same run (warm and cold
// beside Typst, batch scaling, bytes per page, growth), then the server under load.
// Lives outside the test suite on purpose: timings never gate tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, cpus as cpuList, release, totalmem } from 'node:os';
import { generatePacket, loadCase } from '../../src/index.js';
import { batchBench } from './batch-bench.js';
import { growth } from './growth.js';
import { queueBench } from './queue-bench.js';
import { serveLoad } from './serve-load.js';
import { bytesPerPage, coldVersusTypst, warmVersusTypst } from './warm-cold.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const sample = path.join(root, 'samples', 'long-history.yaml');
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);
const date = '2026-11-26';


const machine = `${cpuList()[0]?.model.trim() ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}`;
const check = (ok: boolean) => (ok ? '✓ met' : '✗ not met');

const rows: [string, string][] = [['machine', machine]];

// Goals 1, 2, 4 and 5 and the figures beside them (BENCH_GOALS=0 skips them, to run another part alone).
if (process.env.BENCH_GOALS !== '0') {
  // Goal 2 first, from a fresh parent: after the warm loops the parent's background GC skews new processes.
  const cold = coldVersusTypst(root, sample, date, COLD_RUNS);

  // Goal 1: the same packet content, authpack's library and Typst, warm, in alternating rounds.
  const warm = await warmVersusTypst(sample, date, RUNS);

  // Goal 4: bytes per generated page, every sample with its enclosures listed.
  const perSample = await bytesPerPage(root, date);
  const allBytes = perSample.reduce((a, s) => a + s.bytes, 0);
  const allPages = perSample.reduce((a, s) => a + s.pages, 0);
  const allFontBytes = perSample.reduce((a, s) => a + s.fontBytes, 0);

  // Goal 5: time against the length of the therapy history.
  const growthRows = await growth(sample, date);
  const perPage = growthRows.map((g) => g.ms / g.pages);

  const { raw, source, baseDir } = loadCase(sample);
  const peakRss = process.resourceUsage().maxRSS / 1024;

  // The same case with its attachments merged, as `npm run demo` renders it.
  const MERGED_RUNS = Math.max(1, Math.round(RUNS / 4));
  const mergedFirst = await generatePacket(raw, { source, baseDir, date });
  const mergedStart = performance.now();
  for (let i = 0; i < MERGED_RUNS; i++) await generatePacket(raw, { source, baseDir, date });
  const mergedSeconds = (performance.now() - mergedStart) / 1000;

  rows.push(
    ['content', `${path.relative(process.cwd(), sample)}: cover, index, letter, ${(raw as { priorTherapies: unknown[] }).priorTherapies.length}-row history; enclosures listed`],
    ['GOAL 1 warm, one process', ''],
    ['  authpack library', `${warm.authpack.toFixed(1)} packets/s (${warm.pages} pages, ${(warm.bytes / 1024).toFixed(1)} KiB)`],
    ['  Typst, same content', `${warm.typst.toFixed(1)} documents/s (${warm.typstPages} pages, ${(warm.typstBytes / 1024).toFixed(1)} KiB)`],
    ['  authpack / Typst', `${(warm.authpack / warm.typst).toFixed(2)}× (goal ≥ 2×) ${check(warm.authpack >= 2 * warm.typst)}`],
    [`GOAL 2 cold, a new process (median of ${cold.runs})`, ''],
    ['  node -e 0', `${cold.node.toFixed(0)} ms`],
    ['  authpack render (dist/authpack)', `${cold.authpack.toFixed(0)} ms (${(cold.authpack / cold.node).toFixed(2)}× node -e 0, goal ≤ 2.5× ${check(cold.authpack <= 2.5 * cold.node)})`],
    ['  Typst, same content', `${cold.typst.toFixed(0)} ms: authpack / Typst ${(cold.authpack / cold.typst).toFixed(2)}× (goal ≤ 1×) ${check(cold.authpack <= cold.typst)}`],
    ['  authpack, attachments merged', `${cold.authpackMerged.toFixed(0)} ms (${mergedFirst.pages} pages)`],
    ['  authpack without the snapshot', `${cold.authpackNoSnapshot.toFixed(0)} ms (node dist/cli.js render)`],
    ['GOAL 4 bytes per generated page', ''],
    ['  long-history (the content above)', `${(warm.bytes / warm.pages).toFixed(0)} B/page (goal ≤ 6000) ${check(warm.bytes / warm.pages <= 6000)}`],
    ...perSample.map((s): [string, string] => [`  ${s.name}`, `${(s.bytes / s.pages).toFixed(0)} B/page (${s.pages} pages, ${s.bytes} bytes, fonts ${s.fontBytes} of them)`]),
    ['  all samples', `${(allBytes / allPages).toFixed(0)} B/page; without the embedded font programs ${((allBytes - allFontBytes) / allPages).toFixed(0)} B/page`],
    ['GOAL 5 growth (therapy rows)', ''],
    ...growthRows.map((g, i): [string, string] => [`  ${g.rows} rows`, `${g.pages} pages, ${g.ms.toFixed(1)} ms per packet, ${perPage[i]!.toFixed(2)} ms per page`]),
    ['  ms per page, 1,000 rows / 10 rows', `${(perPage[perPage.length - 1]! / perPage[0]!).toFixed(2)} (linear: about 1; goal ≤ 1.5) ${check(perPage[perPage.length - 1]! / perPage[0]! <= 1.5)}`],
    ['OTHER FIGURES', ''],
    ['  peak RSS after the warm loops', `${peakRss.toFixed(0)} MiB`],
    ['  long-history, attachments merged', `${mergedFirst.pages} pages, ${(mergedFirst.bytes.length / 1024).toFixed(1)} KiB, ${(MERGED_RUNS / mergedSeconds).toFixed(1)} packets/s`],
  );

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



  rows.push(
    ['  packet with attachments', `${bigFirst.pages} pages, ${bigRaw.attachments.length} attachments, ${(bigFirst.bytes.length / 1024).toFixed(0)} KiB`],
    ['    packets per second', (BIG_RUNS / bigSeconds).toFixed(1)],
    ['    pages per second', ((BIG_RUNS * bigFirst.pages) / bigSeconds).toFixed(0)],
    ['    peak RSS (whole run)', `${bigRss.toFixed(0)} MiB`],
  );
}

// `authpack batch` on generated cases: 1 vs 2 workers, the machine's ceiling, the library's warm rate, peak RSS
// (BENCH_BATCH=0 skips it).
if (process.env.BENCH_BATCH !== '0') rows.push(...(await batchBench(root, date)));

// The HTTP server under load (BENCH_SERVE=0 skips it).
if (process.env.BENCH_SERVE !== '0') rows.push(...(await serveLoad(root, date)));

// Queue mode against local batch on a local Redis (BENCH_QUEUE=0 skips it).
if (process.env.BENCH_QUEUE !== '0') rows.push(...(await queueBench(root, date)));

const w = Math.max(...rows.map((r) => r[0].length));
console.log(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n'));
