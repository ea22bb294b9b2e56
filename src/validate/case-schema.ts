// The case file format v1 as a zod schema: types, formats and enums. Cross-field rules live in check-case-rules.ts.
import { z } from 'zod';
import { showText } from '../diagnostics/show-text.js';
import { BATES_PREFIX_MAX } from '../format/bates.js';
import { CPT, HCPCS, ICD10_CM, MODIFIER, NDC, PHONE, PLACE_OF_SERVICE, isIsoDate, isValidNpi, ndcProblem } from './formats.js';

/** A label for messages ("the patient's date of birth") and a description for the JSON Schema. */
const about = <T extends z.ZodType>(schema: T, title: string, description?: string, example?: unknown): T =>
  schema.meta({ title, ...(description ? { description } : {}), ...(example !== undefined ? { examples: [example] } : {}) });

/** Length in characters (code points), the way JSON Schema's maxLength counts them; zod's .max() counts UTF-16 units. */
const chars = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
/** At most `max` characters; carried into the JSON Schema as maxLength. `abort` skips the checks after it. */
const maxChars = (max: number, { error = `is longer than ${max} characters`, abort = false } = {}) =>
  z.string().refine((s) => chars(s) <= max, { error, abort }).meta({ maxLength: max });

// `\S` (some character that is not a space) is "not empty once trimmed", in a form JSON Schema can carry.
const text = (max = 2000) => maxChars(max).regex(/\S/, { error: 'is empty; write it out or remove the field' }).trim();
const longText = () => text(20000);

/**
 * Identifiers are text, as every text field is: a YAML value written without quotes (`memberId: 123456789`,
 * `postalCode: 04101`) is read as the text typed (read-numbers-as-typed.ts); a JSON number is refused.
 */
type Rule = { pattern: RegExp; error: string | ((iss: { input?: unknown }) => string) };
const ident = (max = 40, rule?: Rule) => (rule ? maxChars(max).regex(rule.pattern, { error: rule.error }) : text(max));

/** Patient identity values are never repeated in messages (they reach terminals, logs and reports). */
const dateMessage = (iss: { input?: unknown }) => `must be a calendar date written YYYY-MM-DD, like 2026-11-20; got ${showText(String(iss.input))}`;
const privateDateMessage = 'must be a calendar date written YYYY-MM-DD, like 1961-04-02';
const isoDate = (identity = false) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: identity ? privateDateMessage : dateMessage, abort: true })
    .refine(isIsoDate, { error: identity ? privateDateMessage : dateMessage })
    .meta({ format: 'date' });
const phone = (identity = false) =>
  // The length check comes first and stops the pattern from running on a long hostile text; 32 characters (a
  // number with an extension) keep it on one line of the cover's columns.
  maxChars(32, { error: 'is longer than 32 characters, too long for a phone number', abort: true })
    .regex(PHONE, { error: identity ? 'must be a phone number with area code, like +1 555 010 0200' : (iss) => `must be a phone or fax number with area code, like +1 555 010 0200; got ${showText(String(iss.input))}` })
    .trim();
const npi = () =>
  ident(10, { pattern: /^[12]\d{9}$/, error: (iss) => `must be 10 digits starting with 1 or 2; got ${showText(String(iss.input))}` })
    .refine(isValidNpi, { error: (iss) => `fails the NPI check digit (${showText(String(iss.input))} is not a valid NPI: a digit is probably mistyped)` })
    .meta({ description: 'Ten digits starting with 1 or 2. The NPI check digit (Luhn with the 80840 prefix) is checked by `authpack validate`; JSON Schema cannot express it.' });
/** A code as typed (either case), upper-cased once valid. */
const code = (pattern: RegExp, error: (iss: { input?: unknown }) => string) => z.string().regex(pattern, { error }).toUpperCase();
const got = (what: string) => (iss: { input?: unknown }) => `${what}; got ${showText(String(iss.input))}`;

