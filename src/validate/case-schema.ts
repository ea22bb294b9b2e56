// The case file format v1 as a zod schema: types, formats and enums. Cross-field rules live in check-case-rules.ts.
import { z } from 'zod';
import { BATES_PREFIX_MAX } from '../format/bates.js';
import { CPT, HCPCS, ICD10_CM, MODIFIER, NDC, isIsoDate, isValidNpi } from './formats.js';

/** A label for messages ("the patient's date of birth") and a description for the JSON Schema. */
const about = <T extends z.ZodType>(schema: T, title: string, description?: string, example?: unknown): T =>
  schema.meta({ title, ...(description ? { description } : {}), ...(example !== undefined ? { examples: [example] } : {}) });

const text = (max = 2000) => z.string().trim().min(1, { error: 'is empty; write it out or remove the field' }).max(max, { error: `is longer than ${max} characters` });
const longText = () => text(20000);
/** Identifiers are strings; an unquoted YAML number is accepted and turned back into text. */
const ident = (max = 40) =>
  z.union([z.string(), z.number().int().nonnegative()]).transform((v) => String(v).trim()).pipe(text(max));

const dateMessage = (iss: { input?: unknown }) => `must be a calendar date written YYYY-MM-DD, like 2026-11-20; got "${String(iss.input)}"`;
const isoDate = () =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: dateMessage, abort: true }).refine(isIsoDate, { error: dateMessage }).meta({ format: 'date' });
// A phone number with an extension is under 32 characters; the limit keeps it on one line of the cover's columns.
const phone = () =>
  z.string().trim().max(32, { error: 'is longer than 32 characters' }).refine((s) => { const d = s.replace(/\D/g, ''); return d.length >= 10 && d.length <= 15 && /^[+\d\s().-]+(\s*(x|ext\.?)\s*\d+)?$/i.test(s); }, {
    error: (iss) => `must be a phone or fax number with area code, like +1 555 010 0200; got "${String(iss.input)}"`,
  });
const npi = () =>
  ident(10).refine((s) => /^[12]\d{9}$/.test(s), { error: (iss) => `must be 10 digits starting with 1 or 2; got "${String(iss.input)}"` })
    .refine(isValidNpi, { error: (iss) => `fails the NPI check digit ("${String(iss.input)}" is not a valid NPI: a digit is probably mistyped)` });

const address = () =>
  z.strictObject({
    line1: text(120),
    line2: text(120).optional(),
    city: text(80),
    state: z.string().trim().regex(/^[A-Z]{2}$/, { error: 'must be a two-letter state code such as ME' }),
    postalCode: ident(10).refine((s) => /^\d{5}(-\d{4})?$/.test(s), { error: 'must be a ZIP code such as 04101 or 04101-1234 (quote it in YAML to keep a leading zero)' }),
  });

export const THERAPY_CATEGORIES = ['surgery', 'biopsy', 'radiation', 'chemoradiation', 'chemotherapy', 'systemic', 'device', 'other'] as const;
export const STOP_REASONS = ['completed', 'progression', 'intolerance', 'contraindicated', 'ongoing'] as const;
export const ATTACHMENT_KINDS = ['pathology', 'operative-note', 'radiation-summary', 'chemotherapy-record', 'imaging', 'clinic-note', 'usage-report', 'order', 'other'] as const;
export const LINES_OF_BUSINESS = ['commercial', 'medicare-ffs', 'medicare-advantage', 'medicaid', 'chip', 'exchange'] as const;

const patient = z.strictObject({
  firstName: about(text(80), "patient's first name"),
  middleName: about(text(80), "patient's middle name").optional(),
  lastName: about(text(80), "patient's last name"),
  suffix: about(text(10), "patient's name suffix", 'Jr., Sr., III').optional(),
  dateOfBirth: about(isoDate(), "patient's date of birth", undefined, '1961-04-02'),
  sex: about(z.enum(['female', 'male', 'other', 'unknown']), "patient's sex"),
  memberId: about(ident(40), 'member ID', 'As printed on the insurance card.', 'W123456789'),
  groupNumber: about(ident(40), 'group number').optional(),
  mbi: about(ident(11), 'Medicare Beneficiary Identifier').optional(),
  phone: about(phone(), "patient's phone").optional(),
  address: about(address(), "patient's address").optional(),
});

