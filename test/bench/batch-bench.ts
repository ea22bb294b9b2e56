// The batch part of `npm run bench` (issue 13, goal 3): `authpack batch` on generated cases at one worker and at two,
// each as a new process as a user runs it (dist/authpack); the machine's own two-core ceiling (two plain CPU-bound
// node processes); one worker against the library's warm rate on the same cases; and peak RSS at 1,000 and 10,000
// cases.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePacket, loadCase } from '../../src/index.js';

const CASES = Number(process.env.BENCH_BATCH_CASES ?? 1000);
const LARGE = Number(process.env.BENCH_BATCH_LARGE ?? 10_000);
const WARM_CASES = Number(process.env.BENCH_BATCH_WARM ?? 200);

interface Report {
  seconds: number;
  ok: number;
  failed: number;
  peakRssMiB: number;
}

/** Rows for the bench table; `root` is the package folder, `date` the packet date. */
export async function batchBench(root: string, date: string): Promise<[string, string][]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'authpack-bench-batch-'));
  try {
    const { caseAt, input } = generatedCases(root, dir);
    const all = input('cases', 0, CASES);
    const one = input('one', 0, 1);

    /**
     * Runs `authpack batch` as a user does, through the `authpack` executable (dist/authpack: one process, the
     * render pool's worker threads in it); its report gives the time and the peak RSS.
     */
    let runs = 0;
    const batch = (file: string, concurrency: number): Report => {
      const out = path.join(dir, `out-${runs++}`);
      const r = spawnSync(path.join(root, 'dist', 'authpack'), ['batch', file, '-o', out, '--date', date, '--concurrency', String(concurrency), '--quiet'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`batch bench failed (exit ${r.status}): ${r.stderr}`);
      const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
      rmSync(out, { recursive: true, force: true });
      return report;
    };
    // Start-up (the pool's process, its workers loading fonts and templates) is paid once per run: a 1-case run
    // measures it, and the rate is taken on the rest, as the issue measured it.
    const rate = (run: Report, start: Report) => (CASES - 1) / Math.max(0.001, run.seconds - start.seconds);
    // Interleaved (1, 2, 1, 2) so that load from elsewhere on the machine falls on both alike; the better of each.
    const startOne = batch(one, 1);
    const startTwo = batch(one, 2);
    const ones: Report[] = [];
    const twos: Report[] = [];
    for (let k = 0; k < 2; k++) {
      ones.push(batch(all, 1));
      twos.push(batch(all, 2));
    }
    const single = ones.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    const double = twos.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    const oneRate = rate(single, startOne);
    const twoRate = rate(double, startTwo);
    const ceiling = await plainCeiling();
    const warm = await libraryWarmRate(caseAt, dir, date);
    const large = LARGE > 0 ? batch(input('large', 0, LARGE), 2) : undefined;
    rmSync(path.join(dir, 'large.ndjson'), { force: true });

    const rows: [string, string][] = [
      [`batch of ${CASES} generated cases`, `${single.ok} written, ${single.failed} failed; rates exclude start-up (a 1-case run: ${startOne.seconds.toFixed(2)} s at 1 worker, ${startTwo.seconds.toFixed(2)} s at 2)`],
      ['  concurrency 1', `${oneRate.toFixed(1)} packets/s (${single.seconds.toFixed(1)} s), peak RSS ${single.peakRssMiB} MiB; runs ${ones.map((r) => r.seconds.toFixed(1)).join(', ')} s`],
      ['  concurrency 2', `${twoRate.toFixed(1)} packets/s (${double.seconds.toFixed(1)} s), peak RSS ${double.peakRssMiB} MiB; runs ${twos.map((r) => r.seconds.toFixed(1)).join(', ')} s`],
      ['  speed-up, 2 workers / 1 (goal ≥ 1.7×)', `${(twoRate / oneRate).toFixed(2)}×`],
      ['  ceiling: 2 plain CPU-bound node processes / 1', `${ceiling.toFixed(2)}×`],
      [`  library warm rate, same cases (first ${WARM_CASES})`, `${warm.toFixed(1)} packets/s`],
      ['  1 worker / library warm (goal ≥ 0.90)', (oneRate / warm).toFixed(2)],
    ];
    if (large) {
      rows.push(
        [`  peak RSS, ${CASES} vs ${LARGE} cases at 2 workers (goal: within 10 %, ≤ 300 MiB)`, `${double.peakRssMiB} vs ${large.peakRssMiB} MiB: ${(large.peakRssMiB / double.peakRssMiB).toFixed(2)}× (${((large.peakRssMiB / double.peakRssMiB - 1) * 100).toFixed(1)} %); ${LARGE} cases in ${large.seconds.toFixed(0)} s, ${large.failed} failed`],
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bench's generated cases, with the samples' attachments copied into `dir`: `caseAt(i)` is the i-th case (the
 * samples in turn: varied payers, attachments merged; long histories 10 to 45 rows), `input(name, from, count)`
 * writes cases from..from+count-1 to `dir/name.ndjson` and returns its path. The queue bench uses the same cases.
 */
export function generatedCases(root: string, dir: string) {
  cpSync(path.join(root, 'samples', 'attachments'), path.join(dir, 'attachments'), { recursive: true });
  const bases = ['gbm-initial', 'gbm-continuation', 'long-history', 'attachments-demo'].map((n) => loadCase(path.join(root, 'samples', `${n}.yaml`)).raw as Record<string, unknown> & { priorTherapies: unknown[] });
  const caseAt = (i: number) => {
    const c = structuredClone(bases[i % bases.length]!);
    c.caseId = `BENCH-${String(i).padStart(5, '0')}`;
    if (c.priorTherapies.length > 20) c.priorTherapies = c.priorTherapies.slice(0, 10 + (i % 36));
    return c;
  };
  const input = (name: string, from: number, count: number) => {
    const file = path.join(dir, `${name}.ndjson`);
    writeFileSync(file, Array.from({ length: count }, (_, k) => JSON.stringify(caseAt(from + k))).join('\n'));
    return file;
  };
  return { caseAt, input };
}

/** Packets per second of generatePacket in this process, after one untimed pass over the same cases. */
async function libraryWarmRate(caseAt: (i: number) => unknown, baseDir: string, date: string): Promise<number> {
  const cases = Array.from({ length: WARM_CASES }, (_, i) => caseAt(i));
  for (const c of cases.slice(0, 8)) await generatePacket(c, { baseDir, date });
  const t = performance.now();
  for (const c of cases) await generatePacket(c, { baseDir, date });
  return cases.length / ((performance.now() - t) / 1000);
}

/** How much faster two CPU-bound node processes finish a fixed amount of work than one does it twice. */
async function plainCeiling(): Promise<number> {
  const work = 'let x = 0; for (let i = 0; i < 6e8; i++) x = (x + i * 7) % 1000003; if (x < 0) console.log(x);';
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', work], { stdio: 'ignore' });
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`node -e exited ${code}`))));
    });
  let t = performance.now();
  await run();
  await run();
  const sequential = performance.now() - t;
  t = performance.now();
  await Promise.all([run(), run()]);
  return sequential / (performance.now() - t);
}
