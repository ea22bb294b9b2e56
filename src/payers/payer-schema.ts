// The payer profile format: who the packet goes to, the policy applied, its criteria and thresholds, as
// versioned YAML data validated here. A policy revision is a data change, never a code change.
import { z } from 'zod';
import { ATTACHMENT_KINDS, LINES_OF_BUSINESS } from '../validate/case-schema.js';
import { GENERAL_CHECK_PARAMS } from '../coverage/check-params.js';
import { CRITERION_CHECKS } from '../coverage/criterion-checks.js';
import { isGeneralCheck } from '../coverage/general-checks.js';
import { HCPCS_FAMILIES } from '../codes/code-table.js';

const text = (max = 300) => z.string().trim().min(1).max(max);
const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' });
/** Present when a fact could not be confirmed: says what is unconfirmed. The packet never states it as fact. */
const unconfirmed = () => text(1000).optional();

const source = z.strictObject({ title: text(), url: z.url(), checked: day() });

const criterion = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The criterion as the policy words it (or a faithful summary; say which in `wording`). */
  text: text(1000),
  wording: z.enum(['quoted', 'summary']).default('summary'),
  /** Which evaluator decides whether the case meets it (see src/coverage/criterion-checks.ts). */
  check: z.enum(CRITERION_CHECKS),
  /** Settings of a general evaluator (measurement, diagnosis-in, step-therapy, document, age, line-of-business,
   * disease-status, request-kind, attested): see src/coverage/check-params.ts and the README's profile guide. */
  params: z.record(z.string(), z.unknown()).optional(),
  /** Attachment kinds that document it. */
  evidence: z.array(z.enum(ATTACHMENT_KINDS)).default([]),
  /** HCPCS codes this criterion is about (bi-level E0470 only, say); omitted means every request the profile applies to. */
  appliesTo: z.array(z.string().regex(/^[A-V][0-9]{4}$/)).optional(),
  unconfirmed: unconfirmed(),
}).superRefine((c, ctx) => {
  if (!isGeneralCheck(c.check)) {
    if (c.params !== undefined) ctx.addIssue({ code: 'custom', path: ['params'], message: `\`${c.check}\` takes no params (it reads the profile's thresholds)` });
    return;
  }
  const parsed = GENERAL_CHECK_PARAMS[c.check].safeParse(c.params ?? {});
  for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: 'custom', path: ['params', ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))], message: issue.message });
});

/** Figures the family-specific evaluators compare with. An indication may give its own, which replace the
 * profile's for cases under it (UHC: KPS ≥ 60 / ECOG ≤ 2 for recurrent GBM only). */
const thresholds = () =>
  z.strictObject({
    kpsMin: z.number().int().min(0).max(100).optional(),
    /** Highest ECOG score accepted (ECOG 0–1 → 1). */
    ecogMax: z.number().int().min(0).max(5).optional(),
    ageMin: z.number().int().min(0).max(120).optional(),
    weeksFromChemoradiationMax: z.number().min(0).max(52).optional(),
    usageHoursMin: z.number().min(0).max(24).optional(),
    usagePercentMin: z.number().min(0).max(100).optional(),
    /** Continuation: the latest imaging may be at most this many days older than the request. */
    imagingMaxAgeDays: z.number().int().min(1).optional(),
    /** Continuation: re-evaluation between these days of therapy (day 1 = first day of use). */
    reevaluationWindowDays: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
    reevaluationInPerson: z.boolean().optional(),
    unconfirmed: unconfirmed(),
  });

const criteriaByKind = () => z.strictObject({ initial: z.array(criterion).default([]), continuation: z.array(criterion).default([]) }).default({ initial: [], continuation: [] });

const indication = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: text(200),
  /** ICD-10-CM codes or code prefixes ("C71" matches C71.0–C71.9). */
  icd10: z.array(z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{0,4})?$/)).min(1),
  /** Disease statuses this entry applies to; omitted means any. */
  diseaseStatus: z.array(z.enum(['newly-diagnosed', 'recurrent', 'progressive'])).optional(),
  coverage: z.enum(['covered', 'not-covered', 'investigational']),
  note: text(1000).optional(),
  /** Criteria for this indication only, added to the profile's criteria for every indication (by request kind). */
  criteria: criteriaByKind(),
  /** Thresholds for this indication only: each figure given replaces the profile's. */
  thresholds: thresholds().optional(),
  unconfirmed: unconfirmed(),
});

