// Issue 10 §2, authorisation limits: the months requested are checked against the profile's `authorization`
// (e.g. Centene CP.MP.145 "initial 90-day TTF ... 90-day extensions"; Aetna CPB 0827 newly diagnosed GBM "until
// disease progression or up to 24 months"), a warning naming the limit and the field.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPayer } from '../../src/payers/load-payer.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { monthsCovering } from '../../src/preflight/rules/authorization-limit.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';

const payer = loadPayer('test-ttf', [path.join(ROOT, 'test', 'fixtures', 'payers')]); // initial 3, renewal 3, max 24
const continuation = (change: (c: RawCase) => void): RawCase => {
  const raw = parse(readFileSync(path.join(ROOT, 'samples', 'gbm-continuation.yaml'), 'utf8')) as RawCase;
  change(raw);
  return raw;
};

function limits(raw: RawCase) {
  const { case: c, diagnostics } = validateCase(raw, { today: TODAY });
  if (!c) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return runPreflight(c, payer, { today: TODAY }).diagnostics.filter((d) => d.code === 'preflight/authorization-limit');
}

describe('authorization-limit (Centene CP.MP.145 90-day authorizations; Aetna CPB 0827 up to 24 months)', () => {
  it('6 months on an initial request over a 3-month initial authorization: a warning naming the limit and the field', () => {
    const w = limits(buildCase((c) => (c.request.requestedMonths = 6)));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', path: ['request', 'requestedMonths'] });
    expect(w[0]!.message).toBe('The case asks for 6 months (`request.requestedMonths`); Test TTF Plan authorizes 3 months at a time for an initial request (`authorization.initialMonths` in profile test-ttf).');
  });

  it('a continuation is held to renewalMonths; a period given by requestedEnd is counted in whole months', () => {
    const w = limits(continuation((c) => (delete c.request.requestedMonths, (c.request.requestedEnd = '2027-03-19'))));
    expect(w.map((x) => x.path)).toEqual([['request', 'requestedEnd']]);
    expect(w[0]!.message).toContain('4 months (`request.requestedStart` to `request.requestedEnd`)');
    expect(w[0]!.message).toContain('`authorization.renewalMonths`');
  });

  it('the maximum counts a continuation from the first day of therapy', () => {
    // Device use began 2026-08-20; a renewal from 2028-06-20 to 2028-09-19 makes 25 months in all.
    const w = limits(continuation((c) => (c.request.requestedMonths = 3, (c.request.requestedStart = '2028-06-20'))));
    expect(w.some((x) => /at most 24 months \(`authorization\.maxMonths`/.test(x.message) && x.message.includes('25 months of therapy in all'))).toBe(true);
    // To 2028-08-19 is exactly 24 months: within the maximum.
    expect(limits(continuation((c) => (c.request.requestedStart = '2028-05-20'))).filter((x) => x.message.includes('maxMonths'))).toEqual([]);
  });

  it('within the limits, nothing', () => {
    expect(limits(buildCase())).toEqual([]);
    expect(limits(continuation(() => {}))).toEqual([]);
  });

  it('counts whole months the way the letter prints the period', () => {
    expect(monthsCovering('2026-08-20', '2026-11-19')).toBe(3);
    expect(monthsCovering('2026-08-20', '2026-11-20')).toBe(4);
    expect(monthsCovering('2026-01-31', '2026-02-28')).toBe(1);
  });
});
