// Import refuses malformed FHIR with messages that name the resource (type/id and bundle entry or NDJSON line) and
// the element path, never an identity value; and reads NDJSON as well as Bundles.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics/errors.js';
import { runImport } from '../../src/fhir/run-import.js';
import { catchError } from '../support/catch-error.js';
import { makeTempDir } from '../support/temp.js';

const dir = makeTempDir('fhir-input');
let n = 0;
function file(text: string, ext = 'json'): string {
  const f = path.join(dir, `input-${n++}.${ext}`);
  writeFileSync(f, text);
  return f;
}
const bundle = (...resources: object[]) => JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });
const patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Quill', given: ['Marguerite'] }], gender: 'female', birthDate: '1958-03-14' };

function inputError(f: string): InputError {
  return catchError(InputError, () => runImport(f));
}

describe('fhir import: malformed input', () => {
  it('names the resource, its bundle entry and the element path of a structure error, without the value', () => {
    const err = inputError(file(bundle({ resourceType: 'Organization', id: 'o1', name: 'Plan' }, { ...patient, birthDate: '1958-14-03', gender: 'female' })));
    expect(err.exitCode).toBe(3);
    expect(err.diagnostics).toHaveLength(1);
    expect(err.diagnostics[0]).toMatchObject({ code: 'fhir/invalid-resource', severity: 'error' });
    expect(err.diagnostics[0]!.message).toMatch(/^Patient\/p1 \(entry\[1\]\) in .* is not valid FHIR R4 at Patient\.birthDate: Invalid date format\.$/);
    expect(err.message).not.toContain('1958');
  });

  it('reports an unknown element and a wrong JSON type with their paths', () => {
    const err = inputError(file(bundle({ ...patient, name: [{ family: 7 }], favouriteColour: 'blue' })));
    const messages = err.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toMatch(/Patient\/p1 \(entry\[0\]\).* at Patient\.name\[0\]\.family: Invalid JSON type/);
    expect(messages).toMatch(/at Patient\.favouriteColour: Invalid additional property/);
  });

  it('refuses text that is not JSON, JSON that is not FHIR, and an entry without a resource', () => {
    expect(inputError(file('{"resourceType": "Bundle", ')).diagnostics[0]!.message).toMatch(/is not valid JSON/);
    expect(inputError(file('[1, 2]')).diagnostics[0]!.message).toMatch(/not a FHIR resource/);
    expect(inputError(file('')).diagnostics[0]!.message).toMatch(/is empty/);
    const noResource = inputError(file(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient }, { fullUrl: 'urn:uuid:x' }] })));
    expect(noResource.diagnostics[0]!.message).toMatch(/Bundle entry\[1\] in .* has no resource/);
    expect(inputError(path.join(dir, 'missing.json')).diagnostics[0]!.message).toMatch(/does not exist/);
  });

  it('refuses a file nested thousands of levels deep with a message, not a stack overflow (nor only its NDJSON form)', () => {
    const deep = (n: number) => `{"url":"x","extension":[`.repeat(n) + ']}'.repeat(n);
    const text = JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'p', extension: ['DEEP'] } }] }).replace('"DEEP"', deep(3000));
    const err = inputError(file(text));
    expect(err.diagnostics[0]!.message).toMatch(/nested more than 100 levels deep \(line 1\)/);
    expect(err.diagnostics[0]!.message).not.toMatch(/call stack/);
    expect(inputError(file(`${JSON.stringify(patient)}\n${text}`)).diagnostics[0]!.message).toMatch(/nested more than 100 levels deep \(line 2\)/);
    // A bracket inside a string does not count.
    expect(() => runImport(file(bundle({ ...patient, name: [{ family: '['.repeat(500), given: ['M'] }] })))).not.toThrow(/nested/);
  });

  it('checks the Bundle itself, and refuses a Bundle without resources', () => {
    const err = inputError(file(JSON.stringify({ resourceType: 'Bundle', id: 'b1', type: 'collection', timestamp: 'yesterday', entry: [{ resource: patient }] })));
    expect(err.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^Bundle\/b1 \(the Bundle\) in .* at Bundle\.timestamp: Invalid instant format\.$/)]);
    expect(inputError(file(JSON.stringify({ resourceType: 'Bundle', type: 'searchset' }))).diagnostics[0]).toMatchObject({ code: 'fhir/empty' });
  });

  it('names the NDJSON line of a broken or invalid resource', () => {
    const err = inputError(file(`${JSON.stringify(patient)}\n{"resourceType": "Condition",\n`, 'ndjson'));
    expect(err.diagnostics[0]).toMatchObject({ code: 'fhir/unparsable-line', place: { line: 2 } });
    const invalid = inputError(file(`${JSON.stringify(patient)}\n${JSON.stringify({ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' }, onsetDateTime: 'last spring' })}\n`, 'ndjson'));
    expect(invalid.diagnostics[0]!.message).toMatch(/^Condition\/c1 \(line 2\) .* at Condition\.onset\[x\]: Invalid dateTime format/);
  });

  it('reads NDJSON of resources', () => {
    const result = runImport(file(`${JSON.stringify(patient)}\n${JSON.stringify({ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M17.11', display: 'Unilateral primary osteoarthritis, right knee' }] } })}\n`, 'ndjson'));
    expect((result.data as any).patient).toMatchObject({ firstName: 'Marguerite', lastName: 'Quill', sex: 'female', dateOfBirth: '1958-03-14' });
    expect((result.data as any).diagnoses).toEqual([{ code: 'M17.11', description: 'Unilateral primary osteoarthritis, right knee', primary: true }]);
    expect(result.report.mapped).toContainEqual({ field: 'patient.lastName', from: 'Patient/p1 (line 1)', element: 'Patient.name[0].family' });
  });
});
