// A batch through the user's executable (dist/authpack) runs the render pool in its own process, under the pool's
// V8 flags, and gives the same packets and report as `node dist/cli.js batch` (pool in a second process); report
// rows come back in input order whatever order the cases finish in, from disk, not from memory.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPARE_CPU_YOUNG_MB } from '../../src/batch/open-pool.js';
import { POOL_FLAGS } from '../../src/batch/pool-flags.js';
import type { ReportRow } from '../../src/batch/report.js';
import { RowSpool } from '../../src/batch/row-spool.js';
import { buildCase, ROOT, TODAY } from '../support/build-case.js';
import { mustRun, spawnAsync } from '../support/spawn-async.js';
import { makeTempDir, tsxEnv } from '../support/temp.js';

const row = (caseId: string): ReportRow => ({ caseId, input: `cases.ndjson:${caseId}`, payer: '', status: 'ok', exitCode: 0, output: `${caseId}.pdf`, pages: 1, bytes: 1, sha256: 'a', inputSha256: 'b', warnings: [], errors: [], ms: 1 });

describe('report rows of a running batch', () => {
  it('come back in input order when cases finish out of order', () => {
    const spool = new RowSpool(makeTempDir('spool'));
    for (const i of [2, 0, 3, 1]) spool.add(i, row(`C${i}`));
    expect(spool.rows().map((r) => r.caseId)).toEqual(['C0', 'C1', 'C2', 'C3']);
  });

  it('are kept in memory when the spool file cannot be written', () => {
    const file = path.join(makeTempDir('spool'), 'a-file');
    writeFileSync(file, '');
    const spool = new RowSpool(path.join(file, 'tmp'));
    for (const i of [1, 0]) spool.add(i, row(`C${i}`));
    expect(spool.rows().map((r) => r.caseId)).toEqual(['C0', 'C1']);
  });
});

