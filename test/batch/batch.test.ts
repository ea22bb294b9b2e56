// Batch runs: mixed good and bad cases, CSV and NDJSON inputs, the report, duplicates, and kill-then-resume.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { spawnAsync } from '../support/spawn-async.js';
import { stringify } from 'yaml';
import { outputName, sanitize } from '../../src/batch/output-name.js';
import { rowToCase } from '../../src/batch/row-to-case.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { InputError } from '../../src/diagnostics/errors.js';
import { buildCase, ROOT, TODAY } from '../support/build-case.js';

const BIN = path.join(ROOT, 'dist', 'cli.js');

/** A folder with the samples' attachments, for cases whose attachment paths are relative to it. */
function workdir(): string {
  const dir = makeTempDir('batch');
  cpSync(path.join(ROOT, 'samples', 'attachments'), path.join(dir, 'attachments'), { recursive: true });
  return dir;
}

const hashes = (dir: string) =>
  Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]));

describe('batch building blocks', () => {
  it('reads CSV rows with dotted paths into typed cases', () => {
    const c = rowToCase({ caseId: 'A', 'request.requestedMonths': '3', 'clinical.supratentorial': 'yes', 'items.0.modifiers': 'KF; KX', 'priorTherapies.1.name': 'RT', 'patient.memberId': '00123', 'clinical.performance.kps': '', version: '1' });
    expect(c).toEqual({ caseId: 'A', version: 1, request: { requestedMonths: 3 }, clinical: { supratentorial: true }, items: [{ modifiers: ['KF', 'KX'] }], priorTherapies: [undefined, { name: 'RT' }], patient: { memberId: '00123' } });
  });

  it('names outputs from a template, safely', () => {
    expect(outputName('{caseId}.pdf', { caseId: 'PA-1' })).toBe('PA-1.pdf');
    expect(outputName('{payer}/{caseId}', { caseId: 'PA-1', payer: 'aetna-cpb-0827' })).toBe('aetna-cpb-0827/PA-1.pdf');
    expect(outputName('{patient.lastName}-{caseId}.pdf', { caseId: '../x', patient: { lastName: 'Núñez/Łukasz' } })).toBe('Nunez_ukasz-x.pdf');
    expect(sanitize('..')).toBe('_');
  });
});

