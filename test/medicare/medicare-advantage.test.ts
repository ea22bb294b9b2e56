// Medicare Advantage: 42 CFR 422.101(b)(3) (MA plans follow the LCDs of local Medicare contractors), applied by the
// medicare-advantage-ttf profile through `criteriaFrom: medicare-dme` (LCD L34823); the plan's member ID, not the
// MBI; no ABN, GA or GZ (CMS: ABNs do not apply to Medicare Advantage); CMS-0057-F decision clocks.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPayer } from '../../src/payers/load-payer.js';
import { checkCase } from '../../src/preflight/check-case.js';
import { buildCase, TODAY, type RawCase } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';

const ma = (change?: (c: RawCase) => void) =>
  buildCase((c) => {
    c.payer = 'medicare-advantage-ttf';
    c.coverage.lineOfBusiness = 'medicare-advantage';
    c.coverage.payerFax = '+1 555 010 0900';
    c.items[0].modifiers = ['KF'];
    change?.(c);
  });

describe('Medicare Advantage profile (criteriaFrom: medicare-dme)', () => {
  it("takes medicare-dme's indications, criteria, thresholds and policy without copying them", () => {
    const dme = loadPayer('medicare-dme');
    const p = loadPayer('medicare-advantage-ttf');
    expect(p.criteriaFrom).toBe('medicare-dme');
    expect(p.criteria).toEqual(dme.criteria);
    expect(p.indications).toEqual(dme.indications);
    expect(p.thresholds).toEqual(dme.thresholds);
    expect(p.experimentalCombinations).toEqual(dme.experimentalCombinations);
    expect(p.policy?.number).toBe(dme.policy?.number);
    // Its own: line of business, modifiers (no ABN modifiers), submission.
    expect(p.lineOfBusiness).toBe('medicare-advantage');
    expect(p.modifiers.exactlyOneOf).toEqual([]);
  });

  it('evaluates the LCD criteria for an MA case, suggests no GA or GZ, and gives the MA decision clock', () => {
    const r = checkCase(ma((c) => (c.clinical.performance.kps = 50)), { today: TODAY });
    const dme = checkCase(ma((c) => ((c.payer = 'medicare-dme'), (c.coverage.lineOfBusiness = 'medicare-ffs'), (c.clinical.performance.kps = 50))), { today: TODAY });
    expect(r.criteria.map((o) => [o.criterion.id, o.result.status])).toEqual(dme.criteria.map((o) => [o.criterion.id, o.result.status]));
    expect(r.criteria.find((o) => o.criterion.check === 'performance-status')?.result.status).toBe('not-met');
    expect(r.modifiers).toEqual([]);
    const codes = r.diagnostics.map((d) => d.code);
    expect(codes).not.toContain('preflight/line-of-business-mismatch');
    expect(r.diagnostics.find((d) => d.code === 'preflight/decision-timeframe')?.message).toMatch(/7 calendar days for a standard Medicare Advantage request/);
  });

  it("needs the plan's member ID, not the MBI: no MBI is fine, the MBI as member ID is an error", () => {
    const codes = (raw: RawCase) => checkCase(raw, { today: TODAY }).diagnostics.filter((d) => d.code === 'preflight/identity-consistency');
    expect(codes(ma((c) => delete c.patient.mbi))).toEqual([]);
    const same = codes(ma((c) => ((c.patient.mbi = '1EG4TE5MK73'), (c.patient.memberId = '1EG4TE5MK73'))));
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({ severity: 'error', path: ['patient', 'memberId'] });
    expect(same[0]!.message).not.toContain('1EG4TE5MK73');
    expect(codes(ma((c) => (c.patient.memberId = '1EG4TE5MK73')))[0]?.severity).toBe('warning');
  });

  it("a profile's own fields override the ones it takes; an unknown or circular criteriaFrom is a profile error", () => {
    const dir = makeTempDir('criteria-from');
    const write = (id: string, body: string) => {
      mkdirSync(path.join(dir, id));
      writeFileSync(path.join(dir, id, 'profile.yaml'), `id: ${id}\nversion: "2026-12-01"\ndisplayName: ${id}\n${body}`);
    };
    write('own-thresholds', 'criteriaFrom: medicare-dme\nthresholds: { kpsMin: 60 }\n');
    const p = loadPayer('own-thresholds', [dir]);
    expect(p.thresholds).toEqual({ kpsMin: 60 });
    expect(p.criteria).toEqual(loadPayer('medicare-dme').criteria);
    write('from-nowhere', 'criteriaFrom: no-such-profile\n');
    expect(() => loadPayer('from-nowhere', [dir])).toThrow(/takes its criteria from "no-such-profile", but there is no such profile/);
    write('loop-a', 'criteriaFrom: loop-b\n');
    write('loop-b', 'criteriaFrom: loop-a\n');
    expect(() => loadPayer('loop-a', [dir])).toThrow(/leads back to it/);
  });
});
