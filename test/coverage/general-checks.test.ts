// The general criterion evaluators, configured by params as a profile would: each says met, not met or not shown
// from general case data only, and a profile with bad params is refused with the path of the bad setting.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCheck } from '../../src/coverage/criterion-checks.js';
import type { CriterionCheck } from '../../src/coverage/criterion-checks.js';
import { payerProfileSchema } from '../../src/payers/payer-schema.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { ROOT, TODAY, buildCase, type RawCase } from '../support/build-case.js';

const cpap = (): RawCase => parse(readFileSync(path.join(ROOT, 'samples', 'cpap-initial.yaml'), 'utf8')) as RawCase;
const payer = loadPayer('generic-commercial', []);

function run(raw: RawCase, check: CriterionCheck, params: unknown, id = 'c1') {
  const { case: c, diagnostics } = validateCase(raw, { today: TODAY });
  if (!c) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return runCheck({ id, check, params }, { case: c, payer, today: TODAY });
}

describe('measurement', () => {
  const ahi = { names: ['apnea-hypopnea index', 'AHI'], op: '>=', value: 15, unit: 'events/hour' };
  it('is met by the newest matching value, and names it', () => {
    const r = run(cpap(), 'measurement', ahi);
    expect(r.status).toBe('met');
    expect(r.evidence).toContain('32.4 events/hour on 10/02/2026');
    expect(r.paths).toEqual([['clinical', 'measurements', 0]]);
  });
  it('is not met below the threshold, and not shown when absent, too old, in another unit or not a number', () => {
    expect(run(cpap(), 'measurement', { ...ahi, value: 40 }).status).toBe('not-met');
    expect(run(cpap(), 'measurement', { ...ahi, names: ['respiratory disturbance index'] }).status).toBe('unknown');
    expect(run(cpap(), 'measurement', { ...ahi, maxAgeDays: 30 }).evidence).toMatch(/days old, more than the 30 days allowed/);
    expect(run(cpap(), 'measurement', { ...ahi, unit: 'events/night' }).status).toBe('unknown');
    expect(run(cpap(), 'measurement', { names: ['blood pressure'], op: '<', value: 140 }).status).toBe('unknown');
  });
  it('matches by code whatever the name', () => {
    expect(run(cpap(), 'measurement', { codes: [{ system: 'loinc', code: '39156-5' }], op: '>=', value: 30 }).status).toBe('met');
  });
});

describe('diagnosis-in, age, line-of-business, disease-status, request-kind', () => {
  it('compare the case with the listed values', () => {
    expect(run(cpap(), 'diagnosis-in', { codes: ['G47.3'] }).status).toBe('met');
    expect(run(cpap(), 'diagnosis-in', { codes: ['I10'], primaryOnly: true }).status).toBe('not-met');
    expect(run(cpap(), 'age', { min: 18 }).status).toBe('met');
    expect(run(cpap(), 'age', { max: 40 }).status).toBe('not-met');
    expect(run(cpap(), 'line-of-business', { in: ['medicare-ffs'] }).status).toBe('not-met');
    expect(run(buildCase(), 'disease-status', { in: ['newly-diagnosed'] }).status).toBe('met');
    expect(run(cpap(), 'disease-status', { in: ['recurrent'] }).status).toBe('unknown');
    expect(run(cpap(), 'request-kind', { in: ['initial'] }).status).toBe('met');
  });
});

describe('step-therapy', () => {
  it('counts distinct therapies of the named kinds that were tried long enough and failed', () => {
    const two = { count: 2, categories: ['behavioral-therapy'], endedBy: ['inadequate-response', 'ongoing'] };
    expect(run(cpap(), 'step-therapy', two).status).toBe('met');
    // The weight programme is ongoing, so with the default reasons only positional therapy counts.
    expect(run(cpap(), 'step-therapy', { count: 2, categories: ['behavioral-therapy'] }).status).toBe('not-met');
    const r = run(cpap(), 'step-therapy', { count: 1, names: ['positional'], minDays: 90 });
    expect(r.status).toBe('not-met');
    expect(r.evidence).toContain('too short: Positional therapy with a sleep-position trainer (71 days)');
    expect(run(Object.assign(cpap(), { priorTherapies: [] }), 'step-therapy', two).status).toBe('unknown');
  });
  it('reads a name in brackets as a remark: "Hydroxychloroquine (with methotrexate)" is not a methotrexate trial', () => {
    const biologic = parse(readFileSync(path.join(ROOT, 'samples', 'biologic-step-therapy.yaml'), 'utf8')) as RawCase;
    const r = run(biologic, 'step-therapy', { count: 2, names: ['methotrexate'], minDays: 84 });
    // Only oral methotrexate qualifies (the subcutaneous course is ongoing): one, not two.
    expect(r.status).toBe('not-met');
    expect(r.evidence).toMatch(/^Methotrexate, oral \(09\/22\/2025 to 01\/11\/2026, inadequate response\) \(needed/);
  });
});

describe('document and attested', () => {
  it('finds an enclosed document of the kind, dated within the window', () => {
    expect(run(buildCase(), 'document', { kinds: ['pathology'] }).status).toBe('met');
    expect(run(cpap(), 'document', { kinds: ['sleep-study'] }).status).toBe('unknown');
  });
  it('takes an attestation by the criterion id, in the clinician\'s words', () => {
    const words = 'Symptoms of insomnia and daytime sleepiness documented at the 09/18/2026 visit.';
    expect(run(Object.assign(cpap(), { attestations: { 'lower-band-symptoms': words } }), 'attested', {}, 'lower-band-symptoms')).toMatchObject({ status: 'met', evidence: words });
    expect(run(cpap(), 'attested', {}, 'lower-band-symptoms').evidence).toContain('`attestations.lower-band-symptoms`');
  });
});

describe('profile params', () => {
  const profile = (criterion: object) => ({ id: 'x', version: '2026-12-01', displayName: 'X', criteria: { initial: [{ id: 'a', text: 'A.', ...criterion }] } });
  it('are checked against the evaluator, with the path of the bad setting', () => {
    const bad = payerProfileSchema.safeParse(profile({ check: 'measurement', params: { names: ['AHI'], op: '=>', value: 15 } }));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['criteria', 'initial', 0, 'params', 'op']);
    expect(payerProfileSchema.safeParse(profile({ check: 'age', params: {} })).success).toBe(false);
    expect(payerProfileSchema.safeParse(profile({ check: 'supratentorial', params: { value: 1 } })).success).toBe(false);
    expect(payerProfileSchema.safeParse(profile({ check: 'step-therapy', params: { count: 2, categories: ['medication'], minDays: 90 } })).success).toBe(true);
  });
  it('an indication adds its own criteria to the profile\'s', () => {
    const p = payerProfileSchema.parse({ ...profile({ check: 'age', params: { min: 18 } }), indications: [{ id: 'osa', label: 'OSA', icd10: ['G47.33'], coverage: 'covered', criteria: { initial: [{ id: 'ahi', text: 'AHI.', check: 'measurement', params: { names: ['AHI'], op: '>=', value: 15 } }] } }] });
    expect(p.indications[0]!.criteria.initial.map((c) => c.id)).toEqual(['ahi']);
  });
});
