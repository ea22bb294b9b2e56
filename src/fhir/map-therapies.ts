// Maps the treatment history (Procedure, MedicationStatement, MedicationAdministration, and MedicationRequest that
// is stopped or completed) to prior therapies, oldest first; the outcome and, when not coded, the reason stopped
// are the clinician's to write and left as gaps.
import type { CodeableConcept, Medication, MedicationAdministration, MedicationRequest, MedicationStatement, Period, Procedure, Reference } from '@medplum/fhirtypes';
import { THERAPY_CATEGORIES } from '../validate/case-schema.js';
import { SYSTEM } from './code-systems.js';
import { clean, codingIn, conceptText, day, periodDays } from './fhir-values.js';
import type { ImportContext } from './import-context.js';
import type { SourcedResource } from './read-fhir.js';
import { dosage } from './map-requests.js';

/** SNOMED CT procedure categories (the US Core binding of Procedure.category) that name a case therapy category. */
const PROCEDURE_CATEGORY: Record<string, string> = {
  '387713003': 'surgery', // Surgical procedure
  '108290001': 'radiation', // Radiation oncology AND/OR radiotherapy
  '367336001': 'chemotherapy', // Chemotherapy
  '86273004': 'biopsy', // Biopsy
  '91251008': 'physical-therapy', // Physical therapy procedure
  '228557008': 'behavioral-therapy', // Cognitive and behavioral therapy
};
/** SNOMED CT reasons a treatment was stopped, by case `stoppedBecause`. */
const STOP_REASON: Record<string, string> = {
  '266721009': 'inadequate-response', // Absent response to treatment
  '281647001': 'adverse-event', // Adverse reaction
  '62014003': 'adverse-event', // Adverse reaction to drug
  '59037007': 'intolerance', // Drug intolerance
  '246455001': 'progression', // Recurrence
  '385633008': 'completed', // Improving (treatment completed) — kept narrow: only when coded
  '410536001': 'contraindicated', // Contraindicated
};

interface Therapy {
  r: SourcedResource;
  data: Record<string, unknown>;
  /** case field → FHIR element, recorded once the therapy's index is known. */
  from: [string, string][];
  gaps: [string, string][];
}

export function mapTherapies(ctx: ImportContext): Record<string, unknown>[] {
  const found: Therapy[] = [];
  for (const r of ctx.ofType<Procedure>('Procedure')) {
    const p = r.resource;
    if (!['completed', 'in-progress', 'stopped'].includes(p.status)) {
      ctx.ignore(r, `a Procedure with status ${p.status} was not (or not yet) done`, 'status');
      continue;
    }
    const category = ownCategory(p.category) ?? PROCEDURE_CATEGORY[codingIn(p.category, SYSTEM.snomed)?.code ?? ''] ?? 'procedure';
    const when = p.performedPeriod ? { p: periodDays(p.performedPeriod), at: 'performedPeriod' } : { p: { start: day(p.performedDateTime), end: day(p.performedDateTime) }, at: 'performedDateTime' };
    const stop = p.status === 'in-progress' ? 'ongoing' : p.status === 'completed' ? 'completed' : STOP_REASON[codingIn(p.statusReason, SYSTEM.snomed)?.code ?? ''];
    found.push(therapy(r, p.code, 'code', category, when, stop, p.status === 'stopped' ? 'statusReason' : 'status', clean(p.outcome?.text) ?? conceptText(p.outcome), 'outcome'));
  }
  const medication = (r: SourcedResource, cc: CodeableConcept | undefined, ref: Reference | undefined, at: string): [CodeableConcept | undefined, string] => {
    if (cc) return [cc, at + 'CodeableConcept'];
    const m = ctx.resolve<Medication>(ref, 'Medication');
    if (m) ctx.touch(m);
    return [m?.resource.code, at + 'Reference → Medication.code'];
  };
  const medStop = (status: string, reason: CodeableConcept | undefined) =>
    status === 'active' || status === 'in-progress' ? 'ongoing' : status === 'completed' ? 'completed' : STOP_REASON[codingIn(reason, SYSTEM.snomed)?.code ?? ''];
  for (const r of ctx.ofType<MedicationStatement>('MedicationStatement')) {
    const s = r.resource;
    if (!['active', 'completed', 'stopped', 'on-hold'].includes(s.status)) {
      ctx.ignore(r, `a MedicationStatement with status ${s.status} is not a therapy taken`, 'status');
      continue;
    }
    const [cc, at] = medication(r, s.medicationCodeableConcept, s.medicationReference, 'medication');
    const when = whenOf(s.effectivePeriod, s.effectiveDateTime, 'effective');
    const t = therapy(r, cc, at, ownCategory(s.category) ?? 'medication', when, medStop(s.status, s.statusReason?.[0]), s.status === 'stopped' ? 'statusReason[0]' : 'status', clean(s.note?.[0]?.text), 'note[0].text');
    Object.assign(t.data, recordDosage(r, t, s.dosage?.[0], 'dosage[0]'));
    found.push(t);
  }
  for (const r of ctx.ofType<MedicationAdministration>('MedicationAdministration')) {
    const a = r.resource;
    if (!['completed', 'in-progress', 'stopped'].includes(a.status)) {
      ctx.ignore(r, `a MedicationAdministration with status ${a.status} was not given`, 'status');
      continue;
    }
    const [cc, at] = medication(r, a.medicationCodeableConcept, a.medicationReference, 'medication');
    const when = whenOf(a.effectivePeriod, a.effectiveDateTime, 'effective');
    const t = therapy(r, cc, at, 'medication', when, medStop(a.status, a.statusReason?.[0]), a.status === 'stopped' ? 'statusReason[0]' : 'status', clean(a.note?.[0]?.text), 'note[0].text');
    const dose = a.dosage?.dose;
    if (dose?.value !== undefined) {
      t.data.dose = `${dose.value}${dose.unit ? ` ${dose.unit}` : ''}`;
      t.from.push(['dose', 'dosage.dose']);
    }
    found.push(t);
  }
  for (const r of ctx.ofType<MedicationRequest>('MedicationRequest')) {
    const m = r.resource;
    if (m.status !== 'stopped' && m.status !== 'completed') continue; // open ones are requested items (map-requests.ts)
    const [cc, at] = medication(r, m.medicationCodeableConcept, m.medicationReference, 'medication');
    const v = m.dispenseRequest?.validityPeriod;
    const when = v?.start ? { p: periodDays(v), at: 'dispenseRequest.validityPeriod' } : { p: { start: day(m.authoredOn) }, at: 'authoredOn' };
    const t = therapy(r, cc, at, 'medication', when, medStop(m.status, m.statusReason), m.status === 'stopped' ? 'statusReason' : 'status', clean(m.note?.[0]?.text), 'note[0].text');
    Object.assign(t.data, recordDosage(r, t, m.dosageInstruction?.[0], 'dosageInstruction[0]'));
    found.push(t);
  }
  // Oldest first, as the case format asks; undated last; on the same day, in the order of the input.
  const position = new Map(ctx.resources.map((r, i) => [r, i]));
  found.sort((a, b) => String(a.data.start ?? '9999').localeCompare(String(b.data.start ?? '9999')) || position.get(a.r)! - position.get(b.r)!);
  return found.map((t, i) => {
    for (const [field, element] of t.from) ctx.mapped(`priorTherapies[${i}].${field}`, t.r, element);
    for (const [field, reason] of t.gaps) ctx.gap(`priorTherapies[${i}].${field}`, reason);
    return t.data;
  });
}

