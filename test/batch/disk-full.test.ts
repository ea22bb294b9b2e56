// A batch onto a disk that fills up (a 200 kB tmpfs in a private mount namespace): the cases that cannot be written
// fail with exit 6 in their rows and are not recorded as done; once there is room, --resume renders exactly them,
// and the folder ends up the same as after a run that never failed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { longPdf } from '../hostile/make-batch.js';
import { buildCase, TODAY } from '../support/build-case.js';
import { BIN } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';
import { spawnAsync } from '../support/spawn-async.js';

interface Report {
  cases: { caseId: string; status: string; exitCode: number; sha256: string | null; errors: { code: string }[] }[];
}

const hashes = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]));

describe('a batch onto a full disk', () => {
  it('fails the packets that do not fit with exit 6, never records them, and --resume renders them once there is room', async () => {
    const dir = makeTempDir('disk-full');
    const cases = path.join(dir, 'cases.ndjson');
    // Three packets of about 46 kB fit; two of about 230 kB (a 200-page attachment) never do; the report still fits.
    writeFileSync(path.join(dir, 'long.pdf'), longPdf(200));
    const small = (id: string) => JSON.stringify(buildCase((c) => ((c.caseId = id), (c.payer = 'generic-commercial'), (c.attachments = []))));
    const large = (id: string) => JSON.stringify(buildCase((c) => ((c.caseId = id), (c.payer = 'generic-commercial'), (c.attachments = [{ file: 'long.pdf', kind: 'other', title: 'Long record' }]))));
    writeFileSync(cases, [small('F-1'), small('F-2'), small('F-3'), large('L-1'), large('L-2')].join('\n'));
    const out = path.join(dir, 'out');
    const keep = path.join(dir, 'keep');
    mkdirSync(out);
    mkdirSync(keep);
    const batch = `"${process.execPath}" "${BIN}" batch "${cases}" -o "${out}" --date ${TODAY} --concurrency 2 --quiet`;
    // Inside the namespace: a full run, a copy of what it left, more room, then --resume; the tmpfs goes with it.
    const script = [
      `mount -t tmpfs -o size=200k tmpfs "${out}"`,
      `${batch} 2>"${keep}/first.err"; echo $? > "${keep}/first.code"`,
      `cp "${out}/report.json" "${keep}/first.json"`,
      `ls -A "${out}" > "${keep}/first.ls"`,
      `mount -o remount,size=4m "${out}"`,
      `${batch} --resume 2>"${keep}/second.err"; echo $? > "${keep}/second.code"`,
      `cp "${out}/report.json" "${keep}/second.json"`,
      `mkdir "${keep}/pdf" && cp "${out}"/*.pdf "${keep}/pdf/"`,
      `ls -A "${out}" > "${keep}/second.ls"`,
    ].join(' && ');
    const r = await spawnAsync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script]);
    expect(r.status, r.stderr).toBe(0);
    const read = (f: string) => readFileSync(path.join(keep, f), 'utf8');

    expect(read('first.code').trim(), read('first.err')).toBe('7');
    const first = JSON.parse(read('first.json')) as Report;
    expect(first.cases.map((c) => [c.caseId, c.status, c.exitCode, c.errors[0]?.code ?? ''])).toEqual([
      ['F-1', 'ok', 0, ''],
      ['F-2', 'ok', 0, ''],
      ['F-3', 'ok', 0, ''],
      ['L-1', 'failed', 6, 'write/not-writable'],
      ['L-2', 'failed', 6, 'write/not-writable'],
    ]);
    expect(read('first.err')).toContain('the disk is full');
    // Only whole packets were left, each one the report says was written.
    expect(read('first.ls').split('\n').filter((f) => f.endsWith('.pdf')).sort()).toEqual(first.cases.filter((c) => c.status === 'ok').map((c) => `${c.caseId}.pdf`).sort());
    expect(read('first.ls')).not.toContain('.authpack-tmp');

    expect(read('second.code').trim(), read('second.err')).toBe('0');
    const second = JSON.parse(read('second.json')) as Report;
    expect(second.cases.map((c) => c.status)).toEqual(first.cases.map((c) => (c.status === 'ok' ? 'skipped' : 'ok')));
    expect(read('second.ls')).not.toContain('.authpack-tmp');

    const clean = path.join(dir, 'clean');
    expect((await spawnAsync(process.execPath, [BIN, 'batch', cases, '-o', clean, '--date', TODAY, '--concurrency', '2', '--quiet'])).status).toBe(0);
    expect(hashes(path.join(keep, 'pdf'))).toEqual(hashes(clean));
  });
});
