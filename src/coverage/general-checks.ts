// The general criterion evaluators: configured by a profile's `params`, they read only general case data
// (measurements, diagnoses, prior therapies, attachments, age, coverage, disease status, request kind, attestations),
// so a profile for any item can be written without code. Each says met, not met or not shown, with the evidence.
import { ageOn, daysBetween, formatDate } from '../format/format.js';
import type { Case } from '../validate/case-schema.js';
import { GENERAL_CHECK_PARAMS, type CheckParams, type Comparison, type GeneralCheck, type SimpleCheck } from './check-params.js';
import type { CriterionResult } from './criterion-result.js';
import { therapyStart } from './therapy-start.js';
import { coverageKind } from '../appeal/coverage-kind.js';

type Path = (string | number)[];
const met = (evidence: string, ...paths: Path[]): CriterionResult => ({ status: 'met', evidence, paths });
const notMet = (evidence: string, ...paths: Path[]): CriterionResult => ({ status: 'not-met', evidence, paths });
const unknown = (evidence: string, ...paths: Path[]): CriterionResult => ({ status: 'unknown', evidence, paths });

export interface GeneralContext {
  case: Case;
  /** Packet date (YYYY-MM-DD). */
  today: string;
  /** The criterion's id (an attestation is keyed by it). */
  criterionId: string;
}

const COMPARE: Record<Comparison, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '=': (a, b) => a === b,
};
const OP_WORDS: Record<Comparison, string> = { '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than', '=': 'exactly' };
const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');
const includesAny = (haystack: string, needles: readonly string[]) => needles.some((n) => haystack.toLowerCase().includes(n.toLowerCase()));
const codeMatches = (code: string, pattern: string) => code === pattern || code.startsWith(pattern.includes('.') ? pattern : `${pattern}.`);

function measurement(p: CheckParams<'measurement'>, { case: c, today }: GeneralContext): CriterionResult {
  const list = (c.clinical?.measurements ?? []).map((m, i) => ({ m, i }));
  const wanted = `${p.names[0] ?? p.codes.map((x) => `${x.system} ${x.code}`).join(' or ')}`;
  const found = list.filter(({ m }) => (m.code && p.codes.some((x) => squash(x.system) === squash(m.codeSystem ?? '') && x.code === m.code)) || (p.names.length > 0 && includesAny(m.name, p.names)));
  const need = `${OP_WORDS[p.op]} ${p.value}${p.unit ? ` ${p.unit}` : ''}${p.maxAgeDays ? ` within ${p.maxAgeDays} days` : ''}${p.daysAfterStart ? ` ${inWindow(c, p.daysAfterStart, []).words}` : ''}`;
  if (found.length === 0) return unknown(`No ${wanted} measurement is given (needed: ${need}).`, ['clinical', 'measurements']);
  // The most recent measurement decides: an older value is not the patient's current state.
  found.sort((a, b) => (a.m.date < b.m.date ? 1 : a.m.date > b.m.date ? -1 : 0));
  if (p.daysAfterStart) {
    // Within a window of therapy days any qualifying value counts (the policy asks for one such period).
    const window = inWindow(c, p.daysAfterStart, found.map((x) => x.m.date));
    if (window.start === undefined) return unknown(`The first day of therapy is not known, so the ${wanted} measurement cannot be placed ${window.words} (add the device as a prior therapy with its start date).`, ['priorTherapies']);
    const inside = found.filter((_, k) => window.ok[k]);
    if (inside.length === 0) return notMet(`No ${wanted} measurement is dated ${window.words} (therapy started ${formatDate(window.start)}; needed: ${need}).`, ['clinical', 'measurements', found[0]!.i, 'date']);
    const best = inside.find(({ m }) => typeof m.value === 'number' && (!p.unit || squash(m.unit ?? '') === squash(p.unit)) && COMPARE[p.op](m.value, p.value)) ?? inside[0]!;
    return compareMeasurement(p, best, need, today, `, ${daysBetween(window.start, best.m.date)} days after the start of therapy on ${formatDate(window.start)}`);
  }
  return compareMeasurement(p, found[0]!, need, today, '');
}

