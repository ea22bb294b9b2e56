// Check 15: identity mismatches that get packets rejected: subscriber "self" with another name, Medicare
// fee-for-service without an MBI, a Medicare Advantage member ID that is the MBI, a letter signed by someone other
// than the prescriber.
import type { Finding, Rule } from '../rule.js';

/** The MBI's published format (11 characters, letters other than S, L, O, I, B and Z; CMS "Understanding the
 * Medicare Beneficiary Identifier format", not re-checked for issue 10): only a warning, as a plan ID could match. */
const MBI = /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y]{2}\d{2}$/;
const norm = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z\p{L}]+/gu, ' ').trim();

export const rule: Rule = {
  id: 'identity-consistency',
  severity: 'error',
  summary: "Identity mismatches: subscriber \"self\" under another name, a Medicare fee-for-service case without an MBI, a Medicare Advantage member ID that is the MBI (a warning when it only looks like one: MA plans use their own member ID), a letter signed by someone other than the prescriber.",
  check({ case: c }) {
    const out: Finding[] = [];
    const sub = c.coverage.subscriber;
    if (sub?.relationship === 'self' && !norm(sub.name).includes(norm(c.patient.lastName))) {
      // Names are patient identity: the message says which fields disagree, never what they hold.
      out.push({ path: ['coverage', 'subscriber', 'name'], message: "The subscriber is marked \"self\" but the subscriber's name does not contain the patient's last name.", hint: 'Fix the subscriber name or its relationship to the patient.' });
    }
    if (c.coverage.lineOfBusiness === 'medicare-ffs' && !c.patient.mbi) {
      out.push({ path: ['patient', 'mbi'], message: 'This Medicare fee-for-service case has no Medicare Beneficiary Identifier (MBI).', hint: 'Add `patient.mbi` from the Medicare card.' });
    }
    // A Medicare Advantage plan knows its member by the plan's own ID; the MBI is not the member ID there.
    const memberId = c.patient.memberId.replace(/[\s-]/g, '').toUpperCase();
    const sameAsMbi = !!c.patient.mbi && memberId === c.patient.mbi.replace(/[\s-]/g, '').toUpperCase();
    if (c.coverage.lineOfBusiness === 'medicare-advantage' && (sameAsMbi || MBI.test(memberId))) {
      out.push({ ...(sameAsMbi ? {} : { severity: 'warning' as const }), path: ['patient', 'memberId'], message: `The member ID of this Medicare Advantage case ${sameAsMbi ? 'is the' : 'looks like a'} Medicare Beneficiary Identifier (MBI), not the plan's member ID.`, hint: "Use the member ID on the Medicare Advantage plan's card; the MBI may stay in `patient.mbi`." });
    }
    const surname = norm(c.prescriber.name).split(' ').pop() ?? '';
    if (surname && !norm(c.signature.signer).includes(surname)) {
      out.push({ severity: 'warning', path: ['signature', 'signer'], message: `The letter is signed by "${c.signature.signer}", not by the prescriber (${c.prescriber.name}).`, hint: 'The treating practitioner signs the letter of medical necessity; correct the signer or the prescriber.' });
    }
    return out;
  },
};
