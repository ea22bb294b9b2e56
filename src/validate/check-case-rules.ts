// Cross-field rules the schema cannot express: dates in order, nothing impossible in the future, required pairs.
// They read the raw data defensively, so they report alongside schema problems instead of after them. The date of
// birth is patient identity: messages compare against it but never print it.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import { placeOfServiceName } from '../codes/code-table.js';
import { periodEnd } from '../format/format.js';
import type { SourceMap } from '../load/source-map.js';
import { isIsoDate } from './formats.js';

type Path = (string | number)[];
/** `label` names the date itself, as the subject of a sentence: "The training date", "The start of prior therapy 2". */
type Dated = { path: Path; date: string; label: string };

const get = (obj: unknown, path: Path): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), obj);
const list = (obj: unknown, path: Path): unknown[] => { const v = get(obj, path); return Array.isArray(v) ? v : []; };

/** Every date in the case that records something that already happened. */
function pastDates(raw: unknown): Dated[] {
  const out: Dated[] = [];
  const add = (path: Path, label: string) => {
    const v = get(raw, path);
    if (typeof v === 'string' && isIsoDate(v)) out.push({ path, date: v, label });
  };
  add(['clinical', 'diagnosedOn'], 'The diagnosis date');
  add(['clinical', 'performance', 'assessedOn'], 'The date of the performance assessment');
  add(['clinical', 'latestImaging', 'date'], 'The date of the latest imaging');
  list(raw, ['clinical', 'measurements']).forEach((_, i) => add(['clinical', 'measurements', i, 'date'], `The date of measurement ${i + 1}`));
  list(raw, ['priorTherapies']).forEach((_, i) => {
    add(['priorTherapies', i, 'start'], `The start of prior therapy ${i + 1}`);
    add(['priorTherapies', i, 'end'], `The end of prior therapy ${i + 1}`);
  });
  add(['deviceReadiness', 'trainedOn'], 'The training date');
  add(['deviceReadiness', 'screenedOn'], 'The date of the contraindication screening');
  add(['consent', 'date'], 'The consent date');
  list(raw, ['followUp', 'usageReports']).forEach((_, i) => {
    add(['followUp', 'usageReports', i, 'from'], `The start of usage report ${i + 1}`);
    add(['followUp', 'usageReports', i, 'to'], `The end of usage report ${i + 1}`);
  });
  add(['followUp', 'reevaluation', 'date'], 'The date of the re-evaluation visit');
  list(raw, ['attachments']).forEach((_, i) => add(['attachments', i, 'date'], `The date of attachment ${i + 1}`));
  add(['signature', 'date'], 'The signature date');
  add(['orders', 'writtenOrderDate'], 'The date of the written order');
  add(['orders', 'faceToFaceDate'], 'The date of the face-to-face encounter');
  add(['orders', 'abn', 'date'], 'The date of the ABN');
  return out;
}

/** Whether the file has the field at `path` (with any value, null included). */
function written(source: SourceMap, path: Path): boolean {
  const here = source.locate(path);
  const parent = source.locate(path.slice(0, -1));
  return here.line !== parent.line || here.column !== parent.column;
}

/**
 * `source` lets a problem about a field that is not written at all point at the line that asks for it
 * (`urgency: expedited`) rather than at the first line of the group the field would be in.
 */