// Cross-field rules of check-case-rules.ts that JSON Schema can express, attached for `authpack schema`.
/** The field is given: present and not null (null means "not given"). */
const given = (key: string) => ({ required: [key], properties: { [key]: { not: { type: 'null' } } } });
const expeditedNeedsReason = {
  if: { required: ['urgency'], properties: { urgency: { const: 'expedited' } } },
  then: { required: ['expeditedReason'], properties: { expeditedReason: { type: 'string', pattern: '\\S' } } },
};
const retroactiveNeedsReason = {
  if: { required: ['retroactive'], properties: { retroactive: { const: true } } },
  then: { required: ['retroactiveReason'], properties: { retroactiveReason: { type: 'string', pattern: '\\S' } } },
};
const onePrimary = { contains: { type: 'object', required: ['primary'], properties: { primary: { const: true } } }, minContains: 0, maxContains: 1 };
const notGiven = (key: string) => ({ not: given(key) });
/** Exactly one code, except that a drug's NDC may come with its HCPCS J-code. */
const oneCodeOrDrugPair = {
  oneOf: [
    { allOf: [given('hcpcs'), notGiven('cpt'), notGiven('ndc')] },
    { allOf: [given('cpt'), notGiven('hcpcs'), notGiven('ndc')] },
    { allOf: [given('ndc'), notGiven('cpt')] },
  ],
};
const periodGiven = { anyOf: [given('requestedMonths'), given('requestedEnd')] };
const codeWithItsSystem = { allOf: [{ if: given('code'), then: given('codeSystem') }, { if: given('codeSystem'), then: given('code') }] };
const noneMeansNoList = { if: { required: ['noPriorTherapy'], properties: { noPriorTherapy: { const: true } } }, then: { properties: { priorTherapies: { maxItems: 0 } } } };

const address = () =>
  z.strictObject({
    line1: text(120),
    line2: text(120).optional(),
    city: text(80),
    state: z.string().regex(/^[A-Z]{2}$/, { error: 'must be a two-letter state code such as ME' }),
    postalCode: ident(10, { pattern: /^\d{5}(-\d{4})?$/, error: 'must be a ZIP code such as 04101 or 04101-1234' }),
  });

export const THERAPY_CATEGORIES = [
  'medication', 'topical', 'injection', 'infusion', 'physical-therapy', 'behavioral-therapy', 'procedure', 'device',
  'surgery', 'biopsy', 'radiation', 'chemoradiation', 'chemotherapy', 'systemic', 'other',
] as const;
export const STOP_REASONS = ['completed', 'inadequate-response', 'progression', 'intolerance', 'adverse-event', 'contraindicated', 'ongoing'] as const;
export const BENEFITS = ['medical', 'pharmacy'] as const;
export const ATTACHMENT_KINDS = ['pathology', 'operative-note', 'radiation-summary', 'chemotherapy-record', 'imaging', 'clinic-note', 'sleep-study', 'lab-report', 'usage-report', 'order', 'denial-letter', 'original-request', 'other'] as const;
/**
 * The review an appeal case asks for (`denial.level`). Each has its filing and decision clocks, with their sources,
 * in src/appeal/appeal-clocks.json.
 */
export const APPEAL_LEVELS = [
  'internal-appeal-1', 'internal-appeal-2', 'external-review', 'reconsideration',
  'medicare-redetermination', 'medicare-reconsideration', 'ma-reconsideration',
  'medicaid-plan-appeal', 'state-fair-hearing', 'peer-to-peer',
] as const;
/** What a commercial or exchange plan is, for its appeal clocks (ERISA employer plan, other group plan, individual). */
export const PLAN_TYPES = ['erisa-group', 'non-erisa-group', 'individual'] as const;
export const APPEAL_REMEDIES = ['overturn', 'expedited-review', 'peer-to-peer'] as const;
export const LINES_OF_BUSINESS = ['commercial', 'medicare-ffs', 'medicare-advantage', 'medicaid', 'chip', 'exchange'] as const;

