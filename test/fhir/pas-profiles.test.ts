// The PAS profile check: the vendored Da Vinci PAS 2.2.1 StructureDefinitions, what the validator cannot evaluate
// (named, so a new package version that adds to it shows here), that it finds real departures at every level of a
// resource, and how the export reports what a case does not state.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Claim, Coverage, Patient } from '@medplum/fhirtypes';
import profiles from '../../src/fhir/pas-profiles.json' with { type: 'json' };
import { buildPasBundle } from '../../src/fhir/build-pas-bundle.js';
import { checkPasProfiles, pasProfiles } from '../../src/fhir/check-pas-profiles.js';
import { PAS_PROFILE } from '../../src/fhir/code-systems.js';
import { exportPas } from '../../src/fhir/export-pas.js';
import { buildCase, TODAY } from '../support/build-case.js';
import { validateCase } from '../../src/validate/validate-case.js';
import type { Case } from '../../src/validate/case-schema.js';

const date = new Date('2026-08-12T00:00:00Z');
const input = { date, payerName: 'A payer', packet: new Uint8Array([37, 80, 68, 70, 45]), attachments: [] };

function validCase(patch: (raw: Record<string, any>) => void = () => {}): Case {
  const raw = buildCase() as Record<string, any>;
  raw.attachments = [];
  raw.request.placeOfService = '12';
  raw.coverage.subscriber = { name: `${raw.patient.firstName} ${raw.patient.lastName}`, relationship: 'self' };
  patch(raw);
  const { case: c, diagnostics } = validateCase(raw, { today: TODAY });
  if (!c) throw new Error(JSON.stringify(diagnostics));
  return c;
}

const messages = async (b: Bundle) => (await checkPasProfiles(b)).map((d) => d.message);