export function checkCaseRules(raw: unknown, today: string, source?: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (code: string, path: Path, message: string, hint: string, at?: Path) =>
    out.push({ code: `validate/${code}`, severity: 'error', path, message, hint, ...(at && source && !written(source, path) ? { place: source.locate(at) } : {}) });
  const warn = (code: string, path: Path, message: string, hint: string) => out.push({ code: `validate/${code}`, severity: 'warning', path, message, hint });

  const dob = get(raw, ['patient', 'dateOfBirth']);
  const hasDob = typeof dob === 'string' && isIsoDate(dob);
  if (hasDob && dob > today) error('date-in-future', ['patient', 'dateOfBirth'], `The patient's date of birth is after the packet date (${today}).`, 'Check the year; dates are written YYYY-MM-DD.');

  for (const d of pastDates(raw)) {
    if (d.date > today) error('date-in-future', d.path, `${d.label} (${d.date}) is after the packet date (${today}), but it records something that has already happened.`, 'Check the year and month (YYYY-MM-DD); if the packet is dated on purpose, pass --date.');
    if (hasDob && d.date < dob) error('date-before-birth', d.path, `${d.label} (${d.date}) is before the patient's date of birth.`, 'One of the two dates is mistyped.');
  }
  const start = get(raw, ['request', 'requestedStart']);
  if (hasDob && typeof start === 'string' && isIsoDate(start) && start < dob) {
    error('date-before-birth', ['request', 'requestedStart'], `The requested start (${start}) is before the patient's date of birth.`, 'One of the two dates is mistyped.');
  }

  const pair = (base: Path, from: string, to: string, what: string) => {
    const a = get(raw, [...base, from]);
    const b = get(raw, [...base, to]);
    if (typeof a === 'string' && typeof b === 'string' && isIsoDate(a) && isIsoDate(b) && b < a) {
      error('end-before-start', [...base, to], `${what} ends (${b}) before it starts (${a}).`, `Swap or correct \`${from}\` and \`${to}\` at ${formatPath(base)}.`);
    }
  };
  list(raw, ['priorTherapies']).forEach((t, i) => {
    pair(['priorTherapies', i], 'start', 'end', `Prior therapy ${i + 1}`);
    const why = get(t, ['stoppedBecause']);
    if (why === 'ongoing' && get(t, ['end']) !== undefined) {
      warn('ongoing-with-end', ['priorTherapies', i, 'end'], `Prior therapy ${i + 1} is marked ongoing but has an end date.`, 'Remove `end`, or set `stoppedBecause` to why it ended.');
    }
  });
  list(raw, ['followUp', 'usageReports']).forEach((r, i) => {
    pair(['followUp', 'usageReports', i], 'from', 'to', `Usage report ${i + 1}`);
    const h = get(r, ['averageHoursPerDay']);
    const p = get(r, ['percentUsage']);
    if (typeof h === 'number' && typeof p === 'number' && Math.abs((h / 24) * 100 - p) > 2.5) {
      warn('usage-mismatch', ['followUp', 'usageReports', i, 'percentUsage'], `Usage report ${i + 1} says ${h} h/day but ${p} %; ${h} h/day is ${((h / 24) * 100).toFixed(0)} % of the day.`, 'Copy both figures from the same device usage report.');
    }
  });

  pair(['request'], 'requestedStart', 'requestedEnd', 'The requested period');
  const months = get(raw, ['request', 'requestedMonths']);
  const end = get(raw, ['request', 'requestedEnd']);
  if (typeof start === 'string' && isIsoDate(start) && typeof end === 'string' && isIsoDate(end) && typeof months === 'number' && Number.isInteger(months) && end >= start) {
    // The last day of N months from the start is the day before the same date N months later; a few days either
    // way is a rounding of the coordinator's, more is two different periods.
    const expected = periodEnd(start, months);
    if (Math.abs(Date.parse(expected) - Date.parse(end)) > 7 * 86_400_000) {
      warn('period-mismatch', ['request', 'requestedEnd'], `The requested period ends on ${end}, but ${months} month${months === 1 ? '' : 's'} from ${start} end on ${expected}.`, 'The letter prints the dates from `requestedStart` to `requestedEnd`; correct `requestedMonths` or `requestedEnd` so the two agree.');
    }
  }
  const pos = get(raw, ['request', 'placeOfService']);
  const posCode = typeof pos === 'number' && Number.isInteger(pos) ? String(pos).padStart(2, '0') : pos;
  if (typeof posCode === 'string' && /^\d{2}$/.test(posCode) && !placeOfServiceName(posCode)) {
    warn('place-of-service-unknown', ['request', 'placeOfService'], `Place of service ${posCode} is not in authpack's list of CMS place-of-service codes, so the packet prints the code without its name.`, 'Check the code against the CMS place-of-service code set (11 office, 12 home, 22 on-campus outpatient hospital, 24 ambulatory surgical center).');
  }
  if (get(raw, ['noPriorTherapy']) === true && list(raw, ['priorTherapies']).length > 0) {
    error('no-prior-therapy-with-list', ['noPriorTherapy'], 'The case says the patient has had no prior therapy (`noPriorTherapy: true`) but also lists prior therapies.', 'Remove `noPriorTherapy`, or remove the listed therapies if they are not treatments of this condition.');
  }

  if (get(raw, ['request', 'urgency']) === 'expedited') {
    const reason = get(raw, ['request', 'expeditedReason']);
    if (typeof reason !== 'string' || reason.trim() === '') {
      error('expedited-needs-reason', ['request', 'expeditedReason'], 'The request is marked expedited but gives no reason.', "Add `expeditedReason`: why waiting the standard time could seriously jeopardize the patient's life, health or function; or set `urgency: standard`.", ['request', 'urgency']);
    }
  }

  if (get(raw, ['request', 'retroactive']) === true) {
    const reason = get(raw, ['request', 'retroactiveReason']);
    if (typeof reason !== 'string' || reason.trim() === '') {
      error('retroactive-needs-reason', ['request', 'retroactiveReason'], 'The request is marked retroactive but gives no reason.', 'Add `retroactiveReason`: why authorization was not obtained before the requested start (the letter gives it to the payer); or remove `retroactive: true`.', ['request', 'retroactive']);
    }
  }

  const primaries = list(raw, ['diagnoses']).map((d, i) => ({ d, i })).filter(({ d }) => get(d, ['primary']) === true);
  if (primaries.length > 1) {
    error('several-primary-diagnoses', ['diagnoses', primaries[1]!.i, 'primary'], `${primaries.length} diagnoses are marked primary; a request has one primary diagnosis.`, 'Keep `primary: true` on the diagnosis the request is for.');
  }
  checkDenialRules(raw, error);
  return out;
}