const patient = z.strictObject({
  firstName: about(text(80), "patient's first name"),
  middleName: about(text(80), "patient's middle name").optional(),
  lastName: about(text(80), "patient's last name"),
  suffix: about(text(10), "patient's name suffix", 'Jr., Sr., III').optional(),
  dateOfBirth: about(isoDate(true), "patient's date of birth", 'Not after the packet date, and not after any other date of the case (checked by `authpack validate`; JSON Schema cannot compare dates).', '1961-04-02'),
  sex: about(z.enum(['female', 'male', 'other', 'unknown']), "patient's sex"),
  memberId: about(ident(40), 'member ID', 'As printed on the insurance card.', 'W123456789'),
  groupNumber: about(ident(40), 'group number').optional(),
  mbi: about(ident(11), 'Medicare Beneficiary Identifier').optional(),
  phone: about(phone(true), "patient's phone").optional(),
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

const facility = z.strictObject({
  name: about(text(120), "servicing facility's name"),
  npi: about(npi(), "servicing facility's NPI").optional(),
  phone: phone().optional(),
  fax: phone().optional(),
  address: address().optional(),
});

/** A CMS place-of-service code: two digits as text; a YAML number (`22`, `2`) is read as its two digits. */
const placeOfService = z
  .union([
    maxChars(2, { error: 'must be a two-digit place-of-service code such as 11 (office) or 22 (on-campus outpatient hospital)', abort: true }).regex(PLACE_OF_SERVICE, { error: 'must be a two-digit place-of-service code such as 11 (office) or 22 (on-campus outpatient hospital)' }),
    z.number().int({ error: 'must be a two-digit place-of-service code such as 11' }).min(1, { error: 'must be a two-digit place-of-service code such as 11' }).max(99, { error: 'must be a two-digit place-of-service code such as 11' }),
  ])
  .transform((v) => String(v).padStart(2, '0'));

const diagnosis = z.strictObject({
  code: about(
    code(ICD10_CM, got('must be a letter, a digit and a letter or digit, then optionally a dot and up to 4 more, like C71.1')),
    'ICD-10-CM code',
  ),
  description: text(200).optional(),
  primary: z.boolean().default(false),
});

const item = z
  .strictObject({
    hcpcs: about(code(HCPCS, got('must be one letter and four digits, like E0766 (HCPCS Level II)')), 'HCPCS code').optional(),
    cpt: about(code(CPT, got('must be five digits, or four digits and F or T, like 70553')), 'CPT code').optional(),
    ndc: about(
      z.string().regex(NDC, { error: (iss) => `${ndcProblem(String(iss.input))}; got ${showText(String(iss.input))}` }),
      'NDC',
      'National Drug Code as printed on the package: 10 digits as 4-4-2, 5-3-2 or 5-4-1, or the 11-digit 5-4-2 billing form. The packet prints both.',
      '0002-7510-01',
    ).optional(),
    description: about(text(300), 'item description'),
    brand: text(120).optional(),
    modifiers: about(
      z.array(code(MODIFIER, got('must be a 2-character modifier such as KF'))).max(4, { error: 'has more than 4 modifiers; a claim line carries at most 4' }),
      'list of modifiers',
    ).default([]),
    quantity: z.number().int().positive().default(1),
    acquisition: z.enum(['rental', 'purchase']).optional(),
    unit: text(40).optional(),
    dose: text(120).optional(),
    frequency: text(120).optional(),
    route: about(text(80), 'route of administration', 'oral, subcutaneous, intravenous …').optional(),
    daysSupply: about(z.number().int().min(1).max(366), "days' supply").optional(),
    benefit: about(z.enum(BENEFITS), 'benefit', 'medical (billed by the provider, often with a J-code) or pharmacy (dispensed by a pharmacy by NDC)').optional(),
  })
  .refine((i) => [i.hcpcs, i.cpt, i.ndc].filter(Boolean).length === 1 || (i.ndc !== undefined && i.hcpcs !== undefined && i.cpt === undefined), {
    error: 'needs exactly one code: `hcpcs`, `cpt` or `ndc` (a drug may give its HCPCS J-code together with its `ndc`)',
  })
  .meta(oneCodeOrDrugPair);

const priorTherapy = z.strictObject({
  name: about(text(300), 'therapy name'),
  category: z.enum(THERAPY_CATEGORIES),
  start: about(isoDate(), 'start date'),
  end: about(isoDate(), 'end date').optional(),
  outcome: about(text(2000), 'outcome'),
  stoppedBecause: z.enum(STOP_REASONS),
  dose: about(text(120), 'dose', 'As given, e.g. 25 mg').optional(),
  frequency: about(text(120), 'frequency', 'e.g. once weekly').optional(),
});

const kps = z.number().int().min(0).max(100).multipleOf(10, { error: 'must be a multiple of 10 (0–100)' });

/** A finding of any specialty: apnea-hypopnea index, HbA1c, DAS28, BMI … */
const measurement = z
  .strictObject({
    name: about(text(120), 'measurement name', 'What was measured, as the letter should name it.', 'Apnea-hypopnea index (AHI)'),
    value: about(z.union([z.number(), text(60)]), 'measurement value', 'A number, or text for a result such as "negative" or "148/92".'),
    unit: text(40).optional(),
    date: about(isoDate(), 'measurement date'),
    codeSystem: about(text(40), 'code system', 'e.g. LOINC').optional(),
    code: about(text(40), 'measurement code').optional(),
    note: text(300).optional(),
  })
  .refine((m) => (m.code === undefined) === (m.codeSystem === undefined), { error: 'needs both `codeSystem` and `code`, or neither' })
  .meta(codeWithItsSystem);

const clinical = z.strictObject({
  histology: text(300).optional(),
  diagnosedOn: about(isoDate(), 'date of diagnosis').optional(),
  tumorSite: text(200).optional(),
  supratentorial: z.boolean().optional(),
  diseaseStatus: z.enum(['newly-diagnosed', 'recurrent', 'progressive']).optional(),
  performance: z
    .strictObject({ kps: about(kps, 'Karnofsky performance status').optional(), ecog: about(z.number().int().min(0).max(5), 'ECOG performance status').optional(), assessedOn: isoDate().optional() })
    .refine((p) => p.kps !== undefined || p.ecog !== undefined, { error: 'needs a `kps` or an `ecog` score' })
    .meta({ anyOf: ['kps', 'ecog'].map(given) })
    .optional(),
  latestImaging: z.strictObject({ date: isoDate(), modality: text(200), progression: z.boolean().optional(), summary: text(2000).optional() }).optional(),
  measurements: about(z.array(measurement).max(100, { error: 'has more than 100 measurements' }), 'measurements').default([]),
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

const criterionId = z.string().regex(/^[a-z0-9-]+$/, { error: 'must be a payer criterion id (lower-case letters, digits and dashes; `authpack payers show PROFILE` lists them)' });

const denialReason = z.strictObject({
  text: about(longText(), 'denial reason as stated', "The payer's words, quoted from the denial letter."),
  criteria: about(z.array(criterionId).max(20), 'criteria the reason concerns', 'Ids of the payer profile criteria the reason refers to, when the coordinator can map them.').default([]),
  codes: about(
    z.array(ident(8, { pattern: /^(?:(?:CO|PR|OA|PI|CR)-[A-Z0-9]{1,4}|M\d{1,3}|MA\d{1,3}|N\d{1,3})$/, error: got('must be a claim adjustment reason code with its group (CO-50, PR-204) or a remark code (N115, MA130, M127)') })).max(20),
    'claim adjustment and remark codes',
    'For a claim denial: the CARC with its group code (CO-50) and the RARCs (N115) on the remittance advice.',
  ).default([]),
  response: about(longText(), "the prescriber's answer to this reason", 'What the letter answers, in the prescriber\'s words, beside the evidence the case holds for the criteria.').optional(),
  evidence: about(
    z.array(z.strictObject({ file: about(text(500), 'enclosure file', 'An attachment of this case, by its `file`.'), pages: about(ident(40, { pattern: /^\d+(?:-\d+)?(?:,\s*\d+(?:-\d+)?)*$/, error: got('must be page numbers of the enclosure, like 2 or 2-3 or 1, 4-5') }), 'pages of the enclosure').optional() })).max(20),
    'evidence for this reason',
    'Enclosures that answer the reason, with the pages to cite (the letter prints their packet page numbers).',
  ).default([]),
  new: about(z.boolean(), 'new since the original request', 'True when this evidence was not in the original request.').optional(),
});

const denial = z.strictObject({
  date: about(isoDate(), 'denial date', 'The date of the denial notice: appeal clocks count from it.'),
  receivedOn: about(isoDate(), 'date the denial was received', 'Medicare presumes receipt 5 days after the notice date unless this shows otherwise.').optional(),
  reference: about(text(64), "payer's reference number", 'The denial, case or claim number on the notice.'),
  level: about(z.enum(APPEAL_LEVELS), 'appeal level', 'The review asked for; the README section "Appeal deadlines" gives each level\'s clocks.'),
  requestKind: about(z.enum(['initial', 'continuation']), 'the denied request', 'Whether the denied request was for initial or continued coverage.').default('initial'),
  requestedOn: about(isoDate(), 'date of the original request').optional(),
  claim: about(
    z.strictObject({ number: about(text(64), 'claim number').optional(), datesOfService: z.strictObject({ from: isoDate(), to: isoDate() }).optional() }),
    'claim',
    'For a claim denial (not a prior-authorization denial): the claim and its dates of service.',
  ).optional(),
  reasons: about(z.array(denialReason).min(1, { error: 'is empty; quote each reason the denial gives' }).max(20), 'list of denial reasons'),
  reviewer: about(z.strictObject({ name: text(120), credentials: text(40).optional(), specialty: text(80).optional() }), "the payer's reviewer", 'As named on the denial notice.').optional(),
  remedies: about(z.array(z.enum(APPEAL_REMEDIES)).min(1).max(3), 'what the appeal asks for', 'overturn (default), expedited-review, peer-to-peer.').default(['overturn']),
  newSinceRequest: about(longText(), 'what is new since the original request').optional(),
  planType: about(z.enum(PLAN_TYPES), 'plan type', 'For commercial and exchange coverage: erisa-group (a private employer plan, the default for commercial), non-erisa-group (a governmental or church plan), individual (the default for exchange).').optional(),
  appealsFax: about(phone(), "payer's appeals fax", 'Where the appeal is faxed, when the payer profile has none or it differs.').optional(),
});

const representative = z.strictObject({
  name: about(text(120), "representative's name"),
  relationship: about(text(120), 'relationship to the patient', 'e.g. "treating physician", "daughter".'),
  organization: text(120).optional(),
  phone: phone().optional(),
  address: address().optional(),
});

export const caseSchema = z.strictObject({
  version: about(z.literal(1, { error: 'must be 1 (this is case format version 1)' }), 'format version'),
  caseId: about(
    ident(BATES_PREFIX_MAX, { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, error: 'may use only letters, digits, dots, dashes and underscores (it names files and is printed on every page)' }),
    'case ID',
    "The coordinator's reference, printed on every page.",
    'PA-2026-0142',
  ),
  payer: about(z.string().max(64, { error: 'is longer than 64 characters; payer profile ids are short, such as generic-commercial' }).regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and dashes, like generic-commercial (`authpack payers` lists them)' }), 'payer profile id'),
  request: z.strictObject({
    kind: about(z.enum(['initial', 'continuation', 'appeal']), 'request kind', 'appeal: the case carries a `denial` block and renders an appeal packet.'),
    urgency: about(z.enum(['standard', 'expedited']), 'urgency').default('standard'),
    expeditedReason: about(text(2000), 'reason for an expedited review').optional(),
    retroactive: about(z.boolean(), 'retroactive request', 'True when coverage is asked from a day before the request is sent (the service has started); the letter then says so.').optional(),
    retroactiveReason: about(text(2000), 'reason for a retroactive request', 'Why authorization was not obtained before the start; required when `retroactive` is true.').optional(),
    requestedStart: about(isoDate(), 'requested start date'),
    requestedMonths: about(z.number().int().min(1).max(60), 'number of months requested').optional(),
    requestedEnd: about(isoDate(), 'requested end date', 'Last day of the requested dates of service; give it or `requestedMonths` (or both).').optional(),
    placeOfService: about(placeOfService, 'place of service', 'The CMS two-digit code: 11 office, 12 home, 22 on-campus outpatient hospital, 24 ambulatory surgical center …', '22').optional(),
  })
    .refine((r) => r.requestedMonths !== undefined || r.requestedEnd !== undefined, { error: 'needs `requestedMonths` or `requestedEnd` (the last day of the requested dates of service)', path: ['requestedMonths'] })
    .meta({ allOf: [expeditedNeedsReason, retroactiveNeedsReason, periodGiven] }),
  patient,
  coverage,
  prescriber,
  supplier: supplier.optional(),
  facility: about(facility, 'servicing facility', 'Where the requested procedure or drug is given (name, NPI, address).').optional(),
  diagnoses: about(z.array(diagnosis).min(1, { error: 'is empty; a request needs at least one diagnosis code' }).max(12, { error: 'has more than 12 diagnoses; a request carries at most 12' }).meta(onePrimary), 'list of diagnoses'),
  clinical: clinical.optional(),
  items: about(z.array(item).min(1, { error: 'is empty; a request needs at least one requested item' }), 'list of requested items'),
  priorTherapies: about(z.array(priorTherapy), 'list of prior therapies', 'Oldest first; each with dates and an outcome.').default([]),
  noPriorTherapy: about(z.boolean(), 'no prior therapy', 'true states that the patient has had no prior treatment for this condition (an empty list only means none is listed).').optional(),
  attestations: about(
    z.record(z.string().regex(/^[a-z0-9-]+$/, { error: 'must be a payer criterion id (lower-case letters, digits and dashes)' }), longText()),
    "clinician's attestations",
    "By payer criterion id: the clinician's own words for a criterion only the clinician can attest (a profile criterion with `check: attested`). The letter prints them as the evidence.",
  ).optional(),
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
      trainedWith: about(text(120), 'who was trained with the patient', 'As the letter should name them, e.g. "his wife" or "her daughter (caregiver)".').optional(),
      willingToWear18h: z.boolean().optional(),
      headShavingAcknowledged: z.boolean().optional(),
      screenedOn: about(isoDate(), 'contraindication screening date', 'The day the patient was screened for contraindications; without it the letter says nothing about screening.').optional(),
      contraindications: z.array(text(200)).default([]),
    })
    .optional(),
  consent: z.strictObject({ obtained: z.boolean(), date: isoDate().optional() }).optional(),
  followUp: z
    .strictObject({
      plan: longText().optional(),
      benefit: about(longText(), 'benefit observed', "The clinician's words on how the patient is benefiting (continuation); the letter says the patient is benefiting only when this is given.").optional(),
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
  denial: about(denial, 'denial', 'On an appeal case (request.kind appeal): the denial being appealed.').optional(),
  representative: about(representative, "patient's representative", 'Who files the appeal on the patient\'s behalf; the packet then has an appointment of representative form.').optional(),
  signature: z.strictObject({
    signer: about(text(120), 'signer'),
    date: about(isoDate(), 'signature date'),
    method: about(z.enum(['electronic', 'wet', 'stamp']), 'signature method'),
    image: about(text(500), 'signature image', 'A PNG or JPEG of the signature, relative to the case file; scaled into the signature block.').optional(),
    signedAt: about(
      z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/, { error: got('must be a date and time with its UTC offset, like 2026-11-20T14:05-05:00') }),
      'signing time',
      'For an electronic signature: when it was signed; the attestation prints it.',
    ).optional(),
  }),
  extra: about(z.record(z.string(), z.unknown()), 'extra data', 'Free-form data for your own templates; authpack itself ignores it.').optional(),
}).meta(noneMeansNoList);

export type Case = z.output<typeof caseSchema>;
export type CaseInput = z.input<typeof caseSchema>;
