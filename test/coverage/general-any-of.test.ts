// The general evaluators' combinators and windows (any-of, daysAfterStart) and the criterion-level appliesTo:
// profile settings any policy can use; bad settings are refused with the path of the setting.
import { describe, expect, it } from 'vitest';
import { payerProfileSchema } from '../../src/payers/payer-schema.js';
import { check, initialCase } from './pap-cases.js';

const profile = (criterion: Record<string, unknown>) =>
  payerProfileSchema.safeParse({ id: 'x', version: '2026-12-01', displayName: 'X', criteria: { initial: [{ id: 'c', text: 'C.', ...criterion }] } });

describe('any-of', () => {
  const ahi = (op: string, value: number) => ({ check: 'measurement', params: { names: ['apnea-hypopnea index'], op, value } });
  const params = { options: [{ label: 'high', all: [ahi('>=', 15)] }, { label: 'low with hypertension', all: [ahi('>=', 5), { check: 'diagnosis-in', params: { codes: ['I10'] } }] }] };
  it('is checked by the profile schema, down to the params of each condition', () => {
    expect(profile({ check: 'any-of', params }).success).toBe(true);
    const bad = profile({ check: 'any-of', params: { options: [{ label: 'a', all: [{ check: 'measurement', params: { op: '>=', value: 1 } }] }, params.options[0]] } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues[0]?.path)).toContain('options');
    expect(profile({ check: 'any-of', params: { options: [params.options[0]] } }).success).toBe(false);
    expect(profile({ check: 'any-of', params: { options: [{ label: 'a', all: [{ check: 'any-of', params }] }, params.options[0]] } }).success).toBe(false);
  });
  it('is met by the first option whose conditions are all met, and names it', () => {
    const r = check(initialCase('medicare-pap-l33718', { ahi: 10, events: 60, conditions: ['I10'] })).criteria.find((o) => o.criterion.id === 'sleep-test-result')!.result;
    expect(r.evidence).toMatch(/^AHI or RDI of 5 to 14/);
    expect(r.paths).toContainEqual(['diagnoses', 1]);
  });
  it('is not shown (not "not met") when an option could still be met by data the case does not give', () => {
    const r = check(initialCase('medicare-pap-l33718', { ahi: 32 })).criteria.find((o) => o.criterion.id === 'sleep-test-result')!.result;
    expect(r.status).toBe('unknown');
    expect(r.evidence).toMatch(/\(1\) AHI or RDI of 15 or more .*: not shown\. No apnea and hypopnea events measurement is given/);
  });
});

describe('daysAfterStart and a criterion\'s appliesTo', () => {
  it('refuses an empty or reversed window and a malformed code', () => {
    expect(profile({ check: 'document', params: { kinds: ['clinic-note'], daysAfterStart: {} } }).success).toBe(false);
    expect(profile({ check: 'document', params: { kinds: ['clinic-note'], daysAfterStart: { min: 91, max: 31 } } }).success).toBe(false);
    expect(profile({ check: 'attested', appliesTo: ['E470'] }).success).toBe(false);
    expect(profile({ check: 'attested', appliesTo: ['E0470'] }).success).toBe(true);
  });
});
