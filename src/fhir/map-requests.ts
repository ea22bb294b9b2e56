// Maps the active DeviceRequest, ServiceRequest and MedicationRequest resources to the requested items (HCPCS, CPT,
// NDC; quantity, dose and frequency) and the request's dates of service and urgency.
import type { CodeableConcept, DeviceRequest, Dosage, Medication, MedicationRequest, Reference, ServiceRequest } from '@medplum/fhirtypes';
import { HCPCS_SYSTEMS, SYSTEM } from './code-systems.js';
import { clean, codingIn, conceptText, day, quantityText } from './fhir-values.js';
import type { ImportContext } from './import-context.js';
import type { SourcedResource } from './read-fhir.js';

type AnyRequest = SourcedResource & { resource: DeviceRequest | ServiceRequest | MedicationRequest };

/** Requests still to be authorised; a stopped or completed MedicationRequest is a prior therapy instead. */
const OPEN_STATUSES = new Set(['draft', 'active', 'on-hold', 'unknown']);

export interface MappedRequests {
  items: Record<string, unknown>[];
  request: Record<string, unknown>;
  /** The first request's requester (the prescriber) and performer (supplier or facility). */
  requester?: Reference;
  supplier?: Reference;
  facility?: Reference;
  /** References of the Conditions the requests give as their reason. */
  reasons: string[];
  /** The standard written order date: the first request's authoredOn. */
  writtenOrderDate?: string;
}

export function openRequests(ctx: ImportContext): AnyRequest[] {
  const all = [...ctx.ofType<DeviceRequest>('DeviceRequest'), ...ctx.ofType<ServiceRequest>('ServiceRequest'), ...ctx.ofType<MedicationRequest>('MedicationRequest')];
  return all.filter((r) => OPEN_STATUSES.has(r.resource.status ?? 'unknown') && r.resource.intent !== 'instance-order');
}

export function mapRequests(ctx: ImportContext): MappedRequests {
  const out: MappedRequests = { items: [], request: {}, reasons: [] };
  for (const r of openRequests(ctx)) {
    const item = mapItem(ctx, r, `items[${out.items.length}]`);
    if (!item) continue;
    out.items.push(item);
    const res = r.resource;
    for (const ref of res.reasonReference ?? []) if (ref.reference) out.reasons.push(ref.reference);
    if (out.items.length > 1) continue;
    // The first item's request carries the dates, urgency and parties of the whole request.
    out.requester = res.requester;
    if (res.resourceType === 'DeviceRequest') out.supplier = res.performer;
    else if (res.resourceType === 'ServiceRequest') out.facility = res.performer?.[0];
    const period = res.resourceType === 'MedicationRequest' ? { p: res.dispenseRequest?.validityPeriod, at: 'dispenseRequest.validityPeriod' } : { p: res.occurrencePeriod, at: 'occurrencePeriod' };
    const start = day(period.p?.start) ?? (res.resourceType === 'MedicationRequest' ? undefined : day(res.occurrenceDateTime));
    if (start) {
      out.request.requestedStart = start;
      ctx.mapped('request.requestedStart', r, period.p?.start ? `${period.at}.start` : 'occurrenceDateTime');
    }
    const end = day(period.p?.end);
    if (end) {
      out.request.requestedEnd = end;
      ctx.mapped('request.requestedEnd', r, `${period.at}.end`);
    }
    const authored = day(res.authoredOn);
    if (authored) {
      out.writtenOrderDate = authored;
      ctx.mapped('orders.writtenOrderDate', r, 'authoredOn');
    }
    if (res.priority) {
      out.request.urgency = res.priority === 'routine' ? 'standard' : 'expedited';
      ctx.mapped('request.urgency', r, 'priority');
    }
  }
  if (out.items.length === 0) ctx.gap('items', 'no active DeviceRequest, ServiceRequest or MedicationRequest with an HCPCS, CPT or NDC code');
  if (!out.request.requestedStart) {
    out.request.requestedStart = null;
    ctx.gap('request.requestedStart', 'the request has no occurrence (or validity) period start');
  }
  if (!out.request.requestedEnd) {
    out.request.requestedMonths = null;
    ctx.gap('request.requestedMonths', 'the request has no period end; give the number of months (or `requestedEnd`)');
  }
  if (out.request.urgency === 'expedited') {
    out.request.expeditedReason = null;
    ctx.gap('request.expeditedReason', "the request's priority is urgent, and FHIR does not carry why a standard review would harm the patient");
  }
  return out;
}

