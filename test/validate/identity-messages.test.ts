import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../src/diagnostics/format-diagnostics.js';
import { formatPath } from '../../src/diagnostics/diagnostic.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { checkCase } from '../../src/preflight/check-case.js';
import { caseData, IDENTITY_NEEDLES, identityInvalidCase } from '../hostile/make-input.js';
import { TODAY } from '../support/build-case.js';

describe('messages never repeat patient identity', () => {
  it('a case whose identity fields are all invalid names each field and rule, and none of the values', () => {
    const { diagnostics } = validateCase(identityInvalidCase(), { today: TODAY });
    const paths = diagnostics.map((d) => formatPath(d.path));
    expect(paths).toEqual(
      expect.arrayContaining([
        'patient.firstName',
        'patient.lastName',
        'patient.dateOfBirth',
        'patient.memberId',
        'patient.groupNumber',
        'patient.phone',
        'patient.address.line1',
        'patient.address.city',
        'patient.address.state',
        'patient.address.postalCode',
        'coverage.subscriber.name',
      ]),
    );
    const printed = formatDiagnostics(diagnostics, 'human') + formatDiagnostics(diagnostics, 'json');
    for (const needle of IDENTITY_NEEDLES) expect(printed, needle).not.toContain(needle);
    // Each still says what the rule is.
    const byPath = (p: string) => diagnostics.find((d) => formatPath(d.path) === p)!.message;
    expect(byPath('patient.dateOfBirth')).toMatch(/must be a calendar date written YYYY-MM-DD/);
    expect(byPath('patient.phone')).toMatch(/must be a phone number with area code/);
    expect(byPath('patient.firstName')).toMatch(/longer than 80 characters/);
    expect(byPath('patient.lastName')).toMatch(/should be text, but it is a number/);
    expect(byPath('patient.groupNumber')).toMatch(/should be text, but it is a number/);
  });

  it('wrong types and too-long member IDs are described without their value', () => {
    const messages = (change: Parameters<typeof caseData>[0]) => formatDiagnostics(validateCase(caseData(change), { today: TODAY }).diagnostics);
    expect(messages((c) => (c.patient.memberId = 98765432109876543210))).not.toContain('98765');
    expect(messages((c) => (c.patient.sex = 'Secretive'))).not.toContain('Secretive');
    expect(messages((c) => (c.patient.mbi = 123456789012345))).not.toContain('123456789012345');
  });

  it('date rules compare with the date of birth without printing it', () => {
    const dob = '1961-04-02';
    const future = formatDiagnostics(validateCase(caseData((c) => (c.patient.dateOfBirth = '2027-01-01')), { today: TODAY }).diagnostics);
    expect(future).toMatch(/date of birth is after the packet date/);
    expect(future).not.toContain('2027-01-01');
    const before = validateCase(caseData((c) => (c.clinical.diagnosedOn = '1950-01-01')), { today: TODAY }).diagnostics;
    expect(formatDiagnostics(before)).toMatch(/1950-01-01\) is before the patient's date of birth/);
    expect(formatDiagnostics(before)).not.toContain(dob);
  });

  it('codes and NPIs, which are not patient identity, are still quoted to help find the typo', () => {
    const d = validateCase(caseData((c) => ((c.items[0].hcpcs = 'E766'), (c.prescriber.npi = '1234567890'))), { today: TODAY }).diagnostics;
    expect(formatDiagnostics(d)).toContain('"E766"');
    expect(formatDiagnostics(d)).toContain('"1234567890"');
  });

  it('the preflight identity check says which names disagree, not what they are', () => {
    const raw = caseData((c) => (c.coverage.subscriber = { name: 'Quentin Otherperson', relationship: 'self' }));
    const found = checkCase(raw, { today: TODAY }).diagnostics.filter((d) => formatPath(d.path) === 'coverage.subscriber.name');
    expect(found.map((d) => d.message)).toEqual(["The subscriber is marked \"self\" but the subscriber's name does not contain the patient's last name."]);
    const { firstName, lastName } = caseData().patient as { firstName: string; lastName: string };
    for (const name of ['Quentin', 'Otherperson', firstName, lastName]) expect(formatDiagnostics(found)).not.toContain(name);
  });
});
