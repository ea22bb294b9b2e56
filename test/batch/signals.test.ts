// Stopping a batch: the first Ctrl-C or SIGTERM stops taking cases, gives those in flight a short grace, cancels
// the rest and writes the report; the second quits at once. Either way no temp file is left and --resume finishes.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/run-batch.js';
import { longPdf } from '../hostile/make-batch.js';
import { buildCase, TODAY } from '../support/build-case.js';
import { BIN } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';

/** Four cases, each with a 300-page attachment (a few seconds each to render). */
function slowCases(): { dir: string; cases: string; out: string } {
  const dir = makeTempDir('signals');
  const cases = path.join(dir, 'cases');
  mkdirSync(cases);
  writeFileSync(path.join(cases, 'long.pdf'), longPdf(300));
  for (let i = 1; i <= 4; i++) {
    writeFileSync(path.join(cases, `s${i}.yaml`), stringify(buildCase((c) => ((c.caseId = `S-${i}`), (c.payer = 'generic-commercial'), (c.attachments = [{ file: 'long.pdf', kind: 'other', title: 'Long record' }])))));
  }
  return { dir, cases, out: path.join(dir, 'out') };
}

/** Resolves once the run has started its workers (the journal is opened just before), plus `ms`. */
function whenRendering(out: string, ms = 300): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (existsSync(path.join(out, '.authpack-journal.ndjson'))) {
        clearInterval(poll);
        setTimeout(resolve, ms);
      }
    }, 20);
  });
}

interface Report {
  interrupted: boolean;
  cancelled: number;
  notStarted: number;
  cases: { caseId: string; status: string; exitCode: number; errors: { code: string }[] }[];
}

describe('stopping a batch', () => {
  it('a stop signal cancels the cases still rendering after the grace, reports them, and --resume renders them', async () => {
    const { cases, out } = slowCases();
    const stop = new AbortController();
    // Each case takes seconds; one second after the workers start, the first two are still rendering.
    void whenRendering(out, 1_000).then(() => stop.abort());
    const summary = await runBatch({ inputs: [cases], outDir: out, concurrency: 2, graceMs: 50, signal: stop.signal, generate: { date: TODAY } });
    expect(summary.interrupted).toBe(true);
    expect(summary.cancelled).toBeGreaterThanOrEqual(1);
    expect(summary.cancelled + summary.notStarted).toBe(4);
    expect(summary.rows.map((r) => [r.status, r.exitCode, r.errors[0]?.code])).toEqual(summary.rows.map(() => ['interrupted', 130, 'batch/interrupted']));
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    expect([report.interrupted, report.cancelled, report.notStarted, report.cases.length]).toEqual([true, summary.cancelled, summary.notStarted, summary.cancelled]);
    expect(existsSync(path.join(out, '.authpack-tmp'))).toBe(false);

    const resumed = await runBatch({ inputs: [cases], outDir: out, concurrency: 2, resume: true, generate: { date: TODAY } });
    expect(resumed.rows.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('SIGTERM once: exit 143 after the grace, with the report; SIGINT twice: exit 130 at once, no report, nothing temporary', async () => {
    const run = async (signals: NodeJS.Signals[], out: string, cases: string) => {
      const child = spawn(process.execPath, [BIN, 'batch', cases, '-o', out, '--date', TODAY, '--concurrency', '2', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await whenRendering(out);
      let last = 0;
      for (const s of signals) {
        child.kill(s);
        last = performance.now();
        await new Promise((r) => setTimeout(r, 100));
      }
      const code = await exited;
      return { code, afterLastSignalMs: performance.now() - last, stderr };
    };

    const once = slowCases();
    const term = await run(['SIGTERM'], once.out, once.cases);
    expect(term.code, term.stderr).toBe(143);
    // 5 s of grace for the cases in flight, then the report.
    expect(term.afterLastSignalMs).toBeLessThan(9_000);
    expect(term.stderr).toContain('authpack batch: stopping');
    const report = JSON.parse(readFileSync(path.join(once.out, 'report.json'), 'utf8')) as Report;
    expect(report.interrupted).toBe(true);
    expect(report.cases.every((c) => c.status === 'ok' || c.status === 'interrupted')).toBe(true);
    expect(report.cases.length + report.notStarted).toBe(4);
    expect(existsSync(path.join(once.out, '.authpack-tmp'))).toBe(false);

    const twice = slowCases();
    const int = await run(['SIGINT', 'SIGINT'], twice.out, twice.cases);
    expect(int.code, int.stderr).toBe(130);
    expect(int.afterLastSignalMs).toBeLessThan(3_000);
    expect(existsSync(path.join(twice.out, '.authpack-tmp'))).toBe(false);
    expect(existsSync(path.join(twice.out, 'report.json'))).toBe(false);
    expect(existsSync(path.join(twice.out, '.authpack-journal.ndjson'))).toBe(true);
  });
});
