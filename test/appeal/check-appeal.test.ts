// `check` on an appeal case: the "Appeal deadlines" block (human), the deadlines as a field (json), the near/past
// warnings, and the preflight rules on the denial (unknown criterion, denial letter missing).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkCase } from '../../src/preflight/check-case.js';
import { formatCheckReport } from '../../src/preflight/format-check-report.js';
import { buildCase, type RawCase } from '../support/build-case.js';
import { runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';
import { withDenial } from './appeal-case.js';

const appealCase = (denial: Record<string, unknown> = {}, change?: (c: RawCase) => void) =>
  buildCase((c) => {
    withDenial(c, denial);
    c.attachments.push({ file: 'attachments/denial-letter.pdf', kind: 'denial-letter', title: 'Denial letter' });
    change?.(c);
  });
const codes = (r: ReturnType<typeof checkCase>) => r.diagnostics.map((d) => d.code);

describe('check on an appeal case', () => {
  it('prints an "Appeal deadlines" block with the filing deadline, the decision clocks and their sources', () => {
    const r = checkCase(appealCase(), { today: '2026-12-02' });
    expect(r.appealDeadlines?.filing?.deadline).toBe('2027-05-01');
    const text = formatCheckReport('case.yaml', r);
    expect(text).toContain('  Appeal deadlines (internal-appeal-1, the plan (first internal appeal); commercial, erisa-group (assumed)):');
    expect(text).toContain('    file by 05/01/2027 (in 150 days): 180 days from 11/02/2026, the notice date, as the day of receipt is not given');
    expect(text).toMatch(/decision, standard, before the service: 30 days .*29 CFR 2560\.503-1\(i\)\(2\)\(ii\) \(from a secondary source: verify\)/);
    expect(text).toMatch(/note: The plan type is assumed to be erisa-group/);
    expect(text).toMatch(/source: .*https:\/\/www\.bcbsm\.com\/.* \(checked 12\/02\/2026\)/);
    expect(codes(r)).toContain('preflight/appeal-deadline');
    expect(codes(r)).not.toContain('preflight/appeal-deadline-near');
    expect(codes(r)).not.toContain('preflight/appeal-denial-letter-missing');
  });
  it('a request case has no appeal block and no appeal findings', () => {
    const r = checkCase(buildCase(), { today: '2026-12-02' });
    expect(r.appealDeadlines).toBeUndefined();
    expect(formatCheckReport('case.yaml', r)).not.toContain('Appeal deadlines');
    expect(codes(r).filter((c) => c.includes('appeal'))).toEqual([]);
  });
  it('warns when 14 days or fewer are left, and when the deadline is past (with good cause where the source allows it)', () => {
    const near = checkCase(appealCase(), { today: '2027-04-17' }).diagnostics.find((d) => d.code === 'preflight/appeal-deadline-near');
    expect(near).toMatchObject({ severity: 'warning', message: 'The filing deadline for the internal-appeal-1 is 05/01/2027, in 14 days (29 CFR 2560.503-1(h)(3)(i): at least 180 days following receipt of a notification of an adverse benefit determination).' });
    expect(checkCase(appealCase(), { today: '2027-04-16' }).diagnostics.some((d) => d.code === 'preflight/appeal-deadline-near')).toBe(false);
    const medicare = appealCase({ level: 'medicare-redetermination', date: '2026-07-01' }, (c) => {
      c.coverage.lineOfBusiness = 'medicare-ffs';
      c.payer = 'medicare-dme';
      c.patient.mbi = '1EG4TE5MK73';
    });
    const r = checkCase(medicare, { today: '2026-12-02' });
    const past = r.diagnostics.find((d) => d.code === 'preflight/appeal-deadline-past');
    expect(past?.message).toBe('The filing deadline for the medicare-redetermination was 11/03/2026, 29 days ago (42 CFR 405.942(a): 120 calendar days from the date the party receives the notice of initial determination; receipt presumed 5 calendar days after the notice date (a)(1)).');
    expect(past?.hint).toMatch(/good cause \(42 CFR 405\.942\(b\)/);
  });
  it('warns about a criterion id the profile does not have, suggesting the closest, and a missing denial letter', () => {
    const c = buildCase((x) => withDenial(x, { reasons: [{ text: 'Temozolomide not documented.', criteria: ['with-temozolamide'] }] }));
    const r = checkCase(c, { today: '2026-12-02' });
    const unknown = r.diagnostics.find((d) => d.code === 'preflight/appeal-unknown-criterion');
    expect(unknown?.path).toEqual(['denial', 'reasons', 0, 'criteria', 0]);
    expect(unknown?.message).toBe('Denial reason 1 names criterion "with-temozolamide", which the payer profile aetna-cpb-0827 does not have, so the letter cannot answer the reason with that criterion\'s evidence.');
    expect(unknown?.hint).toBe('Did you mean "with-temozolomide"? `authpack payers --criteria aetna-cpb-0827` lists its 14 criteria.');
    expect(r.diagnostics.find((d) => d.code === 'preflight/appeal-denial-letter-missing')?.hint).toContain('kind: denial-letter');
  });
});

describe('authpack check (built CLI) on an appeal case', () => {
  let dir = '';
  beforeAll(() => {
    dir = makeTempDir('appeal-check');
    writeFileSync(path.join(dir, 'appeal.yaml'), stringify(appealCase({ level: 'external-review', date: '2026-10-31', planType: 'non-erisa-group' })));
  });
  it('human: the Appeal deadlines block', async () => {
    const r = await runAuthpack(['check', 'appeal.yaml', '--attachments', 'list', '--date', '2026-12-02'], { cwd: dir });
    expect(r.stderr).toContain('Appeal deadlines (external-review');
    expect(r.stderr).toContain('file by 03/01/2027 (in 89 days): 4 months from 10/31/2026');
    expect(r.stderr).toContain('45 CFR 147.136(d)(2)(i)');
  });
  it('json: the deadlines as a field of the preflight/appeal-deadline finding', async () => {
    const r = await runAuthpack(['--format', 'json', 'check', 'appeal.yaml', '--attachments', 'list', '--date', '2026-12-02'], { cwd: dir });
    const list = JSON.parse(r.stdout) as { code: string; data?: { appealDeadlines?: Record<string, unknown> } }[];
    const d = list.find((x) => x.code === 'preflight/appeal-deadline')?.data?.appealDeadlines;
    expect(d).toMatchObject({ level: 'external-review', planType: 'non-erisa-group', planTypeAssumed: false, filing: { deadline: '2027-03-01', daysLeft: 89, window: '4 months', status: 'secondary' } });
    expect((d?.sources as unknown[]).length).toBeGreaterThan(0);
  });
});