export const payerProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and dashes' }),
  /** Date this profile's data was last revised. */
  version: day(),
  displayName: text(120),
  lineOfBusiness: z.enum([...LINES_OF_BUSINESS, 'any']).default('any'),
  /** Another profile whose policy this one applies (a Medicare Advantage plan applies Traditional Medicare's LCD):
   * its `indications`, `criteria`, `thresholds`, `experimentalCombinations` and `policy` are used wherever this
   * profile does not give its own (load-payer.ts). */
  criteriaFrom: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be a payer profile id' }).optional(),
  /** Addressee of the letter and the fax. */
  recipient: text(200).default('Utilization Management Department'),
  address: z.strictObject({ line1: text(), line2: text().optional(), city: text(), state: text(2), postalCode: text(10) }).optional(),
  phone: text(40).optional(),
  fax: text(40).optional(),
  /** Where appeals go (the appeal packet's cover and letter), with the page it was taken from; only verified data. */
  appeals: z
    .strictObject({
      name: text(200),
      address: z.strictObject({ line1: text(), line2: text().optional(), city: text(), state: text(2), postalCode: text(10) }).optional(),
      fax: text(40).optional(),
      phone: text(40).optional(),
      source,
    })
    .optional(),
  policy: z
    .strictObject({
      number: text(40),
      title: text(200),
      /** Revision or version date of the policy text the criteria come from; omit it when it is not confirmed (never
       * put the day the profile was written here): the tool then prints "revision not confirmed". */
      revision: day().optional(),
      url: z.url(),
      /** When someone last compared this profile with the live policy. */
      lastChecked: day(),
      related: z.array(z.strictObject({ number: text(40), title: text(200), url: z.url() })).default([]),
      unconfirmed: unconfirmed(),
    })
    .optional(),
  /** HCPCS codes the policy is about; the criteria apply to cases requesting one of them. */
  appliesTo: z.array(z.string().regex(/^[A-V][0-9]{4}$/)).default([]),
  /** Device families (codes.json `family`) the policy is about, besides `appliesTo`: together they are the profile's
   * scope. Neither given: the profile covers every item (generic-commercial). */
  appliesToFamilies: z.array(z.enum(HCPCS_FAMILIES as [string, ...string[]], { error: `must be a device family of the code table: ${HCPCS_FAMILIES.join(', ')}` })).default([]),
  /** How the payer pays for the item: rental only, purchase only, or either. */
  paymentCategory: z.enum(['rental', 'purchase', 'either']).default('either'),
  indications: z.array(indication).default([]),
  thresholds: thresholds().default({}),
  documents: z.strictObject({ initial: z.array(z.enum(ATTACHMENT_KINDS)).default([]), continuation: z.array(z.enum(ATTACHMENT_KINDS)).default([]) }).default({ initial: [], continuation: [] }),
  modifiers: z
    .strictObject({
      /** Must be on the claim line (KF for an FDA class III device under Medicare). */
      required: z.array(z.string().regex(/^[A-Z0-9]{2}$/)).default([]),
      /** Exactly one of these must be on the line (Medicare: KX, GA or GZ). */
      exactlyOneOf: z.array(z.string().regex(/^[A-Z0-9]{2}$/)).default([]),
      /** KX only when every coverage criterion is met; otherwise GA with an ABN, else GZ. */
      kxWhenCriteriaMet: z.boolean().default(false),
      /** Codes this payer rejects as invalid (A4555 under Medicare). */
      invalidCodes: z.array(z.string()).default([]),
      unconfirmed: unconfirmed(),
    })
    .default({ required: [], exactlyOneOf: [], kxWhenCriteriaMet: false, invalidCodes: [] }),
  authorization: z.strictObject({ initialMonths: z.number().int().positive().optional(), renewalMonths: z.number().int().positive().optional(), maxMonths: z.number().int().positive().optional() }).default({}),
  submission: z
    .strictObject({
      /** How the packet goes out. `claim-only` (Medicare fee-for-service, no prior authorization: the packet documents
       * the supplier's claim) and `adr-response` (it answers an additional documentation request) frame a
       * fee-for-service packet as claim documentation, not as a request for authorization (packet-framing.ts). */
      channel: z.enum(['fax', 'portal', 'mail', 'x12-278', 'claim-only', 'adr-response', 'unknown']).default('unknown'),
      maxFaxPages: z.number().int().positive().default(200),
      notes: text(1000).optional(),
    })
    .default({ channel: 'unknown', maxFaxPages: 200 }),
  /** Criteria for every indication, by request kind; an indication adds its own. */
  criteria: criteriaByKind(),
  /** Agents the policy treats as experimental when used together with the item (a case listing one as ongoing is
   * flagged). */
  experimentalCombinations: z.array(z.strictObject({ agents: z.array(text(80)).min(1), note: text(1000).optional(), unconfirmed: unconfirmed() })).default([]),
  /** Attachment kinds in the order the payer wants them; kinds not listed follow in the case's order. */
  attachmentOrder: z.array(z.enum(ATTACHMENT_KINDS)).default([]),
  /** The payer's own fillable request form, filled from the case with a field map. */
  form: z
    .strictObject({
      /** AcroForm PDF, relative to the profile's folder. */
      file: text(200),
      /** Field map (YAML), relative to the profile's folder. */
      map: text(200),
      position: z.enum(['before-letter', 'end']).default('before-letter'),
    })
    .optional(),
  /** Hard limits on the finished packet: over them, render fails or, with --split, writes numbered parts. */
  budgets: z.strictObject({ maxPages: z.number().int().min(2).optional(), maxBytes: z.number().int().min(10_000).optional() }).default({}),
  /** Preflight rules switched off ('off') or given another severity, by rule id. */
  rules: z.record(z.string(), z.enum(['off', 'error', 'warning', 'info'])).default({}),
  confidentialityNotice: text(2000).optional(),
  sources: z.array(source).default([]),
  notes: text(4000).optional(),
});

export type PayerProfileData = z.output<typeof payerProfileSchema>;
export type Criterion = PayerProfileData['criteria']['initial'][number];
export type Indication = PayerProfileData['indications'][number];

export type PayerProfile = PayerProfileData & {
  /** Folder the profile was loaded from; its .hbs files override the shared templates. */
  dir: string;
};
