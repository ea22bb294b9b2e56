// Generated valid-looking cases for property tests: the gbm-initial sample changed in every way the FHIR export
// and import care about (diagnoses, item kinds, urgency, request kind, place of service, line of business, names...).
import fc from 'fast-check';
import { LINES_OF_BUSINESS, STOP_REASONS, THERAPY_CATEGORIES } from '../../src/validate/case-schema.js';
import { buildCase, type RawCase } from './build-case.js';

const ICD = ['C71.1', 'C71.9', 'G47.33', 'M05.79', 'E11.9', 'I10', 'R56.9', 'Z79.899', 'M54.16', 'J44.9', 'K50.90', 'L40.0'];
const ITEMS = [
  { hcpcs: 'E0766', description: 'Tumor treating fields', modifiers: ['KF'], acquisition: 'rental', unit: 'month' },
  { hcpcs: 'A7030', description: 'Full face mask', quantity: 2 },
  { cpt: '72148', description: 'MRI lumbar spine without contrast' },
  { ndc: '0002-7510-01', description: 'A biologic', dose: '40 mg', frequency: 'every 2 weeks', route: 'subcutaneous', daysSupply: 28, benefit: 'pharmacy' },
  { ndc: '12345-6789-01', hcpcs: 'J1745', description: 'Infliximab', dose: '5 mg/kg (400 mg)', benefit: 'medical', quantity: 4, unit: 'vial' },
];
const text = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => /\S/.test(s)), fc.constantFrom('Σοφία', 'Nguyễn Thị', "O'Brien-Łukasz", '😀 Zoë'));

export const changes = fc.record({
  diagnoses: fc.uniqueArray(fc.constantFrom(...ICD), { minLength: 1, maxLength: 12 }),
  primary: fc.boolean(),
  items: fc.array(fc.constantFrom(...ITEMS), { minLength: 1, maxLength: 4 }),
  kind: fc.constantFrom('initial', 'continuation'),
  urgency: fc.constantFrom('standard', 'expedited'),
  placeOfService: fc.option(fc.constantFrom('11', '12', '22'), { nil: undefined }),
  lob: fc.constantFrom(...LINES_OF_BUSINESS),
  subscriber: fc.option(fc.constantFrom('self', 'spouse', 'child', 'other'), { nil: undefined }),
  firstName: text,
  lastName: text,
  therapies: fc.array(fc.record({ category: fc.constantFrom(...THERAPY_CATEGORIES), stoppedBecause: fc.constantFrom(...STOP_REASONS), dose: fc.option(fc.constantFrom('25 mg', '1 g', '10 mg to 5 mg'), { nil: undefined }) }), { maxLength: 5 }),
  measurement: fc.option(fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constantFrom('148/92', 'negative')), { nil: undefined }),
  dropOptional: fc.boolean(),
});

export type Changes = typeof changes extends fc.Arbitrary<infer T> ? T : never;

export function caseFrom(ch: Changes): RawCase {
  return buildCase((c) => {
    c.diagnoses = ch.diagnoses.map((code, i) => ({ code, ...(ch.primary && i === 0 ? { primary: true } : {}) }));
    c.items = ch.items;
    c.request.kind = ch.kind;
    c.request.urgency = ch.urgency;
    c.request.expeditedReason = ch.urgency === 'expedited' ? 'Delay would risk the patient.' : null;
    if (ch.placeOfService) c.request.placeOfService = ch.placeOfService;
    c.coverage.lineOfBusiness = ch.lob;
    if (ch.subscriber) c.coverage.subscriber = { name: 'Pat Example', relationship: ch.subscriber };
    c.patient.firstName = ch.firstName;
    c.patient.lastName = ch.lastName;
    c.priorTherapies = ch.therapies.map((t, i) => ({ name: `Therapy ${i + 1}`, category: t.category, start: '2025-01-01', ...(t.stoppedBecause === 'ongoing' ? {} : { end: '2025-06-01' }), outcome: 'As documented.', stoppedBecause: t.stoppedBecause, ...(t.dose ? { dose: t.dose } : {}) }));
    if (ch.measurement !== undefined) c.clinical.measurements = [{ name: 'A measurement', value: ch.measurement, date: '2026-08-01', ...(typeof ch.measurement === 'number' ? { unit: 'mg/dL', codeSystem: 'LOINC', code: '2345-7' } : {}) }];
    if (ch.dropOptional) {
      for (const k of ['supplier', 'clinical', 'attachments']) delete c[k];
      for (const k of ['groupNumber', 'phone', 'address']) delete c.patient[k];
      for (const k of ['organization', 'fax', 'address', 'specialty']) delete c.prescriber[k];
      for (const k of ['planName', 'payerName', 'payerFax']) delete c.coverage[k];
    }
  });
}