function compareMeasurement(p: CheckParams<'measurement'>, { m, i }: { m: Measurement; i: number }, need: string, today: string, where: string): CriterionResult {
  const path: Path = ['clinical', 'measurements', i];
  const shown = `${m.name} ${m.value}${m.unit ? ` ${m.unit}` : ''} on ${formatDate(m.date)}`;
  if (typeof m.value !== 'number') return unknown(`${shown}: not a number to compare (needed: ${need}).`, path);
  if (p.unit && squash(m.unit ?? '') !== squash(p.unit)) return unknown(`${shown}: the unit is not ${p.unit}, so it cannot be compared (needed: ${need}).`, path);
  if (p.maxAgeDays !== undefined && daysBetween(m.date, today) > p.maxAgeDays) return unknown(`${shown}: ${daysBetween(m.date, today)} days old, more than the ${p.maxAgeDays} days allowed; a newer result is needed.`, path);
  return COMPARE[p.op](m.value, p.value) ? met(`${shown}${where} (needed: ${need}).`, path) : notMet(`${shown}${where} (needed: ${need}).`, path);
}

type Measurement = NonNullable<Case['clinical']>['measurements'][number];

/** Which of the dates fall within the days after the start of therapy (the first day of use is day 0), and the
 * window in words. */
function inWindow(c: Case, w: { min?: number | undefined; max?: number | undefined }, dates: string[]) {
  const start = therapyStart(c);
  const words = w.min !== undefined && w.max !== undefined ? `${w.min} to ${w.max} days after the start of therapy` : w.min !== undefined ? `${w.min} days or more after the start of therapy` : `within ${w.max} days of the start of therapy`;
  const ok = dates.map((d) => {
    if (start === undefined) return false;
    const day = daysBetween(start, d);
    return (w.min === undefined || day >= w.min) && (w.max === undefined || day <= w.max);
  });
  return { start, words, ok };
}

function diagnosisIn(p: CheckParams<'diagnosis-in'>, { case: c }: GeneralContext): CriterionResult {
  const list = c.diagnoses.map((d, i) => ({ d, i })).filter(({ d }) => !p.primaryOnly || d.primary);
  const hit = list.find(({ d }) => p.codes.some((code) => codeMatches(d.code, code)));
  if (hit) return met(`Diagnosis ${hit.d.code}${hit.d.description ? ` ${hit.d.description}` : ''}.`, ['diagnoses', hit.i]);
  return notMet(`${p.primaryOnly ? 'The primary diagnosis is' : 'No diagnosis is'} not among ${p.codes.join(', ')}.`, ['diagnoses']);
}

function stepTherapy(p: CheckParams<'step-therapy'>, { case: c, today }: GeneralContext): CriterionResult {
  const which = [...p.categories.map((x) => x.replace(/-/g, ' ')), ...p.names].join(' or ');
  // A name in brackets is a remark about the course, not the therapy: "Hydroxychloroquine (with methotrexate)" is a
  // hydroxychloroquine trial, never a second methotrexate one.
  const own = (name: string) => name.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
  const candidates = c.priorTherapies.map((t, i) => ({ t, i })).filter(({ t }) => p.categories.includes(t.category) || (p.names.length > 0 && includesAny(own(t.name), p.names)));
  const qualifying: typeof candidates = [];
  const short: string[] = [];
  const seen = new Set<string>();
  for (const x of candidates) {
    const days = daysBetween(x.t.start, x.t.end ?? today) + 1;
    if (!p.endedBy.includes(x.t.stoppedBecause)) continue;
    if (p.minDays !== undefined && days < p.minDays) {
      short.push(`${x.t.name} (${days} days)`);
      continue;
    }
    const key = x.t.name.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    qualifying.push(x);
  }
  const need = `${p.count} ${p.count === 1 ? 'therapy' : 'different therapies'} (${which})${p.minDays ? ` of at least ${p.minDays} days each` : ''}, stopped for ${p.endedBy.map((r) => r.replace(/-/g, ' ')).join(', ')}`;
  const paths: Path[] = qualifying.map((x) => ['priorTherapies', x.i]);
  const listed = qualifying.map((x) => `${x.t.name} (${formatDate(x.t.start)}${x.t.end ? ` to ${formatDate(x.t.end)}` : ''}, ${x.t.stoppedBecause.replace(/-/g, ' ')})`).join('; ');
  if (qualifying.length >= p.count) return met(`${listed} (needed: ${need}).`, ...paths);
  const tail = short.length ? `; too short: ${short.join(', ')}` : '';
  if (c.priorTherapies.length === 0 && c.noPriorTherapy !== true) return unknown(`No prior therapy is listed (needed: ${need}).`, ['priorTherapies']);
  return notMet(`${qualifying.length ? listed : 'None qualifies'}${tail} (needed: ${need}).`, ...(paths.length ? paths : [['priorTherapies']]));
}

