// validate reports every problem of a case in one pass (the payer id and the attachment files included), and a
// problem about a field that is not written points at the line that asks for it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatPath } from '../../src/diagnostics/diagnostic.js';
import { parseCaseText } from '../../src/load/load-case.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { caseData } from '../hostile/make-input.js';
import { TODAY, type RawCase } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';

const root = makeTempDir('one-pass');
const dir = path.join(root, 'case');
mkdirSync(path.join(dir, 'scans'), { recursive: true });
writeFileSync(path.join(root, 'elsewhere.pdf'), 'x');
writeFileSync(path.join(dir, 'scans', 'here.pdf'), '%PDF-1.7\n');

const fromYaml = (text: string, options: Parameters<typeof validateCase>[1] = {}) => {
  const { raw, source } = parseCaseText(text, 'case.yaml');
  return validateCase(raw, { source, today: TODAY, ...options });
};
const lineOf = (text: string, pattern: RegExp) => text.split('\n').findIndex((l) => pattern.test(l)) + 1;

describe('validate: one pass', () => {
  it('reports an unknown payer id with the other problems, and every missing attachment file', () => {
    const raw = caseData((c: RawCase) => {
      c.payer = 'aetna-cpb-827';
      c.prescriber.npi = '1234567890';
      c.attachments = [
        { file: 'scans/here.pdf', kind: 'other', title: 'Here' },
        { file: 'scans/lost.pdf', kind: 'other', title: 'Lost' },
        { file: 'scans', kind: 'other', title: 'A folder' },
        { file: '../elsewhere.pdf', kind: 'other', title: 'Outside' },
      ];
    });
    const { case: c, diagnostics } = validateCase(raw, { today: TODAY, payerDirs: [], attachmentFiles: { baseDir: dir } });
    expect(c).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, formatPath(d.path)])).toEqual([
      ['validate/invalid-value', 'prescriber.npi'],
      ['validate/unknown-payer', 'payer'],
      ['validate/attachment-missing', 'attachments[1].file'],
      ['validate/attachment-not-file', 'attachments[2].file'],
      ['validate/attachment-outside', 'attachments[3].file'],
    ]);
    expect(diagnostics.find((d) => d.code === 'validate/unknown-payer')!.hint).toContain('Did you mean "aetna-cpb-0827"?');
  });

  it('a file outside the case folder is refused unless allowed', () => {
    const raw = caseData((c) => (c.attachments = [{ file: '../elsewhere.pdf', kind: 'other', title: 'X' }]));
    expect(validateCase(raw, { today: TODAY, attachmentFiles: { baseDir: dir } }).diagnostics.map((d) => d.code)).toEqual(['validate/attachment-outside']);
    expect(validateCase(raw, { today: TODAY, attachmentFiles: { baseDir: dir, allowOutside: true } }).diagnostics).toEqual([]);
  });

  it('without the options (library use on data alone) neither the payer nor the files are looked up', () => {
    const raw = caseData((c) => ((c.payer = 'no-such-payer'), (c.attachments = [{ file: 'lost.pdf', kind: 'other', title: 'Lost' }])));
    expect(validateCase(raw, { today: TODAY }).case).toBeDefined();
  });
});

describe('validate: places', () => {
  it('an expedited request without a reason points at the urgency line, not the first line of `request`', () => {
    const text = stringify(caseData((c) => ((c.request.urgency = 'expedited'), delete c.request.expeditedReason)));
    const d = fromYaml(text).diagnostics.find((x) => x.code === 'validate/expedited-needs-reason')!;
    expect(formatPath(d.path)).toBe('request.expeditedReason');
    expect(d.place!.line).toBe(lineOf(text, /^ {2}urgency: expedited/));
    expect(d.place!.line).not.toBe(lineOf(text, /^ {2}kind:/));
  });

  it('…and at the reason when it is written but empty (null)', () => {
    const text = stringify(caseData((c) => ((c.request.urgency = 'expedited'), (c.request.expeditedReason = null))));
    const d = fromYaml(text).diagnostics.find((x) => x.code === 'validate/expedited-needs-reason')!;
    expect(d.place!.line).toBe(lineOf(text, /^ {2}expeditedReason:/));
  });

  it('a retroactive request needs a reason, and the error points at the retroactive line', () => {
    const text = stringify(caseData((c) => (c.request.retroactive = true)));
    const d = fromYaml(text).diagnostics.find((x) => x.code === 'validate/retroactive-needs-reason')!;
    expect(d).toMatchObject({ severity: 'error', message: 'The request is marked retroactive but gives no reason.' });
    expect(d.place!.line).toBe(lineOf(text, /^ {2}retroactive: true/));
    const given = stringify(caseData((c) => ((c.request.retroactive = true), (c.request.retroactiveReason = 'Started before the plan answered.'))));
    expect(fromYaml(given).case?.request).toMatchObject({ retroactive: true, retroactiveReason: 'Started before the plan answered.' });
  });
});
