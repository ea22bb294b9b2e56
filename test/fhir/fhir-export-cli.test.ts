// `authpack fhir export` and `render --fhir` as a user runs them (the built CLI): the files written, their mode,
// byte-identical output for the same date, and the exit codes for bad input and refused targets.
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { foreignStderr, runAuthpack } from '../support/run-cli.js';
import { buildCase, ROOT, samplePath, TODAY } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';

const work = makeTempDir('fhir-export');
// Case files written here refer to the samples' attachments by relative path.
cpSync(path.join(ROOT, 'samples', 'attachments'), path.join(work, 'attachments'), { recursive: true });

describe('authpack fhir export', () => {
  it('exit 0: writes the PAS bundle, owner-readable, the same bytes for the same date, naming no patient', async () => {
    const out = path.join(work, 'a', 'pas.json');
    const r = await runAuthpack(['fhir', 'export', samplePath('gbm-initial.yaml'), '-o', out, '--date', '2026-08-12']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote .*pas\.json \(PAS request bundle: \d+ resources, packet of \d+ pages inline/);
    expect(foreignStderr(r.stderr)).toEqual([]);
    expect(r.stderr).not.toContain('Núñez');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const first = readFileSync(out);
    const bundle = JSON.parse(first.toString('utf8'));
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry[0].resource.resourceType).toBe('Claim');
    const again = await runAuthpack(['fhir', 'export', samplePath('gbm-initial.yaml'), '-o', out, '--date', '2026-08-12']);
    expect(again.code).toBe(0);
    expect(readFileSync(out).equals(first)).toBe(true);
  });

  it('exit 3: an appeal case is not a PAS request, and nothing is written (also with render --fhir)', async () => {
    const out = path.join(work, 'appeal.json');
    const r = await runAuthpack(['fhir', 'export', samplePath('ttf-appeal-aetna.yaml'), '-o', out, '--date', '2026-08-17']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('fhir/appeal-not-pas');
    expect(r.stderr).toContain('request.kind');
    expect(() => statSync(out)).toThrow();
    const pdf = path.join(work, 'appeal.pdf');
    const rendered = await runAuthpack(['render', samplePath('ttf-appeal-aetna.yaml'), '-o', pdf, '--fhir', out, '--date', '2026-08-17']);
    expect(rendered.code).toBe(3);
    expect(() => statSync(pdf)).toThrow();
    expect(() => statSync(out)).toThrow();
  });

  it('exit 3: an invalid case writes nothing', async () => {
    const bad = path.join(work, 'bad.yaml');
    writeFileSync(bad, stringify(buildCase((c) => (c.prescriber.npi = '1234567890'))));
    const out = path.join(work, 'bad.json');
    const r = await runAuthpack(['fhir', 'export', bad, '-o', out, '--date', TODAY]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('prescriber.npi');
    expect(() => statSync(out)).toThrow();
  });

  it('exit 2: -o is required; exit 6: the case file itself is never the target', async () => {
    expect((await runAuthpack(['fhir', 'export', samplePath('gbm-initial.yaml')])).code).toBe(2);
    const caseFile = path.join(work, 'self.yaml');
    writeFileSync(caseFile, stringify(buildCase((c) => (c.attachments = []))));
    const r = await runAuthpack(['fhir', 'export', caseFile, '-o', caseFile, '--date', TODAY]);
    expect(r.code).toBe(6);
    expect(readFileSync(caseFile, 'utf8')).toContain('caseId');
  });
});

describe('authpack render --fhir', () => {
  it('writes the packet and the bundle that carries the same packet bytes', async () => {
    const pdf = path.join(work, 'r', 'packet.pdf');
    const json = path.join(work, 'r', 'pas.json');
    const r = await runAuthpack(['render', samplePath('lumbar-mri.yaml'), '-o', pdf, '--fhir', json, '--date', '2026-11-20']);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(readFileSync(json, 'utf8'));
    const packetDoc = bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'DocumentReference').resource;
    expect(Buffer.from(packetDoc.content[0].attachment.data, 'base64').equals(readFileSync(pdf))).toBe(true);
    expect(statSync(json).mode & 0o777).toBe(0o600);
  });
});

describe('the bundle target', () => {
  it('exit 6: an existing file that is not JSON is not replaced without --overwrite; with it, it is', async () => {
    const caseFile = path.join(work, 'target.yaml');
    writeFileSync(caseFile, stringify(buildCase()));
    const notes = path.join(work, 'notes.txt');
    writeFileSync(notes, 'my notes');
    const r = await runAuthpack(['fhir', 'export', caseFile, '-o', notes, '--date', TODAY]);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('write/not-json');
    expect(readFileSync(notes, 'utf8')).toBe('my notes');
    const pdf = path.join(work, 'target.pdf');
    const viaRender = await runAuthpack(['render', caseFile, '-o', pdf, '--fhir', notes, '--date', TODAY]);
    expect(viaRender.code).toBe(6);
    expect(() => statSync(pdf)).toThrow();
    expect((await runAuthpack(['fhir', 'export', caseFile, '-o', notes, '--date', TODAY, '--overwrite'])).code).toBe(0);
    expect(JSON.parse(readFileSync(notes, 'utf8')).resourceType).toBe('Bundle');
  });
});