describe('authpack batch', () => {
  it('renders good cases, reports bad ones with their exit codes, and exits 7', async () => {
    const dir = workdir();
    const cases = path.join(dir, 'cases');
    mkdirSync(cases);
    writeFileSync(path.join(cases, 'a.yaml'), stringify(buildCase((c) => (c.caseId = 'B-1'))));
    writeFileSync(path.join(cases, 'b.yaml'), stringify(buildCase((c) => ((c.caseId = 'B-2'), (c.prescriber.npi = '1234567890')))));
    writeFileSync(path.join(cases, 'c.yaml'), stringify(buildCase((c) => ((c.caseId = 'B-3'), (c.attachments[0].file = 'attachments/nope.pdf')))));
    writeFileSync(path.join(cases, 'd.yaml'), stringify(buildCase((c) => ((c.caseId = 'B-4'), (c.items[0].hcpcs = 'E0711')))));
    cpSync(path.join(dir, 'attachments'), path.join(cases, 'attachments'), { recursive: true });
    const out = path.join(dir, 'out');
    const r = await spawnAsync(process.execPath, [BIN, 'batch', cases, '-o', out, '--date', TODAY, '--concurrency', '2']);
    expect(r.status).toBe(7);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { ok: number; failed: number; cases: { caseId: string; status: string; exitCode: number; input: string; sha256: string | null; errors: { code: string }[] }[] };
    expect(report.cases.map((c) => [c.caseId, c.status, c.exitCode])).toEqual([
      ['B-1', 'ok', 0],
      ['B-2', 'failed', 3],
      ['B-3', 'failed', 3],
      ['B-4', 'failed', 4],
    ]);
    expect(report.cases[2]!.errors[0]!.code).toBe('validate/attachment-missing');
    expect(report.cases[0]!.sha256).toBe(hashes(out)['B-1.pdf']);
    expect(readdirSync(out).sort()).toEqual(['.authpack-journal.ndjson', 'B-1.pdf', 'report.csv', 'report.json']);
    expect(readFileSync(path.join(out, 'report.csv'), 'utf8').split('\n')[0]).toBe('caseId,input,payer,status,exitCode,output,pages,bytes,sha256,warnings,errors,ms');
    expect(r.stderr).toContain('1 written, 0 skipped (unchanged), 3 failed of 4 cases');
  });

  it('reads CSV and NDJSON, reporting an unparsable NDJSON line by its line number', async () => {
    const dir = workdir();
    const ndjson = path.join(dir, 'day.ndjson');
    const noId = buildCase((c) => delete c.caseId);
    writeFileSync(ndjson, [JSON.stringify(buildCase((c) => (c.caseId = 'N-1'))), '{ not json', '', JSON.stringify(buildCase((c) => (c.caseId = 'N-2'))), '[broken', JSON.stringify(noId), JSON.stringify(noId)].join('\n'));
    const summary = await runBatch({ inputs: [ndjson, path.join(ROOT, 'samples', 'batch-cases.csv')], outDir: path.join(dir, 'out'), concurrency: 2, generate: { date: TODAY } });
    expect(summary.rows.map((r) => [r.input.replace(/^.*[\\/]/, ''), r.status])).toEqual([
      ['day.ndjson:1', 'ok'],
      ['day.ndjson:2', 'failed'],
      ['day.ndjson:4', 'ok'],
      ['day.ndjson:5', 'failed'],
      ['day.ndjson:6', 'failed'],
      ['day.ndjson:7', 'failed'],
      ['batch-cases.csv:2', 'ok'],
      ['batch-cases.csv:3', 'ok'],
      ['batch-cases.csv:4', 'ok'],
    ]);
    expect(summary.rows[1]!.errors[0]!.code).toBe('load/unparsable');
    expect(summary.rows[5]!.errors[0]!.code).toBe('validate/missing-field');
  });

  it('refuses duplicate case ids before rendering anything', async () => {
    const dir = workdir();
    const ndjson = path.join(dir, 'dup.ndjson');
    writeFileSync(ndjson, [JSON.stringify(buildCase((c) => (c.caseId = 'D-1'))), JSON.stringify(buildCase((c) => (c.caseId = 'D-1')))].join('\n'));
    const out = path.join(dir, 'out');
    await expect(runBatch({ inputs: [ndjson], outDir: out, generate: { date: TODAY } })).rejects.toBeInstanceOf(InputError);
    expect(existsSync(out)).toBe(false);
  });

  it('killed mid-run leaves only complete packets; --resume then matches an uninterrupted run byte for byte', async () => {
    const dir = workdir();
    const ndjson = path.join(dir, 'many.ndjson');
    writeFileSync(ndjson, Array.from({ length: 24 }, (_, i) => JSON.stringify(buildCase((c) => (c.caseId = `K-${String(i).padStart(2, '0')}`)))).join('\n'));
    const out = path.join(dir, 'killed');
    const args = [BIN, 'batch', ndjson, '-o', out, '--date', TODAY, '--concurrency', '2', '--quiet'];
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(out) && readdirSync(out).filter((f) => f.endsWith('.pdf')).length >= 4) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await new Promise((r) => child.once('exit', r));
    const written = readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(24);
    for (const f of written) {
      const bytes = readFileSync(path.join(out, f));
      expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
      expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(0);
    }
    const resume = await spawnAsync(process.execPath, [...args, '--resume']);
    expect(resume.status, resume.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { total: number; cases: { status: string }[] };
    expect(report.cases).toHaveLength(24);
    expect(report.cases.filter((c) => c.status === 'skipped').length).toBeGreaterThan(0);
    expect(report.cases.every((c) => c.status !== 'failed')).toBe(true);

    const clean = path.join(dir, 'clean');
    expect((await spawnAsync(process.execPath, [BIN, 'batch', ndjson, '-o', clean, '--date', TODAY, '--concurrency', '2', '--quiet'])).status).toBe(0);
    expect(hashes(out)).toEqual(hashes(clean));
    expect(Object.keys(hashes(out))).toHaveLength(24);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual(['.authpack-journal.ndjson']);
  });
});