describe('batch through dist/authpack', () => {
  // The launcher's choice, seen by a stand-in `node` first on PATH that prints the arguments it was given.
  const launched = (args: string[]) => {
    const bin = makeTempDir('fake-node');
    writeFileSync(path.join(bin, 'node'), '#!/bin/sh\necho "$@"\n', { mode: 0o755 });
    const r = spawnSync(path.join(ROOT, 'dist', 'authpack'), args, { encoding: 'utf8', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.trim();
  };
  const cli = path.join(ROOT, 'dist', 'cli.js');

  it('starts batch and serve under the pool flags, so the pool runs in the same process', () => {
    expect(launched(['batch', 'cases.ndjson', '-o', 'out'])).toBe(`${POOL_FLAGS.join(' ')} --max-semi-space-size=1 ${cli} batch cases.ndjson -o out`);
    expect(launched(['serve', '--port', '0'])).toBe(`${POOL_FLAGS.join(' ')} --max-semi-space-size=1 ${cli} serve --port 0`);
    expect(launched(['batch', 'x', '-o', 'o', '--concurrency', '64'])).toContain(POOL_FLAGS.join(' '));
  });

  it('starts queue work under the pool flags at any --concurrency (it counts its host once it runs, see the next test)', () => {
    expect(launched(['queue', 'work', '--concurrency', '1'])).toBe(`${POOL_FLAGS.join(' ')} --max-semi-space-size=1 ${cli} queue work --concurrency 1`);
    expect(launched(['queue', 'work', '--redis', 'redis://r', '--concurrency=1'])).toBe(`${POOL_FLAGS.join(' ')} --max-semi-space-size=1 ${cli} queue work --redis redis://r --concurrency=1`);
  });

  it('runs the pool where its flags fit: in this process when they match, in a process of its own when they do not', async () => {
    const dir = makeTempDir('pool-home');
    writeFileSync(path.join(dir, 'worker.cjs'), 'module.exports = () => ({ pid: process.pid, execArgv: process.execArgv });');
    const code = `import { openPool } from ${JSON.stringify(path.join(ROOT, 'src', 'batch', 'open-pool.ts'))};
const start = { filename: ${JSON.stringify(path.join(dir, 'worker.cjs'))}, threads: 1, idleTimeout: 1000, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 } };
const out = {};
for (const spareCpu of [true, false]) {
  const pool = openPool(start, { spareCpu });
  out[spareCpu ? 'spare' : 'full'] = { ...(await pool.run({})), main: process.pid };
  await pool.close();
}
console.log(JSON.stringify(out));`;
    writeFileSync(path.join(dir, 'main.mjs'), code);
    type Home = { pid: number; execArgv: string[]; main: number };
    const homes = async (flags: string[]) => JSON.parse(await mustRun(process.execPath, [...flags, '--import', 'tsx', path.join(dir, 'main.mjs')], { cwd: ROOT, env: tsxEnv() })) as { spare: Home; full: Home };
    // Under the flags (dist/authpack's queue work): a full host renders here; a CPU to spare, in a process without them.
    const flagged = await homes([...POOL_FLAGS]);
    expect(flagged.full.pid).toBe(flagged.full.main);
    expect(flagged.spare.pid).not.toBe(flagged.spare.main);
    expect(flagged.spare.execArgv).not.toContain(POOL_FLAGS[0]);
    // Without them (node dist/cli.js, the library): a CPU to spare renders here; a full host, in a process with them.
    const plain = await homes([]);
    expect(plain.spare.pid).toBe(plain.spare.main);
    expect(plain.full.pid).not.toBe(plain.full.main);
    expect(plain.full.execArgv).toEqual([...POOL_FLAGS]);
  });

  it('leaves the pool flags out when fewer workers than CPUs are asked for', () => {
    // On a machine with one CPU, one worker fills it: the flags stay.
    const flags = availableParallelism() > 1 ? '' : `${POOL_FLAGS.join(' ')} `;
    expect(launched(['batch', 'x', '-o', 'o', '--concurrency', '1'])).toBe(`${flags}--max-semi-space-size=1 ${cli} batch x -o o --concurrency 1`);
    expect(launched(['batch', 'x', '-o', 'o', '--concurrency=1'])).toBe(`${flags}--max-semi-space-size=1 ${cli} batch x -o o --concurrency=1`);
    expect(launched(['serve', '--workers', '1'])).toBe(`${flags}--max-semi-space-size=1 ${cli} serve --workers 1`);
  });

  /** new_space sizes of the main thread and of a one-thread pool's worker, both after allocating ~60 MB. */
  const youngSizes = async (flags: string[], spareCpu: boolean) => {
    const dir = makeTempDir('young');
    const newSpace = `const v8 = process.getBuiltinModule('node:v8'); let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i }); if (keep.length > 1e5) keep = []; } const size = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;`;
    writeFileSync(path.join(dir, 'worker.cjs'), `module.exports = () => { ${newSpace} return { size, asked: require('node:worker_threads').resourceLimits.maxYoungGenerationSizeMb }; };`);
    const code = `import { openPool } from ${JSON.stringify(path.join(ROOT, 'src', 'batch', 'open-pool.ts'))};
const pool = openPool({ filename: ${JSON.stringify(path.join(dir, 'worker.cjs'))}, threads: 1, idleTimeout: 1000, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 } }, { spareCpu: ${spareCpu} });
const worker = await pool.run({});
await pool.close();
${newSpace}
console.log(JSON.stringify({ main: size, worker: worker.size, asked: worker.asked }));`;
    // A file, not -e: the worker threads would inherit --input-type and refuse their own file.
    writeFileSync(path.join(dir, 'main.mjs'), code);
    return JSON.parse(await mustRun(process.execPath, [...flags, '--max-semi-space-size=1', '--import', 'tsx', path.join(dir, 'main.mjs')], { cwd: ROOT, env: tsxEnv() })) as { main: number; worker: number; asked: number };
  };

  it("keeps the main thread's young generation small and gives each worker its own", async () => {
    const out = await youngSizes([...POOL_FLAGS], false);
    expect(out.main).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(out.worker).toBeGreaterThan(8 * 1024 * 1024);
  });

  it('gives a worker a larger young generation when a CPU is left for V8\'s background threads', async () => {
    const [flagged, spare] = [await youngSizes([...POOL_FLAGS], false), await youngSizes([], true)];
    expect(spare.main).toBeLessThanOrEqual(2 * 1024 * 1024);
    // What the pool asks for (the sizes V8 reaches within it follow the garbage, not only the limit), and that the
    // main thread's small young generation does not hold the worker to 2 MB.
    expect(flagged.asked).toBe(16);
    expect(spare.asked).toBe(SPARE_CPU_YOUNG_MB);
    expect(spare.worker).toBeGreaterThan(8 * 1024 * 1024);
  });

  it('gives the same packets and report as node dist/cli.js batch', async () => {
    const dir = makeTempDir('one-process');
    cpSync(path.join(ROOT, 'samples', 'attachments'), path.join(dir, 'attachments'), { recursive: true });
    const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify(buildCase((c) => (c.caseId = `ONE-${i}`))));
    lines.splice(2, 0, '{"caseId": "BAD"}');
    writeFileSync(path.join(dir, 'cases.ndjson'), lines.join('\n'));
    const run = async (cmd: string, args: string[], out: string) => {
      const r = await spawnAsync(cmd, [...args, 'batch', 'cases.ndjson', '-o', out, '--date', TODAY, '--concurrency', '2', '--quiet'], { cwd: dir });
      expect(r.status, r.stderr).toBe(7);
      const report = JSON.parse(readFileSync(path.join(dir, out, 'report.json'), 'utf8')) as { cases: ReportRow[]; peakRssMiB: number };
      const packets = Object.fromEntries(readdirSync(path.join(dir, out)).filter((f) => f.endsWith('.pdf')).map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, out, f))).digest('hex')]));
      return { cases: report.cases.map(({ ms: _ms, ...r }) => r), packets, peak: report.peakRssMiB, csv: readFileSync(path.join(dir, out, 'report.csv'), 'utf8').replace(/,\d+\r?\n/g, ',ms\n') };
    };
    const one = await run(path.join(ROOT, 'dist', 'authpack'), [], 'one');
    const two = await run(process.execPath, [path.join(ROOT, 'dist', 'cli.js')], 'two');
    expect(Object.keys(one.packets)).toHaveLength(5);
    expect(one.packets).toEqual(two.packets);
    expect(one.cases).toEqual(two.cases);
    expect(one.cases.map((c) => c.caseId)).toEqual(['ONE-0', 'ONE-1', 'BAD', 'ONE-2', 'ONE-3', 'ONE-4']);
    expect(one.csv).toEqual(two.csv);
    expect(one.peak).toBeGreaterThan(0);
  });
});