const coverage = z.strictObject({
  payerName: about(text(120), 'payer name', 'The health plan as named on the card; overrides the payer profile display name on the packet.').optional(),
  planName: about(text(120), 'plan name').optional(),
  lineOfBusiness: about(z.enum(LINES_OF_BUSINESS), 'line of business'),
  subscriber: z.strictObject({ name: text(120), relationship: z.enum(['self', 'spouse', 'child', 'other']) }).optional(),
  payerFax: about(phone(), "payer's fax number", 'Where the packet is faxed, when the payer profile has none or it differs.').optional(),
  payerPhone: about(phone(), "payer's phone number").optional(),
});

const prescriber = z.strictObject({
  name: about(text(120), "prescriber's name"),
  credentials: about(text(40), "prescriber's credentials", 'MD, DO, NP ...'),
  specialty: text(80).optional(),
  npi: about(npi(), "prescriber's NPI"),
  organization: text(120).optional(),
  phone: about(phone(), "prescriber's phone"),
  fax: about(phone(), "prescriber's fax").optional(),
  email: z.email({ error: 'must be an e-mail address' }).max(254, { error: 'is longer than 254 characters, the longest an e-mail address can be' }).optional(),
  contactName: about(text(120), 'office contact for this request').optional(),
  address: address().optional(),
});

const supplier = z.strictObject({
  name: about(text(120), "supplier's name"),
  npi: about(npi(), "supplier's NPI").optional(),
  ptan: ident(20).optional(),
  phone: phone().optional(),
  fax: phone().optional(),
  address: address().optional(),
});

const diagnosis = z.strictObject({
  code: about(
    z.string().trim().toUpperCase().regex(ICD10_CM, { error: (iss) => `must be an ICD-10-CM code such as C71.1 (letter, digit, character, then a dot and up to 4 more); got "${String(iss.input)}"` }),
    'ICD-10-CM code',
  ),
  description: text(200).optional(),
  primary: z.boolean().default(false),
});

const item = z
  .strictObject({
    hcpcs: about(z.string().trim().toUpperCase().regex(HCPCS, { error: (iss) => `must be a HCPCS Level II code: one letter and four digits, like E0766; got "${String(iss.input)}"` }), 'HCPCS code').optional(),
    cpt: about(z.string().trim().toUpperCase().regex(CPT, { error: (iss) => `must be a CPT code: five characters, like 70553; got "${String(iss.input)}"` }), 'CPT code').optional(),
    ndc: about(z.string().trim().regex(NDC, { error: (iss) => `must be an 11-digit NDC in 5-4-2 form, like 00002-7510-01; got "${String(iss.input)}"` }), 'NDC').optional(),
    description: about(text(300), 'item description'),
    brand: text(120).optional(),
    modifiers: about(
      z.array(z.string().trim().toUpperCase().regex(MODIFIER, { error: (iss) => `must be a 2-character modifier such as KF; got "${String(iss.input)}"` })).max(4, { error: 'has more than 4 modifiers; a claim line carries at most 4' }),
      'modifiers',
    ).default([]),
    quantity: z.number().int().positive().default(1),
    acquisition: z.enum(['rental', 'purchase']).optional(),
    unit: text(40).optional(),
    dose: text(120).optional(),
    frequency: text(120).optional(),
  })
  .refine((i) => [i.hcpcs, i.cpt, i.ndc].filter(Boolean).length === 1, { error: 'needs exactly one code: `hcpcs`, `cpt` or `ndc`' });

const priorTherapy = z.strictObject({
  name: about(text(300), 'therapy name'),
  category: z.enum(THERAPY_CATEGORIES),
  start: about(isoDate(), 'start date'),
  end: about(isoDate(), 'end date').optional(),
  outcome: about(text(2000), 'outcome'),
  stoppedBecause: z.enum(STOP_REASONS),
});

const kps = z.number().int().min(0).max(100).refine((n) => n % 10 === 0, { error: 'must be a multiple of 10 (0–100)' });

const clinical = z.strictObject({
  histology: text(300).optional(),
  diagnosedOn: about(isoDate(), 'date of diagnosis').optional(),
  tumorSite: text(200).optional(),
  supratentorial: z.boolean().optional(),
  diseaseStatus: z.enum(['newly-diagnosed', 'recurrent', 'progressive']).optional(),
  performance: z
    .strictObject({ kps: about(kps, 'Karnofsky performance status').optional(), ecog: about(z.number().int().min(0).max(5), 'ECOG performance status').optional(), assessedOn: isoDate().optional() })
    .refine((p) => p.kps !== undefined || p.ecog !== undefined, { error: 'needs a `kps` or an `ecog` score' })
    .optional(),
  latestImaging: z.strictObject({ date: isoDate(), modality: text(200), progression: z.boolean(), summary: text(2000).optional() }).optional(),
});

