// Property test over generated cases: whatever valid case is exported, the bundle passes the R4 structure validator,
// the PAS rule checks and the PAS profiles (but for what the case does not state), is the same bytes when built again, and carries the case's codes and dates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Claim } from '@medplum/fhirtypes';
import { buildPasBundle } from '../../src/fhir/build-pas-bundle.js';
import { checkPasBundle } from '../../src/fhir/check-pas-bundle.js';
import { checkPasProfiles } from '../../src/fhir/check-pas-profiles.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { TODAY } from '../support/build-case.js';
import { caseFrom, changes } from '../support/case-generator.js';
import { r4Issues } from './r4-validator.js';

describe('property: exporting any valid case', () => {
  it('gives an R4-valid bundle that passes the PAS checks and profiles, deterministically, with the case codes', async () => {
    let exported = 0;
    await fc.assert(
      fc.asyncProperty(changes, async (ch) => {
        const { case: c } = validateCase(caseFrom(ch), { today: TODAY });
        fc.pre(c !== undefined); // a few combinations are invalid cases (e.g. a rule about the request kind)
        const input = { date: new Date('2026-08-12T00:00:00Z'), payerName: 'A payer', packet: new Uint8Array([37, 80, 68, 70, 45]), attachments: c!.attachments.map(() => ({ bytes: new Uint8Array([1]), contentType: 'application/pdf' })) };
        const b = buildPasBundle(c!, input);
        expect(r4Issues(b)).toEqual([]);
        expect(checkPasBundle(b).filter((d) => d.severity === 'error')).toEqual([]);
        // The profiles' only complaints are what a case may leave unstated or cannot say: the place of service, who
        // holds the policy, and a dependent's policyholder's member ID and sex (export-pas turns each into a warning).
        const gaps = [...(c!.request.placeOfService ? [] : [/\.location\[x\]: Missing required property/]), ...(c!.coverage.subscriber ? [] : [/self-beneficiary/]), /conform to PASSubscriber/];
        expect((await checkPasProfiles(b)).map((d) => d.message).filter((m) => !gaps.some((g) => g.test(m)))).toEqual([]);
        expect(JSON.stringify(buildPasBundle(c!, input))).toBe(JSON.stringify(b));
        const claim = b.entry![0]!.resource as Claim;
        expect(claim.diagnosis!.map((d) => d.diagnosisCodeableConcept!.coding![0]!.code).sort()).toEqual(c!.diagnoses.map((d) => d.code).sort());
        expect(claim.item!.map((i) => i.productOrService.coding![0]!.code)).toEqual(c!.items.map((i) => i.hcpcs ?? i.cpt ?? i.ndc));
        expect(claim.priority!.coding![0]!.code).toBe(c!.request.urgency === 'expedited' ? 'stat' : 'normal');
        exported++;
      }),
      { numRuns: 80 },
    );
    // Most generated cases are valid: the property is not passing vacuously.
    expect(exported).toBeGreaterThan(40);
  });
});
