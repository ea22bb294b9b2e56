// The denial block's validation: the schema's messages for missing or empty fields, and the cross-field rules (an
// appeal needs a denial and the other way round, the level fits the coverage, dates in order, evidence enclosed).
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, TODAY, type RawCase } from '../support/build-case.js';
import { CHEMO, withDenial } from './appeal-case.js';

const problems = (change: (c: RawCase) => void): Diagnostic[] => validateCase(buildCase(change), { today: TODAY }).diagnostics.filter((d) => d.severity === 'error');
const at = (list: Diagnostic[], path: string) => list.filter((d) => d.path?.join('.') === path);

describe('the denial block', () => {
  it('a complete appeal case is valid', () => {
    expect(problems((c) => withDenial(c))).toEqual([]);
  });
  it('names each missing field of the denial in words, with what to write', () => {
    const list = problems((c) => ((c.request.kind = 'appeal'), (c.denial = {})));
    expect(at(list, 'denial.date')[0]?.message).toBe('The denial date is missing.');
    expect(at(list, 'denial.reference')[0]?.message).toBe("The payer's reference number is missing.");
    expect(at(list, 'denial.level')[0]).toMatchObject({ code: 'validate/missing-field', message: 'The appeal level is missing.' });
    expect(at(list, 'denial.level')[0]?.hint).toMatch(/^Add `level` here, one of: "internal-appeal-1", .*"peer-to-peer"\.$/);
    expect(at(list, 'denial.reasons')[0]?.message).toBe('The list of denial reasons is missing.');
  });
  it('says what to do with an empty list of reasons, an empty reason and a mistyped level', () => {
    const list = problems((c) => withDenial(c, { reasons: [] }));
    expect(at(list, 'denial.reasons')[0]?.message).toBe('The list of denial reasons is empty; quote each reason the denial gives.');
    const empty = problems((c) => withDenial(c, { reasons: [{ text: '' }] }));
    expect(at(empty, 'denial.reasons.0.text')[0]?.message).toMatch(/^The denial reason as stated is empty/);
    const typo = problems((c) => withDenial(c, { level: 'internal-appeal-one' }));
    expect(at(typo, 'denial.level')[0]?.hint).toMatch(/Did you mean "internal-appeal-1"\?/);
  });
  it('an appeal needs a denial block, and a denial block needs an appeal', () => {
    const noDenial = problems((c) => (c.request.kind = 'appeal'));
    expect(at(noDenial, 'denial')[0]).toMatchObject({ code: 'validate/appeal-needs-denial' });
    expect(at(noDenial, 'denial')[0]?.hint).toMatch(/Add `denial:`/);
    const noAppeal = problems((c) => (withDenial(c), (c.request.kind = 'initial')));
    expect(at(noAppeal, 'request.kind')[0]).toMatchObject({ code: 'validate/denial-needs-appeal' });
    expect(at(noAppeal, 'request.kind')[0]?.message).toMatch(/`request.kind` is initial/);
  });
  it('the level must fit the line of business', () => {
    const cases: [string, string, boolean][] = [
      ['medicare-redetermination', 'commercial', false],
      ['medicare-redetermination', 'medicare-ffs', true],
      ['medicare-reconsideration', 'medicare-advantage', false],
      ['ma-reconsideration', 'medicare-advantage', true],
      ['ma-reconsideration', 'medicare-ffs', false],
      ['medicaid-plan-appeal', 'chip', true],
      ['state-fair-hearing', 'exchange', false],
      ['internal-appeal-2', 'exchange', true],
      ['external-review', 'medicaid', false],
      ['peer-to-peer', 'medicare-ffs', true],
      ['reconsideration', 'medicaid', true],
    ];
    for (const [level, lob, ok] of cases) {
      const list = at(problems((c) => (withDenial(c, { level }), (c.coverage.lineOfBusiness = lob))), 'denial.level');
      expect(list.length === 0, `${level} on ${lob}`).toBe(ok);
      if (!ok) {
        expect(list[0]?.code).toBe('validate/appeal-level-mismatch');
        expect(list[0]?.hint).toContain(`For ${lob} coverage use one of:`);
      }
    }
    const hint = at(problems((c) => withDenial(c, { level: 'ma-reconsideration' })), 'denial.level')[0]?.hint;
    expect(hint).toBe('For commercial coverage use one of: internal-appeal-1, internal-appeal-2, external-review, reconsideration, peer-to-peer; or correct `coverage.lineOfBusiness`.');
  });
  it('planType only for commercial and exchange coverage', () => {
    expect(problems((c) => withDenial(c, { planType: 'non-erisa-group' }))).toEqual([]);
    const list = problems((c) => (withDenial(c, { level: 'medicare-redetermination', planType: 'erisa-group' }), (c.coverage.lineOfBusiness = 'medicare-ffs')));
    expect(at(list, 'denial.planType')[0]).toMatchObject({ code: 'validate/plan-type-not-commercial', hint: 'Remove `denial.planType`.' });
  });
  it('the denial cannot be received before its date', () => {
    const list = problems((c) => withDenial(c, { receivedOn: '2026-10-30' }));
    expect(at(list, 'denial.receivedOn')[0]?.message).toBe('The denial was received (2026-10-30) before the date on the notice (2026-11-02).');
    expect(problems((c) => withDenial(c, { receivedOn: '2026-11-02' }))).toEqual([]);
  });
  it("each reason's evidence must be one of the case's attachments, listed in the hint", () => {
    const list = problems((c) => withDenial(c, { reasons: [{ text: 'Start beyond 7 weeks.', evidence: [{ file: 'attachments/missing.pdf' }] }] }));
    const d = at(list, 'denial.reasons.0.evidence.0.file')[0];
    expect(d?.code).toBe('validate/evidence-not-attached');
    expect(d?.message).toContain('attachments/missing.pdf');
    expect(d?.hint).toContain(CHEMO);
    expect(d?.hint).toContain('attachments/pathology-report-2026-05-08.pdf');
  });
});