function mapItem(ctx: ImportContext, r: AnyRequest, field: string): Record<string, unknown> | undefined {
  const res = r.resource;
  let concept: CodeableConcept | undefined;
  let conceptAt: string;
  let medication: (SourcedResource & { resource: Medication }) | undefined;
  if (res.resourceType === 'DeviceRequest') [concept, conceptAt] = [res.codeCodeableConcept, 'codeCodeableConcept'];
  else if (res.resourceType === 'ServiceRequest') [concept, conceptAt] = [res.code, 'code'];
  else {
    medication = ctx.resolve<Medication>(res.medicationReference, 'Medication');
    if (medication) ctx.touch(medication);
    [concept, conceptAt] = [res.medicationCodeableConcept ?? medication?.resource.code, res.medicationCodeableConcept ? 'medicationCodeableConcept' : 'medicationReference → Medication.code'];
  }
  const item: Record<string, unknown> = {};
  const codeAt = (coding: object) => `${conceptAt}.coding[${concept!.coding!.indexOf(coding)}].code`;
  const hcpcs = codingIn(concept, HCPCS_SYSTEMS);
  const cpt = codingIn(concept, SYSTEM.cpt);
  const ndc = codingIn(concept, SYSTEM.ndc);
  if (ndc) (item.ndc = ndc.code), ctx.mapped(`${field}.ndc`, r, codeAt(ndc));
  if (hcpcs && (!cpt || ndc)) (item.hcpcs = hcpcs.code), ctx.mapped(`${field}.hcpcs`, r, codeAt(hcpcs));
  else if (cpt && !ndc) (item.cpt = cpt.code), ctx.mapped(`${field}.cpt`, r, codeAt(cpt));
  if (!item.ndc && !item.hcpcs && !item.cpt) {
    const rx = codingIn(concept, SYSTEM.rxnorm);
    ctx.ignore(r, rx ? 'the drug is coded in RxNorm only; the case needs its NDC (or HCPCS J-code), which authpack does not look up' : 'the request has no HCPCS, CPT or NDC coding', conceptAt);
    return undefined;
  }
  const description = conceptText(concept);
  if (description) (item.description = description), ctx.mapped(`${field}.description`, r, concept?.text ? `${conceptAt}.text` : `${conceptAt}.coding.display`);
  else (item.description = null), ctx.gap(`${field}.description`, 'the request code has no text or display');
  if (res.resourceType === 'ServiceRequest' && res.quantityQuantity?.value !== undefined && Number.isInteger(res.quantityQuantity.value) && res.quantityQuantity.value > 0) {
    item.quantity = res.quantityQuantity.value;
    ctx.mapped(`${field}.quantity`, r, 'quantityQuantity.value');
  }
  if (res.resourceType === 'DeviceRequest') {
    // Rental or purchase, as authpack's export writes it (a parameter named by text); an EHR order rarely says.
    const i = (res.parameter ?? []).findIndex((p) => p.code?.text === 'acquisition');
    const acquisition = res.parameter?.[i]?.valueCodeableConcept?.text;
    if (acquisition === 'rental' || acquisition === 'purchase') (item.acquisition = acquisition), ctx.mapped(`${field}.acquisition`, r, `parameter[${i}].valueCodeableConcept.text`);
  }
  if (res.resourceType === 'MedicationRequest') {
    const q = res.dispenseRequest?.quantity?.value;
    if (q !== undefined && Number.isInteger(q) && q > 0) (item.quantity = q), ctx.mapped(`${field}.quantity`, r, 'dispenseRequest.quantity.value');
    const days = res.dispenseRequest?.expectedSupplyDuration;
    if (days?.value !== undefined && (days.code === 'd' || days.unit === 'days' || days.unit === 'day') && Number.isInteger(days.value) && days.value >= 1 && days.value <= 366) {
      item.daysSupply = days.value;
      ctx.mapped(`${field}.daysSupply`, r, 'dispenseRequest.expectedSupplyDuration');
    }
    Object.assign(item, dosage(ctx, r, field, res.dosageInstruction?.[0]));
    // "medical benefit" / "pharmacy benefit", as authpack's export writes courseOfTherapyType's text.
    const benefit = /^(medical|pharmacy) benefit$/.exec(res.courseOfTherapyType?.text ?? '')?.[1];
    if (benefit) (item.benefit = benefit), ctx.mapped(`${field}.benefit`, r, 'courseOfTherapyType.text');
  }
  return item;
}

