// `authpack fhir import` as a user runs it (the built CLI): files written owner-only, gaps as warnings, the report,
// the exit codes (3 bad input, 2 inline attachments without -o, 6 an existing case not replaced), and a round trip
// through validate and render.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { foreignStderr, runAuthpack } from '../support/run-cli.js';
import { ROOT } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';

const sample = (name: string) => path.join(ROOT, 'samples', 'fhir', name);
let dir: string;
beforeAll(() => {
  dir = makeTempDir('fhir-cli');
});

describe('authpack fhir import', () => {
  it('writes the case, its inline attachment and the report owner-only, and the case validates and renders', async () => {
    const out = path.join(dir, 'cpap.yaml');
    const report = path.join(dir, 'cpap-report.json');
    const r = await runAuthpack(['fhir', 'import', sample('cpap-initial.json'), '--with', sample('cpap-initial.with.yaml'), '-o', out, '--report', report]);
    expect(r.stderr).toMatch(/wrote .*cpap\.yaml: \d+ fields mapped, 0 resources or elements ignored .*, 0 to fill/);
    expect(foreignStderr(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    for (const f of [out, report, path.join(dir, 'cpap-attachments', 'home-sleep-test.pdf')]) expect(statSync(f).mode & 0o777).toBe(0o600);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.mapped).toContainEqual({ field: 'patient.memberId', from: 'Coverage/cpap-coverage (entry[2])', element: 'Coverage.subscriberId' });
    expect(json.gaps).toEqual([]);
    expect((await runAuthpack(['validate', out, '--date', '2026-11-20'])).code).toBe(0);
    const pdf = path.join(dir, 'cpap.pdf');
    const rendered = await runAuthpack(['render', out, '-o', pdf, '--date', '2026-11-20']);
    expect(rendered.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // Running again does not replace the case without --overwrite.
    const again = await runAuthpack(['fhir', 'import', sample('cpap-initial.json'), '-o', out]);
    expect(again.code).toBe(6);
    expect((await runAuthpack(['fhir', 'import', sample('cpap-initial.json'), '-o', out, '--overwrite'])).code).toBe(0);
  });

  it('prints the case on standard output and each gap as a warning naming the field, never an identity value', async () => {
    const r = await runAuthpack(['fhir', 'import', sample('gbm-initial.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Imported by `authpack fhir import` from gbm-initial\.json/);
    expect(r.stdout).toContain('rationale: null # TO FILL');
    expect(r.stderr).toContain('warning[fhir/gap]');
    expect(r.stderr).toContain('`necessity.rationale` is left to fill');
    for (const identity of ['Núñez', 'W123456789', '1961-04-02', '010 0101', 'Harbor View']) expect(r.stderr).not.toContain(identity);
  });

  it('exits 3 naming the resource and element of a malformed bundle, and 2 when inline attachments have nowhere to go', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'p9', gender: 'female', birthDate: '1958-02-30x' } }] }));
    const r = await runAuthpack(['fhir', 'import', bad]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error\[fhir\/invalid-resource\][\s\S]*Patient\/p9 \(entry\[0\]\)[\s\S]*Patient\.birthDate/);
    expect(r.stderr).not.toContain('1958');
    const inline = await runAuthpack(['fhir', 'import', sample('cpap-initial.json')]);
    expect(inline.code).toBe(2);
    expect(inline.stderr).toContain('error[fhir/needs-output]');
    const json = await runAuthpack(['fhir', 'import', bad, '--format', 'json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ code: 'fhir/invalid-resource', severity: 'error' })]);
  });
});
