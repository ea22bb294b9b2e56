// Issue 10 §2, a missing threshold is never "met": where the payer profile gives no figure, a criterion that needs
// one is "not shown" with a warning that names the profile field; the usage criterion falls back to the item's
// labelled use (E0766: at least 18 hours a day, 75 %, Optune instructions for use), so 11 h/day is not met.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluateCriteria } from '../../src/coverage/evaluate-criteria.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import type { PayerProfile } from '../../src/payers/payer-schema.js';
import { checkCase } from '../../src/preflight/check-case.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';

const base = loadPayer('test-ttf', [path.join(ROOT, 'test', 'fixtures', 'payers')]);
/** The test profile with no thresholds at all. */
const bare: PayerProfile = { ...base, thresholds: {} };
const continuation = (change?: (c: RawCase) => void): RawCase => {
  const raw = parse(readFileSync(path.join(ROOT, 'samples', 'gbm-continuation.yaml'), 'utf8')) as RawCase;
  change?.(raw);
  return raw;
};
const hours = (h: number) => (c: RawCase) => c.followUp.usageReports.forEach((r: RawCase) => ((r.averageHoursPerDay = h), (r.percentUsage = Math.round((h / 24) * 1000) / 10)));

function results(raw: RawCase, payer: PayerProfile) {
  const { case: c, diagnostics } = validateCase(raw, { today: TODAY });
  if (!c) throw new Error(diagnostics.map((d) => d.message).join('; '));
  const byCheck = Object.fromEntries(evaluateCriteria(c, payer, TODAY).map((o) => [o.criterion.check, o.result]));
  return { byCheck, diagnostics: runPreflight(c, payer, { today: TODAY }).diagnostics };
}

describe('usage-threshold without a figure in the profile: the labelled use (Optune IFU, FDA PMA P100034: 18 h/day; issue 10 §2)', () => {
  it('11 hours a day is not met against the labelled 18 hours (75 %), and the error names it', () => {
    const { byCheck, diagnostics } = results(continuation(hours(11)), bare);
    expect(byCheck['usage-threshold']).toMatchObject({ status: 'not-met' });
    expect(byCheck['usage-threshold']!.evidence).toBe('Average 11.0 hours a day (45.8 %) over 90 days of usage reports; the labelled use of E0766 is at least 18 hours a day (75 % of the time).');
    expect(byCheck['usage-threshold']!.note).toContain('gives no usage threshold');
    expect(diagnostics.find((d) => d.code === 'preflight/continuation-usage')?.severity).toBe('error');
  });

  it('20 hours a day is met against the labelled use', () => {
    expect(results(continuation(hours(20)), bare).byCheck['usage-threshold']!.status).toBe('met');
  });

  it('Aetna CPB 0827 sets no usage figure: 11 hours a day under it is not met (the labelled use decides)', () => {
    const r = checkCase(continuation(hours(11)), { today: TODAY });
    expect(r.payer.id).toBe('aetna-cpb-0827');
    expect(r.criteria.find((o) => o.criterion.check === 'usage-threshold')?.result.status).toBe('not-met');
  });

  it("an item with no labelled use and no profile figure: not shown, and the warning says the profile's field is missing", () => {
    const other = { ...bare, appliesTo: [] };
    const { byCheck, diagnostics } = results(continuation((c) => ((c.items[0].hcpcs = 'E0601'), (c.items[0].description = 'CPAP device'), hours(11)(c))), other);
    expect(byCheck['usage-threshold']!.status).toBe('unknown');
    expect(byCheck['usage-threshold']!.profileGap).toEqual(['thresholds.usageHoursMin', 'thresholds.usagePercentMin']);
    const d = diagnostics.find((x) => x.code === 'preflight/criterion-not-shown' && x.message.includes('Average 11.0 hours'));
    expect(d?.severity).toBe('warning');
    expect(d?.hint).toContain('`thresholds.usageHoursMin` or `thresholds.usagePercentMin`');
  });
});

describe('other thresholds missing from the profile are "not shown", never met (issue 10 §2)', () => {
  it.each<[string, string, () => RawCase, string]>([
    ['performance-status', 'thresholds.kpsMin', () => buildCase(), 'KPS 80 (08/10/2026).'],
    ['age-minimum', 'thresholds.ageMin', () => buildCase(), 'Age 65 at the requested start.'],
    ['start-within-weeks-of-chemoradiation', 'thresholds.weeksFromChemoradiationMax', () => buildCase(), 'Requested start 08/20/2026 is 41 days (5.9 weeks) after the last chemoradiation dose on 07/10/2026.'],
    ['recent-imaging', 'thresholds.imagingMaxAgeDays', () => continuation(), 'MRI brain with and without contrast, 10/16/2026 (41 days old): no progression.'],
    ['reevaluation-window', 'thresholds.reevaluationWindowDays', () => continuation(), 'In-person re-evaluation on 10/27/2026, day 69 of therapy.'],
  ])('%s without `%s`', (check, field, raw, evidence) => {
    const { byCheck, diagnostics } = results(raw(), bare);
    expect(byCheck[check]).toMatchObject({ status: 'unknown', evidence, profileGap: expect.arrayContaining([field]) });
    expect(byCheck[check]!.note).toMatch(/^This payer profile gives no .* so the criterion cannot be judged\.$/);
    const warning = diagnostics.find((d) => d.code === 'preflight/criterion-not-shown' && d.message.includes(evidence));
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('This payer profile gives no');
    expect(warning?.hint).toContain(`\`${field}\``);
    // With the figure, the same case is met.
    expect(results(raw(), base).byCheck[check]!.status).toBe('met');
  });

  it('recent-imaging: progression is not met whatever the profile says; progression not stated is not shown', () => {
    expect(results(continuation((c) => (c.clinical.latestImaging.progression = true)), bare).byCheck['recent-imaging']!.status).toBe('not-met');
    expect(results(continuation((c) => delete c.clinical.latestImaging.progression), base).byCheck['recent-imaging']!.status).toBe('unknown');
  });

  it('the letter prints the evidence without the profile note', async () => {
    const { buildPacketView } = await import('../../src/compose/packet-view.js');
    const { case: c } = validateCase(buildCase(), { today: TODAY });
    const view = buildPacketView(c!, bare, TODAY, evaluateCriteria(c!, bare, TODAY));
    const row = view.packet.coverage!.criteria.find((r) => r.text === 'KPS 70 or more.');
    expect(row).toMatchObject({ status: 'Not documented', evidence: 'KPS 80 (08/10/2026).' });
  });
});