/** The case's own therapy category, as authpack's export writes it (so a round trip keeps e.g. chemoradiation). */
function ownCategory(cc: CodeableConcept | undefined): string | undefined {
  const code = codingIn(cc, SYSTEM.therapyCategory)?.code;
  return code && (THERAPY_CATEGORIES as readonly string[]).includes(code) ? code : undefined;
}

function whenOf(period: Period | undefined, dateTime: string | undefined, at: string): { p: { start?: string; end?: string }; at: string } {
  return period ? { p: periodDays(period), at: `${at}Period` } : { p: { start: day(dateTime), end: day(dateTime) }, at: `${at}DateTime` };
}

function therapy(r: SourcedResource, cc: CodeableConcept | undefined, ccAt: string, category: string, when: { p: { start?: string; end?: string }; at: string }, stop: string | undefined, stopAt: string, outcome: string | undefined, outcomeAt: string): Therapy {
  const t: Therapy = { r, data: {}, from: [], gaps: [] };
  const set = (field: string, value: unknown, element: string, gapReason?: string) => {
    if (value !== undefined) {
      t.data[field] = value;
      t.from.push([field, element]);
    } else if (gapReason) {
      t.data[field] = null;
      t.gaps.push([field, gapReason]);
    }
  };
  set('name', conceptText(cc), ccAt, `the ${r.resource.resourceType} has no text or display for what was given or done`);
  t.data.category = category;
  t.from.push(['category', r.resource.resourceType === 'Procedure' ? 'category' : 'resourceType']);
  set('start', when.p.start, `${when.at}${when.at.endsWith('Period') ? '.start' : ''}`, `the ${r.resource.resourceType} has no start date`);
  set('end', when.p.end, `${when.at}${when.at.endsWith('Period') ? '.end' : ''}`);
  set('outcome', outcome, outcomeAt, 'FHIR carries no outcome here; write what the treatment achieved in the clinician\'s words');
  set('stoppedBecause', stop, stopAt, 'the reason it was stopped is not coded; write completed, inadequate-response, progression, intolerance, adverse-event, contraindicated or ongoing');
  return t;
}

/** Dose and frequency of a medication therapy; the mappings are kept until the therapy's final index is known. */
function recordDosage(r: SourcedResource, t: Therapy, d: Parameters<typeof dosage>[3], at: string): Record<string, string> {
  const sink = { mapped: (field: string, _r: SourcedResource, element: string) => t.from.push([field.split('.').pop()!, element]) } as unknown as ImportContext;
  return dosage(sink, r, 'therapy', d, at);
}
