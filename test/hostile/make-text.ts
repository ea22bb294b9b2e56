// Hostile text for the text-on-the-page tests: every field at its maximum length in wide letters, right-to-left
// names, bidi control characters. Pure functions; nothing is written here.
import { buildCase, type RawCase } from '../support/build-case.js';

/** `n` wide letters ("W" and "Ш" alternating), with no break opportunity: the hardest text to fit. */
export const wide = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 'Ш' : 'W')).join('');
export const WW = (n: number) => 'W'.repeat(n);
const PHONE = '+44  (20)  7946 - 0958 ext. 123'; // 31 characters, printed as typed (not a North American number)
const EMAIL = `${WW(64)}@${'w'.repeat(63)}.${'w'.repeat(63)}.${'w'.repeat(57)}.com`;
const ADDRESS = { line1: wide(120), line2: wide(120), city: wide(80), state: 'WW', postalCode: '99999-9999' };

/** The gbm-initial case with every text field at the case format's maximum length. */
export function maxLengthCase(payer: string, kind: 'initial' | 'continuation' = 'initial'): RawCase {
  return buildCase((c) => {
    c.payer = payer;
    c.caseId = WW(32);
    c.request.urgency = 'expedited';
    c.request.expeditedReason = wide(2000);
    Object.assign(c.patient, { firstName: wide(80), middleName: wide(80), lastName: wide(80), suffix: wide(10), memberId: WW(40), groupNumber: WW(40), mbi: WW(11), phone: PHONE, address: ADDRESS });
    c.coverage = { ...c.coverage, payerName: wide(120), planName: wide(120), subscriber: { name: wide(120), relationship: 'spouse' }, payerFax: PHONE, payerPhone: PHONE };
    Object.assign(c.prescriber, { name: wide(120), credentials: wide(40), specialty: wide(80), organization: wide(120), fax: PHONE, email: EMAIL, contactName: wide(120), address: ADDRESS });
    c.supplier = { name: wide(120), ptan: WW(20), phone: PHONE, fax: PHONE, address: ADDRESS };
    c.diagnoses = [{ code: 'C71.1', description: wide(200), primary: true }, { code: 'R56.9', description: wide(200) }];
    Object.assign(c.clinical, { histology: wide(300), tumorSite: wide(200) });
    c.clinical.latestImaging = { ...c.clinical.latestImaging, modality: wide(200), summary: wide(2000) };
    c.items = [{ ...c.items[0], description: wide(300), brand: wide(120), unit: wide(40), dose: wide(120), frequency: wide(120), modifiers: ['KF', 'KX', 'RR', 'NU'] }];
    c.priorTherapies = c.priorTherapies.slice(0, 2).map((t: RawCase) => ({ ...t, name: wide(300), outcome: wide(2000) }));
    c.necessity = { summary: wide(20000), rationale: wide(20000), adjunctTo: wide(300), expectedOutcomes: wide(20000), alternativesConsidered: wide(20000), references: [wide(1000)] };
    c.deviceReadiness = { ...c.deviceReadiness, contraindications: [wide(200)] };
    c.followUp = { ...c.followUp, plan: wide(20000) };
    if (kind === 'continuation') {
      c.request.kind = 'continuation';
      c.followUp.usageReports = [{ from: '2026-08-01', to: '2026-08-31', averageHoursPerDay: 19.2, percentUsage: 80 }];
      c.followUp.reevaluation = { date: '2026-11-10', inPerson: true, findings: wide(20000) };
    }
    c.attachments = [{ file: 'tiny.png', kind: 'pathology', title: wide(200) }, { file: 'tiny.png', kind: 'clinic-note', title: wide(200) }];
    c.signature = { ...c.signature, signer: c.prescriber.name };
  });
}


/** The gbm-initial case with a patient's last name in Arabic script (not printable without shaping). */
export const arabicNameCase = () => buildCase((c) => ((c.payer = 'generic-commercial'), (c.patient.lastName = 'الخطيب')));

/**
 * A last name hiding a RIGHT-TO-LEFT OVERRIDE (it would display "Smith" as "htimS") and an isolate pair in the
 * member ID: what a forged or pasted value looks like.
 */
export const bidiControlCase = () =>
  buildCase((c) => {
    c.payer = 'generic-commercial';
    c.patient.lastName = 'Sm\u202Eith';
    c.patient.memberId = '\u2067W123456789\u2069';
    c.coverage.subscriber.name = 'José Smith'; // the policyholder (self), typed without the override
  });
