// One rule for every text field: in YAML, a value written without quotes where the case format expects text is the
// text typed (never "100000" for 1E5 or "31" for 0x1F); in JSON and data from code, a number there is refused with a
// message saying to quote it, as `authpack schema` says.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatDiagnostics } from '../../src/diagnostics/format-diagnostics.js';
import { formatPath } from '../../src/diagnostics/diagnostic.js';
import { parseCaseText } from '../../src/load/load-case.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { caseData } from '../hostile/make-input.js';
import { TODAY } from '../support/build-case.js';

/** The valid case (a CPT item) as YAML, with each text in `replace` replaced. */
function yamlWith(replace: Record<string, string>): string {
  let text = stringify(caseData((c) => (c.items = [{ cpt: '70553', description: 'MRI', modifiers: ['KF'] }])));
  for (const [from, to] of Object.entries(replace)) {
    expect(text, from).toContain(from);
    text = text.replace(from, to);
  }
  return text;
}

const validate = (text: string, name = 'case.yaml') => {
  const { raw, source } = parseCaseText(text, name);
  return validateCase(raw, { source, today: TODAY });
};

describe('numbers typed where text is expected', () => {
  it('YAML: read as the text typed, in identifiers, codes, modifiers and other text', () => {
    const text = yamlWith({
      'cpt: "70553"': 'cpt: 72148',
      'description: MRI': 'description: 12.50',
      '- KF': '- 59',
      'memberId: W123456789': 'memberId: 1E5',
      'groupNumber: "884410"': 'groupNumber: 0x1F',
      'caseId: PA-2026-0142': 'caseId: 20260142',
    });
    const { case: c, diagnostics } = validate(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c!.items[0]).toMatchObject({ cpt: '72148', description: '12.50', modifiers: ['59'] });
    expect(c!.patient.memberId).toBe('1E5');
    expect(c!.patient.groupNumber).toBe('0x1F');
    expect(c!.caseId).toBe('20260142');
  });

  it('YAML: the NPI and a ZIP code with its leading zero', () => {
    const text = yamlWith({ 'npi: "1234567893"': 'npi: 1234567893', 'postalCode: "04101"': 'postalCode: 04101' });
    const { case: c } = validate(text);
    expect(c!.prescriber.npi).toBe('1234567893');
    expect(c!.patient.address!.postalCode).toBe('04101');
  });

  it('YAML: number fields still take numbers written plainly, and refuse what YAML would change', () => {
    expect(validate(yamlWith({ 'requestedMonths: 3': 'requestedMonths: 3' })).case!.request.requestedMonths).toBe(3);
    const d = validate(yamlWith({ 'requestedMonths: 3': 'requestedMonths: 1e1' })).diagnostics;
    expect(d.map((x) => [formatPath(x.path), x.code])).toEqual([['request.requestedMonths', 'validate/wrong-type']]);
    expect(d[0]!.message).toBe('The number of months requested should be a number, but it is the text "1e1".');
  });

  it('JSON: a number in a text field is refused, quoting it as written and saying to quote it', () => {
    const json = JSON.stringify(caseData((c) => (c.items = [{ cpt: 'CPT', description: 'x', modifiers: ['KF'] }]))).replace('"CPT"', '1E5');
    const d = validate(json, 'case.json').diagnostics;
    expect(d.map((x) => [formatPath(x.path), x.code])).toEqual([['items[0].cpt', 'validate/wrong-type']]);
    expect(d[0]!.message).toBe('The CPT code should be text, but it is the number 1E5.');
    expect(d[0]!.hint).toContain('"1E5"');
    expect(formatDiagnostics(d)).not.toContain('100000');
  });

  it('JSON: a number in an identity field is refused without repeating it', () => {
    const json = JSON.stringify(caseData()).replace('"W123456789"', '123456789');
    const d = validate(json, 'case.json').diagnostics;
    expect(d.map((x) => formatPath(x.path))).toEqual(['patient.memberId']);
    expect(d[0]!.message).toBe('The member ID should be text, but it is a number.');
    expect(formatDiagnostics(d)).not.toContain('123456789');
  });

  it('data from code (NDJSON, the library): the same refusal', () => {
    const d = validateCase(caseData((c) => (c.diagnoses[0].code = 7)), { today: TODAY }).diagnostics;
    expect(d.map((x) => x.message)).toEqual(['The ICD-10-CM code should be text, but it is the number 7.']);
  });

  it('JSON keeps JSON numbers in number fields (1e1 is 10, as JSON Schema reads it)', () => {
    const json = JSON.stringify(caseData()).replace('"requestedMonths":3', '"requestedMonths":1e1');
    expect(json).toContain('1e1');
    expect(validate(json, 'case.json').case!.request.requestedMonths).toBe(10);
  });

  it('free-form data under extra is left as YAML reads it', () => {
    const { case: c } = validate(`${yamlWith({})}extra:\n  n: 12.50\n`);
    expect(c!.extra).toEqual({ n: 12.5 });
  });
});
