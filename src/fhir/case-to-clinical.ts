// Maps the coded clinical picture to FHIR resources the Claim points to as supporting information: performance
// status and measurements → Observation, the latest imaging → DiagnosticReport, prior therapies → Procedure or
// MedicationStatement (category, dates, status and reason stopped coded as US Core and SNOMED CT expect).
import type { CodeableConcept, DiagnosticReport, MedicationStatement, Observation, Procedure } from '@medplum/fhirtypes';
import type { Case } from '../validate/case-schema.js';
import { SYSTEM } from './code-systems.js';
import type { Entry } from './case-to-parties.js';
import { compact, concept, doseAndRate, ref } from './export-values.js';

type Therapy = Case['priorTherapies'][number];

/** A clinical resource and the X12 PWK01 report type it is sent under. */
export interface ClinicalEntry extends Entry<Observation | DiagnosticReport | Procedure | MedicationStatement> {
  reportType: [string, string];
  description: string;
}

export const LOINC_KPS = '89243-0';
export const LOINC_ECOG = '89247-1';

/** SNOMED CT procedure categories (US Core's Procedure.category binding) by therapy category. */
const PROCEDURE_CATEGORY: Partial<Record<Therapy['category'], [string, string]>> = {
  surgery: ['387713003', 'Surgical procedure'],
  radiation: ['108290001', 'Radiation oncology AND/OR radiotherapy'],
  chemotherapy: ['367336001', 'Chemotherapy'],
  biopsy: ['86273004', 'Biopsy'],
  'physical-therapy': ['91251008', 'Physical therapy procedure'],
  'behavioral-therapy': ['228557008', 'Cognitive and behavioral therapy'],
};
/** SNOMED CT reasons a therapy was stopped. */
const STOP_REASON: Partial<Record<Therapy['stoppedBecause'], [string, string]>> = {
  'inadequate-response': ['266721009', 'Absent response to treatment'],
  'adverse-event': ['281647001', 'Adverse reaction'],
  intolerance: ['59037007', 'Drug intolerance'],
  progression: ['246455001', 'Recurrence'],
  contraindicated: ['410536001', 'Contraindicated'],
};
/** Therapies taken as medicines; the rest are procedures. */
export const MEDICINES: ReadonlySet<Therapy['category']> = new Set(['medication', 'topical', 'injection', 'infusion', 'systemic']);

export function caseToClinical(c: Case, id: (role: string, i?: number) => string, patientUrl: string): ClinicalEntry[] {
  const out: ClinicalEntry[] = [];
  const add = (resource: ClinicalEntry['resource'] & { id: string }, reportType: [string, string], description: string) => out.push({ fullUrl: `urn:uuid:${resource.id}`, resource, reportType, description });
  const subject = ref(patientUrl);
  const perf = c.clinical?.performance;
  for (const [key, loinc, name] of [['kps', LOINC_KPS, 'Karnofsky Performance Status score'], ['ecog', LOINC_ECOG, 'ECOG Performance Status score']] as const) {
    const score = perf?.[key];
    if (score === undefined) continue;
    add(compact({ resourceType: 'Observation' as const, id: id('Performance', key === 'kps' ? 0 : 1), status: 'final' as const, category: [survey()], code: concept(SYSTEM.loinc, loinc, name, name), subject, effectiveDateTime: perf?.assessedOn, valueInteger: score }) as Observation & { id: string }, ['RT', 'Report of Tests and Analysis Report'], name);
  }
  c.clinical?.measurements.forEach((m, i) => {
    const loinc = m.codeSystem !== undefined && /^loinc$/i.test(m.codeSystem.trim());
    const code: CodeableConcept = { ...(m.code !== undefined ? { coding: [loinc ? { system: SYSTEM.loinc, code: m.code } : { code: m.code, display: `${m.codeSystem} ${m.code}` }] } : {}), text: m.name };
    add(compact({
      resourceType: 'Observation' as const,
      id: id('Measurement', i),
      status: 'final' as const,
      category: [concept('http://terminology.hl7.org/CodeSystem/observation-category', 'exam', 'Exam')],
      code,
      subject,
      effectiveDateTime: m.date,
      valueQuantity: typeof m.value === 'number' ? compact({ value: m.value, unit: m.unit }) : undefined,
      valueString: typeof m.value === 'string' ? (m.unit ? `${m.value} ${m.unit}` : m.value) : undefined,
      note: m.note ? [{ text: m.note }] : undefined,
    }) as Observation & { id: string }, ['RT', 'Report of Tests and Analysis Report'], m.name);
  });
  const img = c.clinical?.latestImaging;
  if (img) {
    add(compact({
      resourceType: 'DiagnosticReport' as const,
      id: id('Imaging'),
      status: 'final' as const,
      category: [concept('http://terminology.hl7.org/CodeSystem/v2-0074', 'RAD', 'Radiology')],
      code: { text: img.modality },
      subject,
      effectiveDateTime: img.date,
      conclusion: img.summary,
    }) as DiagnosticReport & { id: string }, ['RR', 'Radiology Reports'], `Latest imaging: ${img.modality}`);
  }
  c.priorTherapies.forEach((t, i) => add(therapy(t, id, i, subject), ['P5', 'Patient Medical History Document'], `Prior therapy: ${t.name}`));
  return out;
}

function therapy(t: Therapy, id: (role: string, i?: number) => string, i: number, subject: { reference?: string }): (Procedure | MedicationStatement) & { id: string } {
  const period = compact({ start: t.start, end: t.end });
  const reason = STOP_REASON[t.stoppedBecause];
  const ownCategory = { system: SYSTEM.therapyCategory, code: t.category };
  if (MEDICINES.has(t.category)) {
    const dosageText = [t.dose, t.frequency].filter(Boolean).join(', ');
    return compact({
      resourceType: 'MedicationStatement' as const,
      id: id('PriorTherapy', i),
      status: t.stoppedBecause === 'ongoing' ? ('active' as const) : t.stoppedBecause === 'completed' ? ('completed' as const) : ('stopped' as const),
      statusReason: reason ? [concept('http://snomed.info/sct', reason[0], reason[1])] : undefined,
      category: { coding: [ownCategory] },
      medicationCodeableConcept: { text: t.name },
      subject,
      effectivePeriod: period,
      note: [{ text: t.outcome }],
      dosage: dosageText ? [compact({ text: dosageText, timing: t.frequency ? { code: { text: t.frequency } } : undefined, doseAndRate: doseAndRate(t.dose) })] : undefined,
    }) as MedicationStatement & { id: string };
  }
  const snomed = PROCEDURE_CATEGORY[t.category];
  return compact({
    resourceType: 'Procedure' as const,
    id: id('PriorTherapy', i),
    status: t.stoppedBecause === 'ongoing' ? ('in-progress' as const) : t.stoppedBecause === 'completed' ? ('completed' as const) : ('stopped' as const),
    statusReason: reason ? concept('http://snomed.info/sct', reason[0], reason[1]) : undefined,
    category: { coding: [...(snomed ? [{ system: 'http://snomed.info/sct', code: snomed[0], display: snomed[1] }] : []), ownCategory] },
    code: { text: t.name },
    subject,
    performedPeriod: period,
    outcome: { text: t.outcome },
  }) as Procedure & { id: string };
}

function survey(): CodeableConcept {
  return concept('http://terminology.hl7.org/CodeSystem/observation-category', 'survey', 'Survey');
}