const usageReport = z.strictObject({
  from: isoDate(),
  to: isoDate(),
  averageHoursPerDay: z.number().min(0).max(24),
  percentUsage: z.number().min(0).max(100),
});

const attachment = z.strictObject({
  file: about(text(500), 'attachment file', 'Path relative to the case file.'),
  kind: z.enum(ATTACHMENT_KINDS),
  title: text(200),
  date: isoDate().optional(),
});

export const caseSchema = z.strictObject({
  version: about(z.literal(1, { error: 'must be 1 (this is case format version 1)' }), 'format version'),
  caseId: about(
    ident(BATES_PREFIX_MAX).refine((s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), { error: 'may use only letters, digits, dots, dashes and underscores (it names files and is printed on every page)' }),
    'case ID',
    "The coordinator's reference, printed on every page.",
    'PA-2026-0142',
  ),
  payer: about(z.string().trim().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be a payer profile id such as generic-commercial (see `authpack payers`)' }), 'payer profile id'),
  request: z.strictObject({
    kind: about(z.enum(['initial', 'continuation']), 'request kind'),
    urgency: about(z.enum(['standard', 'expedited']), 'urgency').default('standard'),
    expeditedReason: about(text(2000), 'reason for an expedited review').optional(),
    requestedStart: about(isoDate(), 'requested start date'),
    requestedMonths: about(z.number().int().min(1).max(60), 'requested months'),
  }),
  patient,
  coverage,
  prescriber,
  supplier: supplier.optional(),
  diagnoses: about(z.array(diagnosis).min(1, { error: 'needs at least one diagnosis code' }).max(12, { error: 'has more than 12 diagnoses; a request carries at most 12' }), 'diagnoses'),
  clinical: clinical.optional(),
  items: about(z.array(item).min(1, { error: 'needs at least one requested item' }), 'requested items'),
  priorTherapies: about(z.array(priorTherapy), 'prior therapies', 'Oldest first; each with dates and an outcome.').default([]),
  necessity: z.strictObject({
    summary: about(longText(), 'necessity summary'),
    rationale: about(longText(), 'necessity rationale'),
    adjunctTo: text(300).optional(),
    expectedOutcomes: longText().optional(),
    alternativesConsidered: longText().optional(),
    references: z.array(text(1000)).default([]),
  }),
  deviceReadiness: z
    .strictObject({
      trainedOn: isoDate().optional(),
      willingToWear18h: z.boolean().optional(),
      headShavingAcknowledged: z.boolean().optional(),
      contraindications: z.array(text(200)).default([]),
    })
    .optional(),
  consent: z.strictObject({ obtained: z.boolean(), date: isoDate().optional() }).optional(),
  followUp: z
    .strictObject({
      plan: longText().optional(),
      usageReports: z.array(usageReport).default([]),
      reevaluation: z.strictObject({ date: isoDate(), inPerson: z.boolean(), findings: longText() }).optional(),
    })
    .default({ usageReports: [] }),
  orders: z
    .strictObject({
      /** Standard written order (SWO) date; for items needing a written order prior to delivery (WOPD) it precedes delivery. */
      writtenOrderDate: about(isoDate(), 'written order date').optional(),
      faceToFaceDate: about(isoDate(), 'face-to-face encounter date').optional(),
      deliveryDate: about(isoDate(), 'delivery date').optional(),
      /** Advance Beneficiary Notice (Medicare): needed for the GA modifier. */
      abn: z.strictObject({ onFile: z.boolean(), date: isoDate().optional() }).optional(),
    })
    .optional(),
  attachments: z.array(attachment).default([]),
  signature: z.strictObject({
    signer: about(text(120), 'signer'),
    date: about(isoDate(), 'signature date'),
    method: about(z.enum(['electronic', 'wet', 'stamp']), 'signature method'),
  }),
  extra: about(z.record(z.string(), z.unknown()), 'extra fields', 'Free-form data for your own templates; authpack itself ignores it.').optional(),
});

export type Case = z.output<typeof caseSchema>;
export type CaseInput = z.input<typeof caseSchema>;