function document(p: CheckParams<'document'>, { case: c, today }: GeneralContext): CriterionResult {
  const kinds = p.kinds.map((k) => k.replace(/-/g, ' ')).join(' or ');
  const found = c.attachments.map((a, i) => ({ a, i })).filter(({ a }) => p.kinds.includes(a.kind));
  if (found.length === 0) return unknown(`No ${kinds} is enclosed.`, ['attachments']);
  if (p.daysAfterStart) {
    const dated = found.filter(({ a }) => a.date !== undefined);
    const window = inWindow(c, p.daysAfterStart, dated.map(({ a }) => a.date!));
    if (dated.length === 0) return unknown(`${found[0]!.a.title} is enclosed but undated; it must be dated ${window.words}.`, ['attachments', found[0]!.i, 'date']);
    if (window.start === undefined) return unknown(`The first day of therapy is not known, so the ${kinds} cannot be placed ${window.words} (add the device as a prior therapy with its start date).`, ['priorTherapies']);
    const hit = dated.findIndex((_, k) => window.ok[k]);
    const after = (d: string) => `${daysBetween(window.start!, d)} days after the start of therapy on ${formatDate(window.start!)}`;
    if (hit >= 0) return met(`${dated[hit]!.a.title}, ${formatDate(dated[hit]!.a.date!)}, ${after(dated[hit]!.a.date!)}, enclosed.`, ['attachments', dated[hit]!.i]);
    const last = dated.sort((x, y) => (x.a.date! < y.a.date! ? 1 : -1))[0]!;
    return notMet(`${last.a.title}, ${formatDate(last.a.date!)}, is ${after(last.a.date!)}; it must be dated ${window.words}.`, ['attachments', last.i, 'date']);
  }
  if (p.maxAgeDays === undefined) return met(`${found[0]!.a.title} enclosed.`, ['attachments', found[0]!.i]);
  const dated = found.filter(({ a }) => a.date !== undefined).sort((x, y) => (x.a.date! < y.a.date! ? 1 : -1));
  const newest = dated[0];
  if (!newest) return unknown(`${found[0]!.a.title} is enclosed but undated; it must be from the last ${p.maxAgeDays} days.`, ['attachments', found[0]!.i, 'date']);
  const age = daysBetween(newest.a.date, today);
  const shown = `${newest.a.title}, ${formatDate(newest.a.date!)}`;
  return age <= p.maxAgeDays ? met(`${shown} enclosed.`, ['attachments', newest.i]) : notMet(`${shown}: ${age} days old, more than the ${p.maxAgeDays} days allowed.`, ['attachments', newest.i, 'date']);
}

function age(p: CheckParams<'age'>, { case: c, today }: GeneralContext): CriterionResult {
  const years = ageOn(c.patient.dateOfBirth, today);
  const need = [p.min !== undefined ? `at least ${p.min}` : '', p.max !== undefined ? `at most ${p.max}` : ''].filter(Boolean).join(' and ');
  const ok = (p.min === undefined || years >= p.min) && (p.max === undefined || years <= p.max);
  return (ok ? met : notMet)(`Age ${years} (needed: ${need}).`, ['patient', 'dateOfBirth']);
}

function lineOfBusiness(p: CheckParams<'line-of-business'>, { case: c }: GeneralContext): CriterionResult {
  const lob = c.coverage.lineOfBusiness;
  return (p.in.includes(lob) ? met : notMet)(`Line of business: ${lob}.`, ['coverage', 'lineOfBusiness']);
}

function diseaseStatus(p: CheckParams<'disease-status'>, { case: c }: GeneralContext): CriterionResult {
  const status = c.clinical?.diseaseStatus;
  if (!status) return unknown('The disease status is not stated.', ['clinical', 'diseaseStatus']);
  return (p.in.includes(status) ? met : notMet)(`Disease status: ${status.replace(/-/g, ' ')}.`, ['clinical', 'diseaseStatus']);
}

function requestKind(p: CheckParams<'request-kind'>, { case: c }: GeneralContext): CriterionResult {
  const kind = coverageKind(c);
  return (p.in.includes(kind) ? met : notMet)(`Request: ${kind}.`, c.request.kind === 'appeal' ? ['denial', 'requestKind'] : ['request', 'kind']);
}

