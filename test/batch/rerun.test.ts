// Running a batch again into the same folder: a plain rerun stops before rendering and changes nothing; --resume
// works after any earlier run (failed, without its report, without its journal) and re-renders exactly the cases
// whose case, attachments, payer profile, templates or options changed.
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runBatch, type BatchOptions } from '../../src/batch/run-batch.js';
import { OutputError } from '../../src/diagnostics/errors.js';
import { buildCase, ROOT, TODAY } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';

const SAMPLE_PDF = path.join(ROOT, 'samples', 'attachments', 'clinic-note-2026-11-18.pdf');

/** A folder with one NDJSON line per case; each case has its own attachment `att/<id>.pdf` (absent when `missing`). */
function setup(ids: string[], change: (c: Record<string, unknown>, id: string) => void = () => {}, missing: string[] = []) {
  const dir = makeTempDir('rerun');
  mkdirSync(path.join(dir, 'att'));
  for (const id of ids) if (!missing.includes(id)) cpSync(SAMPLE_PDF, path.join(dir, 'att', `${id}.pdf`));
  const lines = ids.map((id) =>
    JSON.stringify(
      buildCase((c) => {
        c.caseId = id;
        c.payer = 'generic-commercial';
        c.attachments = [{ file: `att/${id}.pdf`, kind: 'clinic-note', title: 'Clinic note' }];
        change(c, id);
      }),
    ),
  );
  writeFileSync(path.join(dir, 'cases.ndjson'), `${lines.join('\n')}\n`);
  const out = path.join(dir, 'out');
  const run = (extra: Partial<BatchOptions> = {}) => runBatch({ inputs: [path.join(dir, 'cases.ndjson')], outDir: out, concurrency: 2, ...extra, generate: { date: TODAY, ...extra.generate } });
  const statuses = async (extra: Partial<BatchOptions> = {}) => (await run(extra)).rows.map((r) => `${r.caseId}:${r.status}`);
  return { dir, out, run, statuses };
}

