// The parameters of the general criterion evaluators, which any payer profile can configure in YAML (a measurement
// threshold, a diagnosis list, step therapy, an enclosed document, age, line of business, disease status, request
// kind, a clinician's attestation), and `any-of` to combine them. The family-specific evaluators take no
// parameters: they read the profile's thresholds.
import { z } from 'zod';
import { ATTACHMENT_KINDS, LINES_OF_BUSINESS, STOP_REASONS, THERAPY_CATEGORIES } from '../validate/case-schema.js';

const text = (max = 200) => z.string().trim().min(1).max(max);
const icd10Pattern = z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{0,4})?$/, { error: 'must be an ICD-10-CM code or prefix such as G47.33 or C71' });

/** Days after the start of therapy (the first day the device was used is day 0): a window policies count from the
 * start of use, as in "no sooner than the 31st day but no later than the 91st day after initiating therapy". */
const daysAfterStart = z
  .strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
  .refine((w) => w.min !== undefined || w.max !== undefined, { error: 'needs `min` or `max`' })
  .refine((w) => w.min === undefined || w.max === undefined || w.min <= w.max, { error: '`min` must not be after `max`' });

export const COMPARISONS = ['>=', '>', '<=', '<', '='] as const;
export type Comparison = (typeof COMPARISONS)[number];

const SIMPLE_CHECK_PARAMS = {
  /** A value in `clinical.measurements` (matched by code, else by name) compared with a threshold. */
  measurement: z
    .strictObject({
      /** Names (or parts of names) the measurement may go by, compared without case: "apnea-hypopnea index", "AHI". */
      names: z.array(text()).default([]),
      /** Coded identity (LOINC ...): a measurement with one of these codes matches whatever its name. */
      codes: z.array(z.strictObject({ system: text(40), code: text(40) })).default([]),
      op: z.enum(COMPARISONS),
      value: z.number(),
      /** When given, the measurement's unit must be this one (compared without case or spaces). */
      unit: text(40).optional(),
      /** The measurement may be at most this many days older than the packet date. */
      maxAgeDays: z.number().int().positive().optional(),
      /** The measurement must be dated within these days after the start of therapy; then any such value meeting the
       * threshold counts (a policy asking for "a 30-day period within the first 3 months" accepts any such period). */
      daysAfterStart: daysAfterStart.optional(),
    })
    .refine((p) => p.names.length > 0 || p.codes.length > 0, { error: 'needs `names` or `codes` to find the measurement' }),
  /** A diagnosis of the case (the primary one only, if asked) in a list of codes or code prefixes. */
  'diagnosis-in': z.strictObject({ codes: z.array(icd10Pattern).min(1), primaryOnly: z.boolean().default(false) }),
  /** At least `count` distinct prior therapies of the given categories or names, each tried long enough and ended
   * for one of the given reasons. */
  'step-therapy': z
    .strictObject({
      count: z.number().int().min(1),
      categories: z.array(z.enum(THERAPY_CATEGORIES)).default([]),
      /** Names (or parts of names) that count, compared without case. */
      names: z.array(text()).default([]),
      minDays: z.number().int().min(1).optional(),
      endedBy: z.array(z.enum(STOP_REASONS)).default(['inadequate-response', 'adverse-event', 'intolerance', 'contraindicated']),
    })
    .refine((p) => p.categories.length > 0 || p.names.length > 0, { error: 'needs `categories` or `names` to say which therapies count' }),
  /** An enclosed attachment of one of these kinds, dated at most `maxAgeDays` before the packet date when given. */
  document: z.strictObject({
    kinds: z.array(z.enum(ATTACHMENT_KINDS)).min(1),
    maxAgeDays: z.number().int().positive().optional(),
    /** The document must be dated within these days after the start of therapy (a re-evaluation "no sooner than the
     * 31st day but no later than the 91st day after initiating therapy"). */
    daysAfterStart: daysAfterStart.optional(),
  }),
  /** The patient's age on the packet date. */
  age: z.strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).refine((p) => p.min !== undefined || p.max !== undefined, { error: 'needs `min` or `max`' }),
  'line-of-business': z.strictObject({ in: z.array(z.enum(LINES_OF_BUSINESS)).min(1) }),
  'disease-status': z.strictObject({ in: z.array(z.enum(['newly-diagnosed', 'recurrent', 'progressive'])).min(1) }),
  'request-kind': z.strictObject({ in: z.array(z.enum(['initial', 'continuation'])).min(1) }),
  /** Only the clinician can attest it: met when `attestations.<criterion id>` gives the clinician's words. */
  attested: z.strictObject({}),
  /** Requested quantities within the policy's usual maximum: each limit allows `max` of its codes per `perMonths`
   * months of the requested dates of service (an LCD's accessory table: "1 per 3 months"). */
  'quantity-limit': z.strictObject({
    limits: z.array(z.strictObject({ codes: z.array(z.string().regex(/^[A-V][0-9]{4}$/, { error: 'must be an HCPCS code such as A7030' })).min(1), max: z.number().int().min(1), perMonths: z.number().int().min(1) })).min(1),
  }),
} as const;

type SimpleCheck = keyof typeof SIMPLE_CHECK_PARAMS;
const SIMPLE_CHECKS = Object.keys(SIMPLE_CHECK_PARAMS) as [SimpleCheck, ...SimpleCheck[]];

/** One condition inside an `any-of` option: a simple general check with its params. */
const condition = z
  .strictObject({ check: z.enum(SIMPLE_CHECKS), params: z.record(z.string(), z.unknown()).optional() })
  .superRefine((c, ctx) => {
    const parsed = SIMPLE_CHECK_PARAMS[c.check].safeParse(c.params ?? {});
    for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: 'custom', path: ['params', ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))], message: issue.message });
  });

export const GENERAL_CHECK_PARAMS = {
  ...SIMPLE_CHECK_PARAMS,
  /** Met when every condition of at least one option is met: a policy's "either … or …" (AHI ≥ 15, or AHI 5–14 with
   * a listed symptom). Not met when every option has a condition not met; otherwise not shown. */
  'any-of': z.strictObject({
    options: z.array(z.strictObject({ label: text(300), all: z.array(condition).min(1) })).min(2),
  }),
} as const;

export type GeneralCheck = keyof typeof GENERAL_CHECK_PARAMS;
export const GENERAL_CHECKS = Object.keys(GENERAL_CHECK_PARAMS) as GeneralCheck[];
export type CheckParams<K extends GeneralCheck> = z.output<(typeof GENERAL_CHECK_PARAMS)[K]>;
export { SIMPLE_CHECK_PARAMS };
export type { SimpleCheck };