function attested(_p: CheckParams<'attested'>, { case: c, criterionId }: GeneralContext): CriterionResult {
  const words = c.attestations?.[criterionId];
  return words ? met(words, ['attestations', criterionId]) : unknown(`Only the clinician can attest this; the case gives no \`attestations.${criterionId}\`.`, ['attestations', criterionId]);
}

/** Met when one option has every condition met; not met when every option has one not met; else not shown. */
function anyOf(p: CheckParams<'any-of'>, ctx: GeneralContext): CriterionResult {
  const options = p.options.map((o) => {
    const results = o.all.map((x) => (EVALUATORS[x.check] as (p: unknown, ctx: GeneralContext) => CriterionResult)(SIMPLE[x.check].parse(x.params ?? {}), ctx));
    const failed = results.find((r) => r.status === 'not-met') ?? results.find((r) => r.status === 'unknown');
    return { label: o.label, results, failed, status: failed?.status ?? 'met' };
  });
  const paths = (list: CriterionResult[]) => list.flatMap((r) => r.paths);
  const hit = options.find((o) => o.status === 'met');
  if (hit) return met(`${hit.label}: ${hit.results.map((r) => r.evidence).join(' ')}`, ...paths(hit.results));
  const why = options.map((o, k) => `(${k + 1}) ${o.label}: ${o.status === 'not-met' ? 'not met' : 'not shown'}. ${o.failed!.evidence}`).join(' ');
  const failed = options.map((o) => o.failed!);
  return (options.some((o) => o.status === 'unknown') ? unknown : notMet)(`No option is met. ${why}`, ...paths(failed));
}

const SIMPLE = GENERAL_CHECK_PARAMS as unknown as Record<SimpleCheck, { parse(v: unknown): unknown }>;

/** Whole months of the requested dates of service (a part month counts as a month, as supplies are dispensed). */
function requestedMonths(c: Case): number {
  if (c.request.requestedMonths !== undefined) return c.request.requestedMonths;
  return Math.max(1, Math.ceil((daysBetween(c.request.requestedStart, c.request.requestedEnd!) + 1) / 30.4375));
}

function quantityLimit(p: CheckParams<'quantity-limit'>, { case: c }: GeneralContext): CriterionResult {
  const months = requestedMonths(c);
  const checked: string[] = [];
  const over: string[] = [];
  const paths: Path[] = [];
  for (const limit of p.limits) {
    const items = c.items.map((item, i) => ({ item, i })).filter(({ item }) => item.hcpcs !== undefined && limit.codes.includes(item.hcpcs));
    if (items.length === 0) continue;
    const quantity = items.reduce((sum, { item }) => sum + item.quantity, 0);
    const allowed = limit.max * Math.ceil(months / limit.perMonths);
    const codes = [...new Set(items.map(({ item }) => item.hcpcs!))].join(', ');
    const shown = `${codes}: ${quantity} requested, usual maximum ${allowed} (${limit.max} per ${limit.perMonths === 1 ? 'month' : `${limit.perMonths} months`} over ${months} ${months === 1 ? 'month' : 'months'})`;
    (quantity > allowed ? over : checked).push(shown);
    paths.push(...items.map(({ i }): Path => ['items', i, 'quantity']));
  }
  if (checked.length === 0 && over.length === 0) return met('No item with a usual maximum quantity is requested.', ['items']);
  if (over.length) return notMet(`Over the usual maximum: ${over.join('; ')}. A larger quantity needs documentation of why it is needed.`, ...paths);
  return met(`Within the usual maximum: ${checked.join('; ')}.`, ...paths);
}

const EVALUATORS: { [K in GeneralCheck]: (p: CheckParams<K>, ctx: GeneralContext) => CriterionResult } = {
  'quantity-limit': quantityLimit,
  'any-of': anyOf,
  measurement,
  'diagnosis-in': diagnosisIn,
  'step-therapy': stepTherapy,
  document,
  age,
  'line-of-business': lineOfBusiness,
  'disease-status': diseaseStatus,
  'request-kind': requestKind,
  attested,
};

export function isGeneralCheck(check: string): check is GeneralCheck {
  return Object.hasOwn(GENERAL_CHECK_PARAMS, check);
}

/** Runs a general evaluator; the profile loader has already validated `params` against the check's schema. */
export function runGeneralCheck(check: GeneralCheck, params: unknown, ctx: GeneralContext): CriterionResult {
  const parsed = GENERAL_CHECK_PARAMS[check].parse(params ?? {});
  return (EVALUATORS[check] as (p: unknown, ctx: GeneralContext) => CriterionResult)(parsed, ctx);
}
