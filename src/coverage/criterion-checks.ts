// The evaluators a payer profile's criteria can name. Each reads the case (and the profile's thresholds) and says
// whether the case shows the criterion is met, shows it is not, or cannot tell; with the evidence in words.
import { ageOn, daysBetween, formatDate } from '../format/format.js';
import type { PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import { GENERAL_CHECKS } from './check-params.js';
import type { CriterionResult } from './criterion-result.js';
import { isGeneralCheck, runGeneralCheck } from './general-checks.js';
import { matchIndication } from './match-indication.js';
import { therapyStart } from './therapy-start.js';

export { therapyStart };

export type { CriterionResult, CriterionStatus } from './criterion-result.js';

/** Evaluators for tumor treating fields, which read the oncology fields and the profile's thresholds. */
const FAMILY_CHECKS = [
  'covered-indication',
  'diagnosis-glioblastoma',
  'histologic-confirmation',
  'supratentorial',
  'newly-diagnosed',
  'recurrent',
  'surgery-or-biopsy',
  'chemoradiation-completed',
  'start-within-weeks-of-chemoradiation',
  'adjunct-temozolomide',
  'no-progression',
  'performance-status',
  'age-minimum',
  'wear-commitment',
  'training',
  'head-shaving',
  'no-contraindications',
  'usage-threshold',
  'recent-imaging',
  'reevaluation-window',
  'written-order',
] as const;
type FamilyCheck = (typeof FAMILY_CHECKS)[number];
/** Every evaluator a criterion can name: the family-specific ones, then the general ones (general-checks.ts). */
export const CRITERION_CHECKS = [...FAMILY_CHECKS, ...GENERAL_CHECKS] as const;
export type CriterionCheck = (typeof CRITERION_CHECKS)[number];

export interface CheckContext {
  case: Case;
  payer: PayerProfileData;
  /** Packet date (YYYY-MM-DD). */
  today: string;
}

const met = (evidence: string, ...paths: (string | number)[][]): CriterionResult => ({ status: 'met', evidence, paths });
const notMet = (evidence: string, ...paths: (string | number)[][]): CriterionResult => ({ status: 'not-met', evidence, paths });
const unknown = (evidence: string, ...paths: (string | number)[][]): CriterionResult => ({ status: 'unknown', evidence, paths });

const TMZ = /temozolomide|\bTMZ\b/i;

export function lastChemoradiation(c: Case) {
  const list = c.priorTherapies.map((t, i) => ({ t, i })).filter(({ t }) => t.category === 'chemoradiation');
  return list[list.length - 1];
}


/** Usage over all reports, weighted by the days each covers. */
export function averageUsage(c: Case): { hours: number; percent: number; days: number } | undefined {
  const reports = c.followUp.usageReports;
  if (!reports.length) return undefined;
  let days = 0;
  let hours = 0;
  let percent = 0;
  for (const r of reports) {
    const d = Math.max(1, daysBetween(r.from, r.to) + 1);
    days += d;
    hours += r.averageHoursPerDay * d;
    percent += r.percentUsage * d;
  }
  return { hours: hours / days, percent: percent / days, days };
}

const CHECKS: Record<FamilyCheck, (ctx: CheckContext) => CriterionResult> = {
  'covered-indication': ({ case: c, payer }) => {
    const m = matchIndication(c, payer);
    if (!m) return unknown('The diagnosis is not among the indications this profile lists.', ['diagnoses']);
    const text = `${m.indication.label}: ${m.indication.coverage === 'covered' ? 'covered' : m.indication.coverage === 'investigational' ? 'considered investigational' : 'not covered'} by this policy.`;
    return m.indication.coverage === 'covered' ? met(text, ['diagnoses', m.diagnosisIndex]) : notMet(text, ['diagnoses', m.diagnosisIndex]);
  },
  'diagnosis-glioblastoma': ({ case: c }) => {
    const h = c.clinical?.histology;
    if (h && /glioblastoma|\bGBM\b|grade (IV|4) astrocytoma/i.test(h)) return met(`Histology: ${h}.`, ['clinical', 'histology']);
    if (h) return notMet(`Histology: ${h}.`, ['clinical', 'histology']);
    return unknown('The histology is not stated.', ['clinical', 'histology']);
  },
  'histologic-confirmation': ({ case: c }) => {
    const h = c.clinical?.histology;
    const path = c.attachments.findIndex((a) => a.kind === 'pathology');
    if (h && path >= 0) return met(`${h}; pathology report enclosed.`, ['clinical', 'histology'], ['attachments', path]);
    if (h) return unknown(`${h}; no pathology report is enclosed.`, ['clinical', 'histology']);
    return unknown('Neither the histology nor a pathology report is given.', ['clinical', 'histology']);
  },
  supratentorial: ({ case: c }) => {
    const site = c.clinical?.tumorSite ? ` (${c.clinical.tumorSite})` : '';
    if (c.clinical?.supratentorial === true) return met(`Supratentorial tumor${site}.`, ['clinical', 'supratentorial']);
    if (c.clinical?.supratentorial === false) return notMet(`The tumor is not supratentorial${site}.`, ['clinical', 'supratentorial']);
    const infra = c.diagnoses.findIndex((d) => /^C71\.[67]$/.test(d.code));
    if (infra >= 0) return notMet(`${c.diagnoses[infra]!.code} is an infratentorial site (cerebellum or brain stem).`, ['diagnoses', infra, 'code']);
    const supra = c.diagnoses.findIndex((d) => /^C71\.[0-5]$/.test(d.code));
    if (supra >= 0) return met(`${c.diagnoses[supra]!.code} is a supratentorial site${site}.`, ['diagnoses', supra, 'code']);
    return unknown('The tumor site is not stated as supratentorial or not.', ['clinical', 'supratentorial']);
  },
  'newly-diagnosed': ({ case: c }) => {
    const s = c.clinical?.diseaseStatus;
    if (!s) return unknown('The disease status is not stated.', ['clinical', 'diseaseStatus']);
    return s === 'newly-diagnosed' ? met('Newly diagnosed.', ['clinical', 'diseaseStatus']) : notMet(`Disease status: ${s}.`, ['clinical', 'diseaseStatus']);
  },
  recurrent: ({ case: c }) => {
    const s = c.clinical?.diseaseStatus;
    if (!s) return unknown('The disease status is not stated.', ['clinical', 'diseaseStatus']);
    return s !== 'newly-diagnosed' ? met(`Disease status: ${s}.`, ['clinical', 'diseaseStatus']) : notMet('Newly diagnosed, not recurrent.', ['clinical', 'diseaseStatus']);
  },
  'surgery-or-biopsy': ({ case: c }) => {
    // The most recent resection is the strongest evidence; a biopsy counts when there was no resection.
    const last = (cat: string) => c.priorTherapies.map((t, i) => ({ t, i })).filter(({ t }) => t.category === cat).pop()?.i ?? -1;
    const i = last('surgery') >= 0 ? last('surgery') : last('biopsy');
    if (i < 0) return notMet('No surgery or biopsy is in the prior-therapy history.', ['priorTherapies']);
    const t = c.priorTherapies[i]!;
    return met(`${t.name}, ${formatDate(t.start)}.`, ['priorTherapies', i]);
  },
  'chemoradiation-completed': ({ case: c }) => {
    const last = lastChemoradiation(c);
    if (!last) return notMet('No chemoradiation is in the prior-therapy history.', ['priorTherapies']);
    const { t, i } = last;
    if (!t.end || t.stoppedBecause === 'ongoing') return notMet(`${t.name} has not been completed.`, ['priorTherapies', i]);
    return met(`${t.name}, ${formatDate(t.start)} to ${formatDate(t.end)}: ${t.outcome}`, ['priorTherapies', i]);
  },
  'start-within-weeks-of-chemoradiation': ({ case: c, payer }) => {
    const weeks = payer.thresholds.weeksFromChemoradiationMax ?? 7;
    const last = lastChemoradiation(c);
    if (!last?.t.end) return unknown('The end date of chemoradiation is not given.', ['priorTherapies']);
    const days = daysBetween(last.t.end, c.request.requestedStart);
    const text = `Requested start ${formatDate(c.request.requestedStart)} is ${days} days (${(days / 7).toFixed(1)} weeks) after the last chemoradiation dose on ${formatDate(last.t.end)}.`;
    return days <= weeks * 7 ? met(text, ['request', 'requestedStart'], ['priorTherapies', last.i, 'end']) : notMet(text, ['request', 'requestedStart'], ['priorTherapies', last.i, 'end']);
  },
  'adjunct-temozolomide': ({ case: c }) => {
    const adj = c.necessity.adjunctTo;
    const i = c.priorTherapies.findIndex((t) => t.stoppedBecause === 'ongoing' && TMZ.test(t.name));
    if (adj && TMZ.test(adj)) return met(`To be used with ${adj}.`, ['necessity', 'adjunctTo']);
    if (i >= 0) return met(`Ongoing: ${c.priorTherapies[i]!.name}.`, ['priorTherapies', i]);
    if (adj) return notMet(`To be used with: ${adj}.`, ['necessity', 'adjunctTo']);
    return unknown('The letter does not say the device will be used with temozolomide.', ['necessity', 'adjunctTo']);
  },
  'no-progression': ({ case: c }) => {
    const img = c.clinical?.latestImaging;
    if (!img) return unknown('No recent imaging is given.', ['clinical', 'latestImaging']);
    // An absent `progression` is "not stated", never "no progression".
    if (img.progression === undefined) return unknown(`${img.modality}, ${formatDate(img.date)}: progression is not stated.`, ['clinical', 'latestImaging', 'progression']);
    const text = `${img.modality}, ${formatDate(img.date)}: ${img.progression ? 'progression' : 'no progression'}.`;
    return img.progression ? notMet(text, ['clinical', 'latestImaging']) : met(text, ['clinical', 'latestImaging']);
  },
  'performance-status': ({ case: c, payer }) => {
    const p = c.clinical?.performance;
    const { kpsMin, ecogMax } = payer.thresholds;
    if (!p) return unknown('No performance status is given.', ['clinical', 'performance']);
    const parts = [p.kps !== undefined ? `KPS ${p.kps}` : '', p.ecog !== undefined ? `ECOG ${p.ecog}` : ''].filter(Boolean).join(', ');
    const when = p.assessedOn ? ` (${formatDate(p.assessedOn)})` : '';
    const kpsOk = kpsMin !== undefined && p.kps !== undefined && p.kps >= kpsMin;
    const ecogOk = ecogMax !== undefined && p.ecog !== undefined && p.ecog <= ecogMax;
    if (kpsOk || ecogOk || (kpsMin === undefined && ecogMax === undefined)) return met(`${parts}${when}.`, ['clinical', 'performance']);
    const kpsKnown = kpsMin !== undefined && p.kps !== undefined;
    const ecogKnown = ecogMax !== undefined && p.ecog !== undefined;
    if (!kpsKnown && !ecogKnown) return unknown(`${parts}${when}: no score this policy uses.`, ['clinical', 'performance']);
    return notMet(`${parts}${when}; the policy requires ${[kpsMin !== undefined ? `KPS ≥ ${kpsMin}` : '', ecogMax !== undefined ? `ECOG ≤ ${ecogMax}` : ''].filter(Boolean).join(' or ')}.`, ['clinical', 'performance']);
  },
  'age-minimum': ({ case: c, payer }) => {
    const min = payer.thresholds.ageMin;
    const age = ageOn(c.patient.dateOfBirth, c.request.requestedStart);
    if (min === undefined) return met(`Age ${age}.`, ['patient', 'dateOfBirth']);
    return age >= min ? met(`Age ${age} at the requested start.`, ['patient', 'dateOfBirth']) : notMet(`Age ${age} at the requested start; the policy requires ${min} or older.`, ['patient', 'dateOfBirth']);
  },
  'wear-commitment': ({ case: c }) => {
    const w = c.deviceReadiness?.willingToWear18h;
    if (w === true) return met('The patient is willing to wear the device at least 18 hours a day.', ['deviceReadiness', 'willingToWear18h']);
    if (w === false) return notMet('The patient is not willing to wear the device 18 hours a day.', ['deviceReadiness', 'willingToWear18h']);
    return unknown('Willingness to wear the device 18 hours a day is not documented.', ['deviceReadiness', 'willingToWear18h']);
  },
  training: ({ case: c }) => {
    const t = c.deviceReadiness?.trainedOn;
    return t ? met(`Device training completed ${formatDate(t)}.`, ['deviceReadiness', 'trainedOn']) : unknown('Device training is not documented.', ['deviceReadiness', 'trainedOn']);
  },
  'head-shaving': ({ case: c }) => {
    const h = c.deviceReadiness?.headShavingAcknowledged;
    if (h === true) return met('The patient understands the scalp must be shaved for the arrays.', ['deviceReadiness', 'headShavingAcknowledged']);
    if (h === false) return notMet('The patient has not accepted shaving the scalp.', ['deviceReadiness', 'headShavingAcknowledged']);
    return unknown('Understanding of head shaving is not documented.', ['deviceReadiness', 'headShavingAcknowledged']);
  },
  'no-contraindications': ({ case: c }) => {
    const r = c.deviceReadiness;
    if (r?.contraindications.length) return notMet(`Contraindications: ${r.contraindications.join(', ')}.`, ['deviceReadiness', 'contraindications']);
    // "None found" needs a recorded screening: an empty list alone only means none is listed.
    if (r?.screenedOn) return met(`No contraindications on screening (${formatDate(r.screenedOn)}).`, ['deviceReadiness', 'screenedOn']);
    return unknown('No contraindication screening is documented.', ['deviceReadiness', 'screenedOn']);
  },
  'usage-threshold': ({ case: c, payer }) => {
    const avg = averageUsage(c);
    const { usageHoursMin, usagePercentMin } = payer.thresholds;
    if (!avg) return notMet('No device usage report is given.', ['followUp', 'usageReports']);
    const text = `Average ${avg.hours.toFixed(1)} hours a day (${avg.percent.toFixed(1)} %) over ${avg.days} days of usage reports.`;
    const ok = (usageHoursMin === undefined || avg.hours >= usageHoursMin) && (usagePercentMin === undefined || avg.percent >= usagePercentMin);
    return ok ? met(text, ['followUp', 'usageReports']) : notMet(text, ['followUp', 'usageReports']);
  },
  'recent-imaging': ({ case: c, payer, today }) => {
    const img = c.clinical?.latestImaging;
    if (!img) return notMet('No imaging is given.', ['clinical', 'latestImaging']);
    const age = daysBetween(img.date, today);
    const max = payer.thresholds.imagingMaxAgeDays;
    const text = `${img.modality}, ${formatDate(img.date)} (${age} days old)${img.progression === undefined ? '' : img.progression ? ': progression' : ': no progression'}.`;
    if (img.progression || (max !== undefined && age > max)) return notMet(text, ['clinical', 'latestImaging']);
    return met(text, ['clinical', 'latestImaging']);
  },
  'reevaluation-window': ({ case: c, payer }) => {
    const r = c.followUp.reevaluation;
    if (!r) return notMet('No re-evaluation visit is documented.', ['followUp', 'reevaluation']);
    const start = therapyStart(c);
    const [lo, hi] = payer.thresholds.reevaluationWindowDays ?? [0, Infinity];
    const day = start ? daysBetween(start, r.date) + 1 : undefined;
    const text = `${r.inPerson ? 'In-person re-evaluation' : 'Re-evaluation'} on ${formatDate(r.date)}${day !== undefined ? `, day ${day} of therapy` : ''}.`;
    if (payer.thresholds.reevaluationInPerson && !r.inPerson) return notMet(`${text} The policy requires an in-person visit.`, ['followUp', 'reevaluation', 'inPerson']);
    if (day === undefined) return unknown(`${text} The first day of therapy is not known (no usage report).`, ['followUp', 'reevaluation']);
    return day >= lo && day <= hi ? met(text, ['followUp', 'reevaluation', 'date']) : notMet(`${text} The policy window is day ${lo} to day ${hi}.`, ['followUp', 'reevaluation', 'date']);
  },
  'written-order': ({ case: c }) => {
    const o = c.orders;
    if (!o?.writtenOrderDate) return unknown('No written order date is given.', ['orders', 'writtenOrderDate']);
    if (o.deliveryDate && o.deliveryDate < o.writtenOrderDate) return notMet(`The written order (${formatDate(o.writtenOrderDate)}) is dated after delivery (${formatDate(o.deliveryDate)}).`, ['orders', 'writtenOrderDate']);
    if (!o.faceToFaceDate) return unknown(`Written order ${formatDate(o.writtenOrderDate)}; no face-to-face encounter date.`, ['orders', 'faceToFaceDate']);
    return met(`Face-to-face encounter ${formatDate(o.faceToFaceDate)}; written order ${formatDate(o.writtenOrderDate)}.`, ['orders']);
  },
};

export function runCheck(criterion: { id: string; check: CriterionCheck; params?: unknown }, ctx: CheckContext): CriterionResult {
  const { check } = criterion;
  if (isGeneralCheck(check)) return runGeneralCheck(check, criterion.params, { case: ctx.case, today: ctx.today, criterionId: criterion.id });
  return CHECKS[check](ctx);
}
