// The evaluators a payer profile's criteria can name. Each reads the case (and the profile's thresholds) and says
// whether the case shows the criterion is met, shows it is not, or cannot tell; with the evidence in words.
import { ageOn, daysBetween, formatDate } from '../format/format.js';
import type { PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import { chemoradiations, lastChemoradiation, lastRadiation, TMZ } from './chemoradiation.js';
import { GENERAL_CHECKS } from './check-params.js';
import type { CriterionResult } from './criterion-result.js';
import { isGeneralCheck, runGeneralCheck } from './general-checks.js';
import { readHistology } from './histology.js';
import { matchIndication } from './match-indication.js';
import { readTumorSite } from './tumor-site.js';
import { averageUsage, labelledUse, therapyStart } from './usage.js';
import { writtenOrderCheck } from './written-order-check.js';

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

export { lastChemoradiation } from './chemoradiation.js';
export { averageUsage, therapyStart } from './usage.js';

/** A criterion that needs a figure the payer profile does not give is never met: it is "not shown", and the
 * coordinator is told which profile field is missing. */
const noFigure = (evidence: string, fields: string[], what: string, ...paths: (string | number)[][]): CriterionResult => ({
  ...unknown(evidence, ...paths),
  note: `This payer profile gives no ${what} (${fields.map((f) => `\`${f}\``).join(' or ')}), so the criterion cannot be judged.`,
  profileGap: fields,
});
const ended = (t: Case['priorTherapies'][number]) => t.end !== undefined && t.stoppedBecause !== 'ongoing';
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const CHECKS: Record<FamilyCheck, (ctx: CheckContext) => CriterionResult> = {
  'covered-indication': ({ case: c, payer }) => {
    const m = matchIndication(c, payer);
    if (!m) return unknown('The diagnosis is not among the indications this profile lists.', ['diagnoses']);
    const { indication } = m;
    const position = indication.coverage === 'covered' ? 'covered' : indication.coverage === 'investigational' ? 'considered investigational' : 'not covered';
    const path = ['diagnoses', m.diagnosisIndex];
    // A coverage position the profile could not confirm is never stated as settled, either way.
    if (indication.unconfirmed) return { ...unknown(`${indication.label}.`, path), note: `The profile lists it as ${position}, unconfirmed: ${indication.unconfirmed}` };
    const text = `${indication.label}: ${position} by this policy.`;
    return indication.coverage === 'covered' ? met(text, path) : notMet(text, path);
  },
  'diagnosis-glioblastoma': ({ case: c }) => {
    const h = c.clinical?.histology;
    if (!h) return unknown('The histology is not stated.', ['clinical', 'histology']);
    const r = readHistology(h);
    if (r.kind === 'glioblastoma' || (r.kind === 'grade-4-astrocytoma' && !r.who2021)) return met(`Histology: ${h}.`, ['clinical', 'histology']);
    if (r.kind === 'grade-4-astrocytoma') {
      return {
        ...met(`Histology: ${h} (WHO 2021 name; a WHO grade IV astrocytoma in the older classification the policy uses).`, ['clinical', 'histology']),
        caveat: 'The policy predates the WHO 2021 classification, which names a grade 4 IDH-mutant astrocytoma apart from glioblastoma; policy texts call it "WHO grade IV astrocytoma", but how this payer reads the new name is unconfirmed.',
      };
    }
    return notMet(`Histology: ${h}.`, ['clinical', 'histology']);
  },
  'histologic-confirmation': ({ case: c }) => {
    const h = c.clinical?.histology;
    const path = c.attachments.findIndex((a) => a.kind === 'pathology');
    if (h && path >= 0) return met(`${h}; pathology report enclosed.`, ['clinical', 'histology'], ['attachments', path]);
    if (h) return unknown(`${h}; no pathology report is enclosed.`, ['clinical', 'histology']);
    return unknown('Neither the histology nor a pathology report is given.', ['clinical', 'histology']);
  },
  supratentorial: ({ case: c }) => {
    const { infratentorial: infra, supratentorial: supra } = readTumorSite(c);
    // Any explicit infratentorial sign decides: the criterion is never met for such a tumor.
    if (infra.length) {
      const result = notMet(`Not supratentorial: ${infra.map((s) => s.words).join('; ')}.`, ...infra.map((s) => s.path));
      return supra.length ? { ...result, note: `The case also says ${supra[0]!.words}; correct whichever is wrong.` } : result;
    }
    if (supra.length) return met(`${capitalize(supra[0]!.words)}.`, supra[0]!.path);
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
    if (!last) {
      const rt = lastRadiation(c);
      if (rt !== undefined) return notMet(`${c.priorTherapies[rt]!.name} is listed, but no chemotherapy with temozolomide given during it (overlapping dates), so no chemoradiation is shown.`, ['priorTherapies', rt]);
      return notMet('No chemoradiation is in the prior-therapy history.', ['priorTherapies']);
    }
    const paths = last.parts.map((i) => ['priorTherapies', i]);
    if (last.open !== undefined) {
      const open = c.priorTherapies[last.open]!;
      // Radiation ended, and the temozolomide entry runs on (concurrent and adjuvant cycles written as one entry):
      // the chemoradiation may be over, but its last concomitant dose is not dated.
      if (last.parts.length === 2 && last.open === last.parts[1]) {
        return { ...unknown(`${last.description}: the radiation ended, but the temozolomide entry has no end date, so the last concomitant dose is not shown.`, ['priorTherapies', last.open, 'end']), note: 'Record the concurrent temozolomide as its own entry with its end date, and the adjuvant cycles as another.' };
      }
      return notMet(`${open.name} has not been completed.`, ['priorTherapies', last.open]);
    }
    return met(`${last.description}: ${last.outcome}`, ...paths);
  },
  'start-within-weeks-of-chemoradiation': ({ case: c, payer }) => {
    const weeks = payer.thresholds.weeksFromChemoradiationMax;
    const last = lastChemoradiation(c);
    if (!last?.end) return unknown(last ? 'The date of the last chemoradiation dose is not given (a part has no end date).' : 'The end date of chemoradiation is not given.', last?.open !== undefined ? ['priorTherapies', last.open, 'end'] : ['priorTherapies']);
    const days = daysBetween(last.end, c.request.requestedStart);
    // With radiation and temozolomide as two entries, the window runs from the later end (LCD L34823).
    const later = last.parts.length === 2 ? ` (the later of the radiation and the concurrent temozolomide, ${c.priorTherapies[last.endIndex!]!.name})` : '';
    const text = `Requested start ${formatDate(c.request.requestedStart)} is ${days} days (${(days / 7).toFixed(1)} weeks) after the last chemoradiation dose on ${formatDate(last.end)}${later}.`;
    const paths = [['request', 'requestedStart'], ['priorTherapies', last.endIndex!, 'end']];
    if (weeks === undefined) return noFigure(text, ['thresholds.weeksFromChemoradiationMax'], 'start window in weeks', ...paths);
    return days <= weeks * 7 ? met(text, ...paths) : notMet(text, ...paths);
  },
  'adjunct-temozolomide': ({ case: c }) => {
    const adj = c.necessity.adjunctTo;
    // Temozolomide given as part of a chemoradiation still under way (one entry, or the concurrent course of a
    // radiation that has not ended) is not use together with the device, which starts after chemoradiation.
    const underWay = new Set(chemoradiations(c).filter((e) => !ended(c.priorTherapies[e.parts[0]!]!)).flatMap((e) => e.parts));
    const i = c.priorTherapies.findIndex((t, j) => t.stoppedBecause === 'ongoing' && TMZ.test(t.name) && t.category !== 'chemoradiation' && !underWay.has(j));
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
    if (kpsMin === undefined && ecogMax === undefined) return noFigure(`${parts}${when}.`, ['thresholds.kpsMin', 'thresholds.ecogMax'], 'KPS or ECOG threshold', ['clinical', 'performance']);
    if (kpsOk || ecogOk) return met(`${parts}${when}.`, ['clinical', 'performance']);
    const kpsKnown = kpsMin !== undefined && p.kps !== undefined;
    const ecogKnown = ecogMax !== undefined && p.ecog !== undefined;
    if (!kpsKnown && !ecogKnown) return unknown(`${parts}${when}: no score this policy uses.`, ['clinical', 'performance']);
    return notMet(`${parts}${when}; the policy requires ${[kpsMin !== undefined ? `KPS ≥ ${kpsMin}` : '', ecogMax !== undefined ? `ECOG ≤ ${ecogMax}` : ''].filter(Boolean).join(' or ')}.`, ['clinical', 'performance']);
  },
  'age-minimum': ({ case: c, payer }) => {
    const min = payer.thresholds.ageMin;
    const age = ageOn(c.patient.dateOfBirth, c.request.requestedStart);
    if (min === undefined) return noFigure(`Age ${age} at the requested start.`, ['thresholds.ageMin'], 'minimum age', ['patient', 'dateOfBirth']);
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
    if (!avg) return notMet('No device usage report is given.', ['followUp', 'usageReports']);
    const path = ['followUp', 'usageReports'];
    let text = `Average ${avg.hours.toFixed(1)} hours a day (${avg.percent.toFixed(1)} %) over ${avg.days} days of usage reports.`;
    let { usageHoursMin: hours, usagePercentMin: percent } = payer.thresholds;
    let note: string | undefined;
    // No figure in the profile: the prescribed use on the item's labelling is the bar, never "any use will do".
    if (hours === undefined && percent === undefined) {
      const labelled = labelledUse(c, payer);
      if (!labelled) {
        const r = noFigure(text, ['thresholds.usageHoursMin', 'thresholds.usagePercentMin'], 'usage threshold', path);
        return { ...r, note: `${r.note!} The requested item has no labelled use in the code table to judge against either.` };
      }
      ({ hoursPerDay: hours, percent } = labelled.use);
      text = `${text.slice(0, -1)}; the labelled use of ${labelled.code} is ${labelled.use.wording}.`;
      // The code table's source names the labelling first, then quotes it: the name is enough for the report.
      note = `This payer profile gives no usage threshold (\`thresholds.usageHoursMin\` or \`thresholds.usagePercentMin\`), so the labelled use from the code table is the bar (${labelled.use.source.split(':')[0]}, checked ${labelled.use.checked}).`;
    }
    const ok = (hours === undefined || avg.hours >= hours) && (percent === undefined || avg.percent >= percent);
    return { ...(ok ? met(text, path) : notMet(text, path)), ...(note ? { note } : {}) };
  },
  'recent-imaging': ({ case: c, payer, today }) => {
    const img = c.clinical?.latestImaging;
    if (!img) return notMet('No imaging is given.', ['clinical', 'latestImaging']);
    const age = daysBetween(img.date, today);
    const max = payer.thresholds.imagingMaxAgeDays;
    const text = `${img.modality}, ${formatDate(img.date)} (${age} days old)${img.progression === undefined ? '' : img.progression ? ': progression' : ': no progression'}.`;
    if (img.progression) return notMet(text, ['clinical', 'latestImaging']);
    if (img.progression === undefined) return unknown(`${text.slice(0, -1)}: progression is not stated.`, ['clinical', 'latestImaging', 'progression']);
    if (max === undefined) return noFigure(text, ['thresholds.imagingMaxAgeDays'], 'maximum imaging age', ['clinical', 'latestImaging']);
    return age > max ? notMet(text, ['clinical', 'latestImaging']) : met(text, ['clinical', 'latestImaging']);
  },
  'reevaluation-window': ({ case: c, payer }) => {
    const r = c.followUp.reevaluation;
    if (!r) return notMet('No re-evaluation visit is documented.', ['followUp', 'reevaluation']);
    const start = therapyStart(c);
    const window = payer.thresholds.reevaluationWindowDays;
    const day = start ? daysBetween(start, r.date) + 1 : undefined;
    const text = `${r.inPerson ? 'In-person re-evaluation' : 'Re-evaluation'} on ${formatDate(r.date)}${day !== undefined ? `, day ${day} of therapy` : ''}.`;
    if (payer.thresholds.reevaluationInPerson && !r.inPerson) return notMet(`${text} The policy requires an in-person visit.`, ['followUp', 'reevaluation', 'inPerson']);
    if (!window) return noFigure(text, ['thresholds.reevaluationWindowDays'], 're-evaluation window', ['followUp', 'reevaluation', 'date']);
    const [lo, hi] = window;
    if (day === undefined) return unknown(`${text} The first day of therapy is not known (no usage report).`, ['followUp', 'reevaluation']);
    return day >= lo && day <= hi ? met(text, ['followUp', 'reevaluation', 'date']) : notMet(`${text} The policy window is day ${lo} to day ${hi}.`, ['followUp', 'reevaluation', 'date']);
  },
  'written-order': writtenOrderCheck,
};

export function runCheck(criterion: { id: string; check: CriterionCheck; params?: unknown }, ctx: CheckContext): CriterionResult {
  const { check } = criterion;
  if (isGeneralCheck(check)) return runGeneralCheck(check, criterion.params, { case: ctx.case, today: ctx.today, criterionId: criterion.id });
  return CHECKS[check](ctx);
}
