// The samples/fhir exports import to cases that match the hand-written samples where FHIR carries the field, validate
// once their companion (--with) supplies the narrative, and without it leave exactly the documented gaps.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runImport } from '../../src/fhir/run-import.js';
import { parseCaseText } from '../../src/load/load-case.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { ROOT } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';

const sample = (name: string) => path.join(ROOT, 'samples', 'fhir', name);
const handWritten = (name: string) => parse(readFileSync(path.join(ROOT, 'samples', name), 'utf8')) as Record<string, any>;

function importAndValidate(name: string, today: string, companion = true) {
  const dir = makeTempDir('fhir-import');
  const output = path.join(dir, `${name}.yaml`);
  const result = runImport(sample(`${name}.json`), { output, ...(companion ? { companion: sample(`${name}.with.yaml`) } : {}) });
  for (const f of result.inline) {
    mkdirSync(path.dirname(path.join(dir, f.file)), { recursive: true });
    writeFileSync(path.join(dir, f.file), f.bytes);
  }
  const { raw, source } = parseCaseText(result.yaml, output);
  const validation = validateCase(raw, { source, today, payerDirs: [], attachmentFiles: { baseDir: dir, allowOutside: true } });
  return { result, raw: raw as Record<string, any>, validation };
}

describe('fhir import of the samples', () => {
  it('imports the glioblastoma export to a valid case that matches the hand-written sample where FHIR carries the field', () => {
    const { result, raw, validation } = importAndValidate('gbm-initial', '2026-08-12');
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.report.gaps).toEqual([]);
    const original = handWritten('gbm-initial.yaml');
    expect(raw.patient).toEqual(original.patient);
    expect(raw.prescriber).toEqual(original.prescriber);
    expect(raw.supplier).toEqual(original.supplier);
    expect(raw.diagnoses).toEqual(original.diagnoses);
    expect(raw.clinical.performance).toEqual(original.clinical.performance);
    expect(raw.clinical.histology).toBe(original.clinical.histology);
    expect(raw.clinical.latestImaging).toEqual(original.clinical.latestImaging);
    expect(raw.coverage).toMatchObject({ payerName: 'Aetna', planName: 'Northwind Choice PPO', lineOfBusiness: 'commercial' });
    expect(raw.items[0]).toMatchObject({ hcpcs: 'E0766', brand: 'Optune Gio', modifiers: ['KF'] });
    expect(raw.request).toMatchObject({ kind: 'initial', requestedStart: '2026-08-20', requestedEnd: '2026-11-19', urgency: 'standard' });
    // Oldest first, with the stop reasons the export codes.
    expect(raw.priorTherapies.map((t: any) => [t.start, t.category, t.stoppedBecause])).toEqual([
      ['2026-04-27', 'medication', 'ongoing'],
      ['2026-04-27', 'medication', 'completed'],
      ['2026-05-04', 'surgery', 'completed'],
      ['2026-06-01', 'radiation', 'completed'],
      ['2026-06-01', 'medication', 'completed'],
      ['2026-08-10', 'medication', 'ongoing'],
    ]);
    expect(raw.attachments.map((a: any) => [path.basename(a.file), a.kind])).toEqual(original.attachments.map((a: any) => [path.basename(a.file), a.kind]));
    // The SNOMED-only seizure Condition is reported, not guessed into a diagnosis.
    expect(result.report.ignored).toEqual([expect.objectContaining({ resource: 'Condition/seizure (entry[8])', element: 'Condition.code', reason: expect.stringMatching(/SNOMED CT only/) })]);
    expect(result.report.mapped).toContainEqual({ field: 'prescriber.npi', from: 'Practitioner/whitfield (entry[3])', element: 'Practitioner.identifier (system http://hl7.org/fhir/sid/us-npi)' });
  });

  it('imports the CPAP export (inline attachment, blood-pressure panel, coded stop reason) to a valid case', () => {
    const { result, raw, validation } = importAndValidate('cpap-initial', '2026-11-20');
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const original = handWritten('cpap-initial.yaml');
    expect(raw.patient).toEqual(original.patient);
    expect(raw.diagnoses.map((d: any) => d.code)).toEqual(['G47.33', 'I10']);
    expect(raw.items.map((i: any) => i.hcpcs)).toEqual(['E0601', 'E0562']);
    expect(raw.clinical.measurements.map((m: any) => [m.name, m.value, m.unit])).toEqual(original.clinical.measurements.map((m: any) => [m.name, m.value, m.unit]));
    expect(raw.priorTherapies.map((t: any) => t.stoppedBecause)).toEqual(['ongoing', 'inadequate-response']);
    expect(result.inline).toHaveLength(1);
    expect(Buffer.from(result.inline[0]!.bytes).subarray(0, 5).toString()).toBe('%PDF-');
    expect(raw.attachments).toEqual([{ file: 'cpap-initial-attachments/home-sleep-test.pdf', kind: 'sleep-study', title: 'Home sleep apnea test report, 2026-10-02', date: '2026-10-02' }]);
    expect(result.report.ignored).toEqual([]);
  });

  it('without the companion, leaves each field FHIR cannot carry null and validate names each by field', () => {
    const { result, raw, validation } = importAndValidate('gbm-initial', '2026-08-12', false);
    const gaps = result.report.gaps.map((g) => g.field);
    expect(gaps).toEqual(['caseId', 'payer', 'request.kind', 'necessity.summary', 'necessity.rationale', 'signature.signer', 'signature.date', 'signature.method']);
    expect(raw.necessity).toEqual({ summary: null, rationale: null });
    expect(result.yaml).toMatch(/summary: null # TO FILL: the clinician's narrative justification/);
    const errorPaths = validation.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path?.join('.'));
    for (const field of gaps) expect(errorPaths).toContain(field);
  });
});