/** Dose, frequency and route of a dosage instruction, as printed. */
export function dosage(ctx: ImportContext, r: SourcedResource, field: string, d: Dosage | undefined, at = 'dosageInstruction[0]'): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d) return out;
  const route = conceptText(d.route);
  const quantity = quantityText(d.doseAndRate?.[0]?.doseQuantity);
  const textDose = quantity ? undefined : doseFromText(d, route);
  const dose = quantity ?? textDose;
  if (dose) (out.dose = dose), ctx.mapped(`${field}.dose`, r, quantity ? `${at}.doseAndRate[0].doseQuantity` : `${at}.text`);
  // A text that only restates the dose is no frequency.
  const frequency = frequencyText(d, textDose !== undefined || clean(d.text) === dose);
  if (frequency) (out.frequency = frequency), ctx.mapped(`${field}.frequency`, r, `${at}.timing`);
  if (route && field.startsWith('items')) (out.route = route), ctx.mapped(`${field}.route`, r, `${at}.route`);
  return out;
}

const UNITS: Record<string, [string, string]> = { s: ['second', 'seconds'], min: ['minute', 'minutes'], h: ['hour', 'hours'], d: ['day', 'days'], wk: ['week', 'weeks'], mo: ['month', 'months'], a: ['year', 'years'] };

/**
 * A dose that is not one amount and unit ("5 mg/kg (400 mg)") is only in the dosage text, which authpack's export
 * writes as "dose, frequency, route": the text before the coded frequency and route, when it starts with an amount.
 */
function doseFromText(d: Dosage, route: string | undefined): string | undefined {
  const text = clean(d.text);
  if (!text) return undefined;
  const rest = [conceptText(d.timing?.code), route].filter(Boolean).join(', ');
  const dose = rest ? (text.endsWith(`, ${rest}`) ? text.slice(0, -rest.length - 2) : undefined) : text;
  return dose && !d.timing?.repeat && /^\d/.test(dose) ? dose : undefined;
}

/** "twice a day", "once every 2 weeks": the timing's code text, else its repeat written out, else the text (unless it was the dose). */
export function frequencyText(d: Dosage, textIsDose = false): string | undefined {
  const timing = d.timing;
  const coded = conceptText(timing?.code);
  if (coded) return coded;
  const rep = timing?.repeat;
  if (rep?.frequency !== undefined && rep.period !== undefined && rep.periodUnit) {
    const times = rep.frequency === 1 ? 'once' : rep.frequency === 2 ? 'twice' : `${rep.frequency} times`;
    const [one, many] = UNITS[rep.periodUnit] ?? [rep.periodUnit, rep.periodUnit];
    return rep.period === 1 ? `${times} a ${one}` : `${times} every ${rep.period} ${many}`;
  }
  return textIsDose ? undefined : clean(d.text);
}