type Report = (code: string, path: Path, message: string, hint: string, at?: Path) => void;

/** The lines of business each appeal level exists for (absent: any). */
const LEVEL_LINES: Record<string, readonly string[]> = {
  'internal-appeal-1': ['commercial', 'exchange'],
  'internal-appeal-2': ['commercial', 'exchange'],
  'external-review': ['commercial', 'exchange'],
  'medicare-redetermination': ['medicare-ffs'],
  'medicare-reconsideration': ['medicare-ffs'],
  'ma-reconsideration': ['medicare-advantage'],
  'medicaid-plan-appeal': ['medicaid', 'chip'],
  'state-fair-hearing': ['medicaid', 'chip'],
};
const LEVELS_FOR = (lob: string) => Object.keys(LEVEL_LINES).filter((l) => LEVEL_LINES[l]!.includes(lob)).concat('reconsideration', 'peer-to-peer');

/** The denial block: present exactly on an appeal, a level that exists for the coverage, dates in order, evidence enclosed. */
function checkDenialRules(raw: unknown, error: Report): void {
  const kind = get(raw, ['request', 'kind']);
  const denial = get(raw, ['denial']);
  const hasDenial = denial !== undefined && denial !== null;
  if (kind === 'appeal' && !hasDenial) {
    error('appeal-needs-denial', ['denial'], 'The request is an appeal (`request.kind: appeal`) but the case has no `denial` block.', 'Add `denial:` with the denial date, the payer\'s reference number, the level asked (`level`) and each reason as stated (`reasons`), copied from the denial notice.', ['request', 'kind']);
  }
  if (hasDenial && kind !== 'appeal' && typeof kind === 'string') {
    error('denial-needs-appeal', ['request', 'kind'], `The case has a \`denial\` block but \`request.kind\` is ${kind}, so it would render a request packet and ignore the denial.`, 'Set `request.kind: appeal` to render the appeal packet, or remove the `denial` block.');
  }
  if (!hasDenial) return;
  const lob = get(raw, ['coverage', 'lineOfBusiness']);
  const level = get(raw, ['denial', 'level']);
  if (typeof lob === 'string' && typeof level === 'string' && LEVEL_LINES[level] && !LEVEL_LINES[level].includes(lob)) {
    error('appeal-level-mismatch', ['denial', 'level'], `The level ${level} is not a review of ${lob} coverage (\`coverage.lineOfBusiness\`); it is for ${LEVEL_LINES[level].join(' or ')}.`, `For ${lob} coverage use one of: ${LEVELS_FOR(lob).join(', ')}; or correct \`coverage.lineOfBusiness\`.`);
  }
  if (get(raw, ['denial', 'planType']) !== undefined && typeof lob === 'string' && lob !== 'commercial' && lob !== 'exchange') {
    error('plan-type-not-commercial', ['denial', 'planType'], `\`denial.planType\` is for commercial and exchange coverage; this case is ${lob}, whose appeal clocks do not depend on it.`, 'Remove `denial.planType`.');
  }
  const date = get(raw, ['denial', 'date']);
  const received = get(raw, ['denial', 'receivedOn']);
  if (typeof date === 'string' && typeof received === 'string' && isIsoDate(date) && isIsoDate(received) && received < date) {
    error('received-before-denial', ['denial', 'receivedOn'], `The denial was received (${received}) before the date on the notice (${date}).`, 'Copy `denial.date` from the notice and `receivedOn` from the day it arrived (the postmark or fax header); one of them is mistyped.');
  }
  const files = list(raw, ['attachments']).map((a) => get(a, ['file'])).filter((f): f is string => typeof f === 'string');
  list(raw, ['denial', 'reasons']).forEach((r, i) =>
    list(r, ['evidence']).forEach((e, j) => {
      const file = get(e, ['file']);
      if (typeof file !== 'string' || files.includes(file)) return;
      error('evidence-not-attached', ['denial', 'reasons', i, 'evidence', j, 'file'], `The evidence for denial reason ${i + 1} cites ${file}, which is not one of the case's attachments, so the packet cannot enclose it or cite its pages.`, files.length ? `Use the \`file\` of an attachment (${files.join(', ')}), or add ${file} under \`attachments\`.` : `Add ${file} under \`attachments\` with its kind and title.`);
    }),
  );
}
