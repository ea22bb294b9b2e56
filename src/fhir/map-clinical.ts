// Maps Observations (performance status by LOINC, any other coded measurement) and the latest imaging
// (DiagnosticReport of imaging, ImagingStudy) to the case's `clinical` block.
import type { DiagnosticReport, ImagingStudy, Observation } from '@medplum/fhirtypes';
import { ECOG_ANSWERS, LOINC_BP_PANEL, LOINC_DIASTOLIC, LOINC_ECOG, LOINC_KPS, LOINC_SYSTOLIC, SYSTEM } from './code-systems.js';
import { clean, codingIn, conceptText, day } from './fhir-values.js';
import type { ImportContext } from './import-context.js';
import type { SourcedResource } from './read-fhir.js';

const MAX_MEASUREMENTS = 100;
type Obs = SourcedResource & { resource: Observation };

export function mapClinical(ctx: ImportContext): Record<string, unknown> {
  const clinical: Record<string, unknown> = {};
  const observations = ctx.ofType<Observation>('Observation').filter((r) => {
    const ok = ['final', 'amended', 'corrected', 'preliminary'].includes(r.resource.status);
    if (!ok) ctx.ignore(r, `an Observation with status ${r.resource.status} has no result to report`, 'status');
    return ok;
  });
  const dateOf = (o: Obs) => day(o.resource.effectiveDateTime ?? o.resource.effectivePeriod?.start ?? o.resource.issued);
  const latest = (code: string) => observations.filter((o) => codingIn(o.resource.code, SYSTEM.loinc)?.code === code).sort((a, b) => String(dateOf(b)).localeCompare(String(dateOf(a))));
  const performance: Record<string, unknown> = {};
  const kps = latest(LOINC_KPS);
  const ecog = latest(LOINC_ECOG);
  const score = (o: Obs, answers?: Record<string, number>) => {
    const v = o.resource.valueInteger ?? o.resource.valueQuantity?.value;
    if (v !== undefined) return v;
    const answer = o.resource.valueCodeableConcept?.coding?.find((c) => c.code && answers?.[c.code] !== undefined)?.code;
    return answer ? answers![answer] : undefined;
  };
  const perfFrom: Obs[] = [];
  if (kps[0] && score(kps[0]) !== undefined) {
    performance.kps = score(kps[0]);
    ctx.mapped('clinical.performance.kps', kps[0], 'value[x]');
    perfFrom.push(kps[0]);
  }
  if (ecog[0] && score(ecog[0], ECOG_ANSWERS) !== undefined) {
    performance.ecog = score(ecog[0], ECOG_ANSWERS);
    ctx.mapped('clinical.performance.ecog', ecog[0], 'value[x]');
    perfFrom.push(ecog[0]);
  }
  for (const older of [...kps.slice(1), ...ecog.slice(1)]) ctx.ignore(older, 'a later score of the same performance status is used');
  const assessed = perfFrom.map(dateOf).filter(Boolean).sort().pop();
  if (assessed) {
    performance.assessedOn = assessed;
    ctx.mapped('clinical.performance.assessedOn', perfFrom.find((o) => dateOf(o) === assessed)!, 'effectiveDateTime');
  }
  if (Object.keys(performance).length) clinical.performance = performance;

  const measurements: Record<string, unknown>[] = [];
  for (const o of observations) {
    const loinc = codingIn(o.resource.code, SYSTEM.loinc)?.code;
    if (loinc === LOINC_KPS || loinc === LOINC_ECOG) continue;
    const m = measurement(o, dateOf(o));
    if (typeof m === 'string') {
      ctx.ignore(o, m);
      continue;
    }
    if (measurements.length >= MAX_MEASUREMENTS) {
      ctx.ignore(o, `a case carries at most ${MAX_MEASUREMENTS} measurements`);
      continue;
    }
    const field = `clinical.measurements[${measurements.length}]`;
    for (const [key, element] of m.from) ctx.mapped(`${field}.${key}`, o, element);
    measurements.push(m.data);
  }
  if (measurements.length) clinical.measurements = measurements;

  const imaging = latestImaging(ctx);
  if (imaging) clinical.latestImaging = imaging;
  return clinical;
}