describe('batch reruns and --resume', () => {
  it('a plain rerun stops before rendering; --resume works after a failed run and without its report or journal', async () => {
    const { dir, out, run, statuses } = setup(['R-1', 'R-2', 'R-3'], undefined, ['R-3']);
    expect(await statuses()).toEqual(['R-1:ok', 'R-2:ok', 'R-3:failed']);
    const report = readFileSync(path.join(out, 'report.json'));
    const mtime = statSync(path.join(out, 'R-1.pdf')).mtimeMs;

    // Without --resume or --overwrite: exit 6 before anything renders, and nothing in the folder changes.
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).diagnostics[0]!.code).toBe('batch/outputs-exist');
    expect((err as OutputError).diagnostics[0]!.message).toMatch(/^2 of the packets this run would write already exist/);
    expect(readFileSync(path.join(out, 'report.json'))).toEqual(report);
    expect(statSync(path.join(out, 'R-1.pdf')).mtimeMs).toBe(mtime);

    // After the failed run: the failed case is rendered once its attachment is there, the others are skipped.
    cpSync(SAMPLE_PDF, path.join(dir, 'att', 'R-3.pdf'));
    expect(await statuses({ resume: true })).toEqual(['R-1:skipped', 'R-2:skipped', 'R-3:ok']);
    // The report before is kept.
    expect(readFileSync(path.join(out, 'report.previous.json'))).toEqual(report);

    // Without any report, the journal alone is enough; without the journal, the report is.
    rmSync(path.join(out, 'report.json'));
    rmSync(path.join(out, 'report.previous.json'));
    expect(await statuses({ resume: true })).toEqual(['R-1:skipped', 'R-2:skipped', 'R-3:skipped']);
    rmSync(path.join(out, '.authpack-journal.ndjson'));
    expect(await statuses({ resume: true })).toEqual(['R-1:skipped', 'R-2:skipped', 'R-3:skipped']);
    expect(statSync(path.join(out, 'R-1.pdf')).mtimeMs).toBe(mtime);

    // A file authpack did not write is never replaced by --resume.
    writeFileSync(path.join(out, 'R-2.pdf'), 'my own file');
    const rows = (await run({ resume: true })).rows;
    expect(rows.map((r) => r.status)).toEqual(['skipped', 'failed', 'skipped']);
    expect([rows[1]!.exitCode, rows[1]!.errors[0]!.code]).toEqual([6, 'batch/output-exists']);
    expect(readFileSync(path.join(out, 'R-2.pdf'), 'utf8')).toBe('my own file');
  });

  it('--resume re-renders exactly the cases whose attachments, payer profile, templates or options changed', async () => {
    const { dir, statuses } = setup(['K-1', 'K-2', 'K-3'], (c, id) => {
      if (id === 'K-3') c.payer = 'my-payer';
    });
    const payers = path.join(dir, 'payers');
    mkdirSync(path.join(payers, 'my-payer'), { recursive: true });
    const profile = readFileSync(path.join(ROOT, 'templates', 'payers', 'generic-commercial', 'profile.yaml'), 'utf8').replace('id: generic-commercial', 'id: my-payer');
    writeFileSync(path.join(payers, 'my-payer', 'profile.yaml'), profile);
    const templates = path.join(dir, 'templates');
    mkdirSync(templates);
    const opts = (generate: Record<string, unknown> = {}) => ({ resume: true, generate: { payerDirs: [payers], templateDirs: [templates], ...generate } });

    expect(await statuses(opts())).toEqual(['K-1:ok', 'K-2:ok', 'K-3:ok']);
    expect(await statuses(opts())).toEqual(['K-1:skipped', 'K-2:skipped', 'K-3:skipped']);
    // An attachment's bytes.
    cpSync(path.join(ROOT, 'samples', 'attachments', 'clinic-note-2026-11-16.pdf'), path.join(dir, 'att', 'K-1.pdf'));
    expect(await statuses(opts())).toEqual(['K-1:ok', 'K-2:skipped', 'K-3:skipped']);
    // The payer profile folder in use.
    appendFileSync(path.join(payers, 'my-payer', 'profile.yaml'), '# reviewed\n');
    expect(await statuses(opts())).toEqual(['K-1:skipped', 'K-2:skipped', 'K-3:ok']);
    // A template folder.
    writeFileSync(path.join(templates, 'plan.hbs'), readFileSync(path.join(ROOT, 'templates', 'shared', 'plan.hbs'), 'utf8'));
    expect(await statuses(opts())).toEqual(['K-1:ok', 'K-2:ok', 'K-3:ok']);
    // An option that changes the packet.
    expect(await statuses(opts({ attachments: 'list' }))).toEqual(['K-1:ok', 'K-2:ok', 'K-3:ok']);
    expect(await statuses(opts({ attachments: 'list' }))).toEqual(['K-1:skipped', 'K-2:skipped', 'K-3:skipped']);
    expect(await statuses(opts({ attachments: 'list', date: '2026-11-27' }))).toEqual(['K-1:ok', 'K-2:ok', 'K-3:ok']);
  });

  it('--resume re-renders a case whose signature image changed, with attachments merged or listed', async () => {
    const { dir, statuses } = setup(['S-1', 'S-2'], (c, id) => {
      if (id === 'S-1') (c.signature as { image?: string }).image = 'sig.png';
    });
    const image = path.join(ROOT, 'test', 'fixtures', 'signature.png');
    cpSync(image, path.join(dir, 'sig.png'));
    expect(await statuses({ resume: true })).toEqual(['S-1:ok', 'S-2:ok']);
    expect(await statuses({ resume: true })).toEqual(['S-1:skipped', 'S-2:skipped']);
    // Another picture under the same name: only the case that draws it is rendered again.
    const other = new PNG({ width: 100, height: 25 });
    other.data.fill(40);
    writeFileSync(path.join(dir, 'sig.png'), PNG.sync.write(other));
    expect(await statuses({ resume: true })).toEqual(['S-1:ok', 'S-2:skipped']);
    // Listed attachments: the image is still drawn, so still hashed.
    expect(await statuses({ resume: true, generate: { attachments: 'list' } })).toEqual(['S-1:ok', 'S-2:ok']);
    cpSync(image, path.join(dir, 'sig.png'));
    expect(await statuses({ resume: true, generate: { attachments: 'list' } })).toEqual(['S-1:ok', 'S-2:skipped']);
  });
});