describe('the vendored PAS profiles', () => {
  it('are the published 2.2.1 snapshots, with their source named', () => {
    const b = profiles as unknown as Bundle;
    expect((b.meta as { source: string }).source).toMatch(/hl7\.fhir\.us\.davinci-pas#2\.2\.1/);
    const urls = b.entry!.map((e) => (e.resource as { url: string }).url);
    for (const url of Object.values(PAS_PROFILE)) expect(urls).toContain(url);
    for (const e of b.entry!) {
      expect((e.resource as { version: string }).version).toBe('2.2.1');
      expect((e.resource as { snapshot: { element: unknown[] } }).snapshot.element.length).toBeGreaterThan(1);
    }
  });

  it('name each slicing the offline validator cannot evaluate, and no others', async () => {
    const { relaxed } = await pasProfiles();
    expect(relaxed.map((r) => `${r.profile.split('/').pop()} ${r.element}`).sort()).toEqual([
      'profile-claim Claim.careTeam',
      'profile-claim-base Claim.careTeam',
      'profile-coverage Coverage.relationship.coding',
      'profile-documentreference DocumentReference.category',
      'profile-medicationrequest MedicationRequest.category',
    ]);
  });
});

describe('checking a bundle against the PAS profiles', () => {
  let bundle: Bundle;
  beforeAll(() => {
    bundle = buildPasBundle(validCase(), input);
  });
  const mutated = (change: (b: Bundle & { entry: { resource: any }[] }) => void) => {
    const b = structuredClone(bundle) as Bundle & { entry: { resource: any }[] };
    change(b);
    return b;
  };

  it('finds nothing in a complete export, which claims a profile on each PAS resource', async () => {
    expect(await messages(bundle)).toEqual([]);
    const claimed = bundle.entry!.map((e) => `${e.resource!.resourceType} ${e.resource!.meta?.profile?.[0]?.split('/').pop() ?? '-'}`);
    expect(claimed).toContain('Claim profile-claim');
    expect(claimed).toContain('Patient profile-beneficiary');
    expect(claimed).toContain('Coverage profile-coverage');
    expect(claimed).toContain('Organization profile-insurer');
    expect(claimed).toContain('PractitionerRole profile-practitionerrole');
    expect(bundle.meta?.profile).toEqual([PAS_PROFILE.bundle]);
  });

  it.each([
    ['the Bundle identifier', (b: any) => delete b.identifier, /PASRequestBundle at Bundle\.identifier: Missing required/],
    ['a Claim line\'s certification type (a slice of the item extensions)', (b: any) => b.entry[0].resource.item[0].extension.splice(1, 1), /PASClaim at Claim\.item\[0\]\.extension: .*'certificationType'/],
    ['the care-team scope extension', (b: any) => delete b.entry[0].resource.careTeam[0].extension, /PASClaim at Claim\.careTeam\[0\]\.extension: Missing required/],
    ['a document\'s documentInformation (a slice inside the AdditionalInformation slice)', (b: any) => delete b.entry[0].resource.supportingInfo[0].extension, /PASClaim at Claim\.supportingInfo\[0\]\.extension: Missing required/],
    ['a line\'s place of service', (b: any) => delete b.entry[0].resource.item[0].locationCodeableConcept, /PASClaim at Claim\.item\[0\]\.location\[x\]: Missing required/],
    ['the Coverage member identifier', (b: any) => delete b.entry.find((e: any) => e.resource.resourceType === 'Coverage').resource.identifier, /PASCoverage at Coverage\.identifier: Missing required/],
    ['the X12 self code beside a relationship without a subscriber', (b: any) => {
      const cov = b.entry.find((e: any) => e.resource.resourceType === 'Coverage').resource;
      cov.relationship.coding.pop();
      delete cov.subscriber;
    }, /PASCoverage at Coverage: Constraint self-beneficiary not met/],
    ['the patient\'s name', (b: any) => delete b.entry[1].resource.name, /PASBeneficiary at Patient\.name: Missing required/],
    ['well-formed date on a supporting Condition (no PAS profile: checked as R4 through the Bundle)', (b: any) => (b.entry.find((e: any) => e.resource.resourceType === 'Condition').resource.onsetDateTime = '26/08/2026'), /PASRequestBundle at Bundle\.entry\[\d+\]\.resource\.onset\[x\]: Invalid dateTime/],
  ])('finds a missing %s, naming the resource and element', async (_what, change, expected) => {
    const found = await messages(mutated(change));
    expect(found.some((m) => expected.test(m)), found.join('\n')).toBe(true);
  });
});

describe('what a case does not state, in the export', () => {
  it('a case without coverage.subscriber: relationship "not stated", one warning naming the field, no error', async () => {
    const c = validCase((raw) => delete raw.coverage.subscriber);
    const { bundle, diagnostics } = await exportPas({ case: c, bytes: input.packet }, { date, baseDir: '.' });
    const coverage = bundle.entry!.find((e) => e.resource!.resourceType === 'Coverage')!.resource as Coverage;
    expect(coverage.relationship).toEqual({ text: 'not stated in the case' });
    expect(coverage.subscriber).toBeUndefined();
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'fhir/pas-subscriber', severity: 'warning', path: ['coverage', 'subscriber'] }));
  });

  it('a self subscriber: the FHIR and X12 codes, the Patient as subscriber, no finding', async () => {
    const { bundle, diagnostics } = await exportPas({ case: validCase(), bytes: input.packet }, { date, baseDir: '.' });
    const coverage = bundle.entry!.find((e) => e.resource!.resourceType === 'Coverage')!.resource as Coverage;
    expect(coverage.relationship!.coding).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' },
      { system: 'https://codesystem.x12.org/005010/1069', code: '18' },
    ]);
    expect(coverage.subscriber).toEqual(coverage.beneficiary);
    expect(diagnostics).toEqual([]);
  });

  it('a spouse as policyholder: a PASSubscriber Patient by name, and one warning for what the case cannot give', async () => {
    const c = validCase((raw) => (raw.coverage.subscriber = { name: 'Sam Rivera', relationship: 'spouse' }));
    const { bundle, diagnostics } = await exportPas({ case: c, bytes: input.packet }, { date, baseDir: '.' });
    const coverage = bundle.entry!.find((e) => e.resource!.resourceType === 'Coverage')!.resource as Coverage;
    const holder = bundle.entry!.find((e) => e.fullUrl === coverage.subscriber!.reference)!.resource as Patient;
    expect(holder).toMatchObject({ resourceType: 'Patient', meta: { profile: [PAS_PROFILE.subscriber] }, name: [{ text: 'Sam Rivera' }] });
    expect(coverage.relationship!.coding!.map((x) => x.code)).toEqual(['spouse', '01']);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.code === 'fhir/pas-subscriber-details')).toHaveLength(1);
    expect((bundle.entry![0]!.resource as Claim).patient.reference).not.toBe(coverage.subscriber!.reference);
  });
});