/** One measurement, or why the Observation cannot be one. */
function measurement(o: Obs, date: string | undefined): { data: Record<string, unknown>; from: [string, string][] } | string {
  const res = o.resource;
  const name = conceptText(res.code);
  if (!name) return 'the Observation code has no text or display to name the measurement';
  if (!date) return 'the Observation has no full effective date';
  const data: Record<string, unknown> = { name };
  const from: [string, string][] = [['name', 'code'], ['date', res.effectiveDateTime ? 'effectiveDateTime' : res.effectivePeriod ? 'effectivePeriod.start' : 'issued']];
  data.date = date;
  const loinc = codingIn(res.code, SYSTEM.loinc);
  if (res.valueQuantity?.value !== undefined) {
    data.value = res.valueQuantity.value;
    const unit = clean(res.valueQuantity.unit) ?? clean(res.valueQuantity.code);
    if (unit) data.unit = unit;
    from.push(['value', 'valueQuantity']);
  } else if (res.valueInteger !== undefined) {
    data.value = res.valueInteger;
    from.push(['value', 'valueInteger']);
  } else if (clean(res.valueString)) {
    data.value = clean(res.valueString)!.slice(0, 60);
    from.push(['value', 'valueString']);
  } else if (conceptText(res.valueCodeableConcept)) {
    data.value = conceptText(res.valueCodeableConcept)!.slice(0, 60);
    from.push(['value', 'valueCodeableConcept']);
  } else if (loinc?.code === LOINC_BP_PANEL) {
    const part = (code: string) => res.component?.find((c) => codingIn(c.code, SYSTEM.loinc)?.code === code)?.valueQuantity;
    const [sys, dia] = [part(LOINC_SYSTOLIC), part(LOINC_DIASTOLIC)];
    if (sys?.value === undefined || dia?.value === undefined) return 'the blood pressure panel lacks its systolic or diastolic component';
    data.value = `${sys.value}/${dia.value}`;
    data.unit = clean(sys.unit) ?? 'mmHg';
    from.push(['value', 'component (8480-6, 8462-4)']);
  } else return 'the Observation has no value authpack can print (quantity, integer, text or coded answer)';
  if (loinc?.code) {
    data.codeSystem = 'LOINC';
    data.code = loinc.code;
    from.push(['code', `code.coding[${res.code.coding!.indexOf(loinc)}].code`]);
  }
  const note = clean(res.note?.[0]?.text);
  if (note) (data.note = note.slice(0, 300)), from.push(['note', 'note[0].text']);
  return { data, from };
}

/** The newest imaging report (DiagnosticReport in the imaging category) or ImagingStudy. */
function latestImaging(ctx: ImportContext): Record<string, unknown> | undefined {
  type Candidate = { r: SourcedResource; date: string; modality?: string; modalityAt: string; summary?: string; dateAt: string };
  const candidates: Candidate[] = [];
  for (const r of ctx.ofType<DiagnosticReport>('DiagnosticReport')) {
    const d = r.resource;
    const imagingCategory = d.category?.some((c) => c.coding?.some((k) => k.code === 'RAD' || k.code === 'LP29684-5' || k.code === 'IMG'));
    const date = day(d.effectiveDateTime ?? d.effectivePeriod?.start ?? d.issued);
    if (!imagingCategory || !date) {
      ctx.ignore(r, imagingCategory ? 'the imaging report has no full date' : 'only imaging reports (category RAD or LP29684-5) are mapped; attach other reports as DocumentReference');
      continue;
    }
    candidates.push({ r, date, modality: conceptText(d.code), modalityAt: 'code', summary: clean(d.conclusion), dateAt: d.effectiveDateTime ? 'effectiveDateTime' : 'effectivePeriod.start' });
  }
  for (const r of ctx.ofType<ImagingStudy>('ImagingStudy')) {
    const s = r.resource;
    const date = day(s.started);
    if (!date) {
      ctx.ignore(r, 'the ImagingStudy has no start date', 'started');
      continue;
    }
    candidates.push({ r, date, modality: clean(s.description) ?? conceptText(s.procedureCode?.[0]), modalityAt: s.description ? 'description' : 'procedureCode[0]', dateAt: 'started' });
  }
  candidates.sort((a, b) => b.date.localeCompare(a.date));
  const [best, ...older] = candidates.filter((c) => c.modality);
  for (const c of candidates.filter((x) => !x.modality)) ctx.ignore(c.r, 'the imaging has no description of its modality');
  for (const c of older) ctx.ignore(c.r, 'a newer imaging study is the latest imaging');
  if (!best) return undefined;
  ctx.mapped('clinical.latestImaging.date', best.r, best.dateAt);
  ctx.mapped('clinical.latestImaging.modality', best.r, best.modalityAt);
  if (best.summary) ctx.mapped('clinical.latestImaging.summary', best.r, 'conclusion');
  return { date: best.date, modality: best.modality, ...(best.summary ? { summary: best.summary.slice(0, 2000) } : {}) };
}
