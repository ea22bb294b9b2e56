// Maps the people and organisations: Patient, Coverage and its payer, the prescriber (PractitionerRole /
// Practitioner / Organization) and the supplier Organization.
import type { Coverage, Organization, Patient, Practitioner, PractitionerRole, Reference, RelatedPerson } from '@medplum/fhirtypes';
import { LINES_OF_BUSINESS } from '../validate/case-schema.js';
import { SOPT_SYSTEMS, SYSTEM } from './code-systems.js';
import { caseAddress, clean, codingIn, conceptText, contact, day, fullName, identifierIn, pickAddress, pickName } from './fhir-values.js';
import type { ImportContext } from './import-context.js';
import type { SourcedResource } from './read-fhir.js';

type Draft = Record<string, unknown>;

/** Sets `obj[key]` from FHIR, or leaves it null and records the gap when FHIR has nothing. */
export function put(ctx: ImportContext, obj: Draft, key: string, field: string, value: unknown, from: { r: SourcedResource; element: string } | undefined, gapReason?: string): void {
  if (value !== undefined && from) {
    obj[key] = value;
    ctx.mapped(field, from.r, from.element);
  } else if (gapReason) {
    obj[key] = null;
    ctx.gap(field, gapReason);
  }
}

export function mapPatient(ctx: ImportContext): Draft {
  const patients = ctx.ofType<Patient>('Patient');
  const out: Draft = {};
  const p = patients[0];
  for (const extra of patients.slice(1)) ctx.ignore(extra, 'a case is about one patient; only the first Patient is used');
  if (!p) {
    for (const f of ['firstName', 'lastName', 'dateOfBirth', 'sex']) put(ctx, out, f, `patient.${f}`, undefined, undefined, 'the FHIR input has no Patient');
    return out;
  }
  const res = p.resource;
  const nameIndex = res.name?.indexOf(pickName(res.name)!) ?? -1;
  const name = res.name?.[nameIndex];
  const at = (element: string) => ({ r: p, element });
  put(ctx, out, 'firstName', 'patient.firstName', clean(name?.given?.[0]), at(`name[${nameIndex}].given[0]`), 'the Patient has no given name');
  const middle = clean(name?.given?.slice(1).join(' '));
  put(ctx, out, 'middleName', 'patient.middleName', middle, at(`name[${nameIndex}].given[1]`));
  put(ctx, out, 'lastName', 'patient.lastName', clean(name?.family), at(`name[${nameIndex}].family`), 'the Patient has no family name');
  put(ctx, out, 'suffix', 'patient.suffix', clean(name?.suffix?.[0]), at(`name[${nameIndex}].suffix[0]`));
  const dob = day(res.birthDate);
  put(ctx, out, 'dateOfBirth', 'patient.dateOfBirth', dob, at('birthDate'), res.birthDate ? 'the Patient.birthDate is not a full date' : 'the Patient has no birthDate');
  put(ctx, out, 'sex', 'patient.sex', res.gender, at('gender'), 'the Patient has no gender');
  put(ctx, out, 'mbi', 'patient.mbi', identifierIn(res.identifier, SYSTEM.mbi), at(`identifier (system ${SYSTEM.mbi})`));
  put(ctx, out, 'phone', 'patient.phone', contact(res.telecom, 'phone'), at('telecom (phone)'));
  const address = caseAddress(pickAddress(res.address));
  put(ctx, out, 'address', 'patient.address', address, at('address'));
  if (res.address?.length && !address) ctx.ignore(p, 'the address lacks a street line, city, state or ZIP code, which the case needs together', 'address');
  return out;
}

/** Coverage → `coverage` and the member ID and group number (which the case keeps with the patient). */
export function mapCoverage(ctx: ImportContext, patient: Draft): Draft {
  const out: Draft = {};
  const all = ctx.ofType<Coverage>('Coverage').filter((c) => c.resource.status !== 'cancelled' && c.resource.status !== 'entered-in-error');
  const c = all.sort((a, b) => (a.resource.order ?? 99) - (b.resource.order ?? 99))[0];
  for (const other of ctx.ofType<Coverage>('Coverage')) if (other !== c) ctx.ignore(other, 'only the first active Coverage (lowest `order`) is the one the request is sent to');
  if (!c) {
    put(ctx, patient, 'memberId', 'patient.memberId', undefined, undefined, 'the FHIR input has no active Coverage');
    put(ctx, out, 'lineOfBusiness', 'coverage.lineOfBusiness', undefined, undefined, 'the FHIR input has no active Coverage');
    return out;
  }
  const cov = c.resource;
  const at = (element: string) => ({ r: c, element });
  const memberIdentifier = cov.identifier?.findIndex((i) => codingIn(i.type, SYSTEM.v20203)?.code === 'MB') ?? -1;
  if (cov.subscriberId) put(ctx, patient, 'memberId', 'patient.memberId', clean(cov.subscriberId), at('subscriberId'));
  else put(ctx, patient, 'memberId', 'patient.memberId', clean(cov.identifier?.[memberIdentifier]?.value), at(`identifier[${memberIdentifier}]`), 'the Coverage has no subscriberId or member identifier');
  const classIndex = (code: string) => cov.class?.findIndex((k) => codingIn(k.type, SYSTEM.coverageClass)?.code === code) ?? -1;
  const group = classIndex('group');
  if (group >= 0) put(ctx, patient, 'groupNumber', 'patient.groupNumber', clean(cov.class![group]!.value), at(`class[${group}].value`));
  const plan = classIndex('plan');
  if (plan >= 0) put(ctx, out, 'planName', 'coverage.planName', clean(cov.class![plan]!.name) ?? clean(cov.class![plan]!.value), at(`class[${plan}].name`));
  const payer = ctx.resolve<Organization>(cov.payor?.[0], 'Organization');
  if (payer) {
    put(ctx, out, 'payerName', 'coverage.payerName', clean(payer.resource.name), { r: payer, element: 'name' });
    put(ctx, out, 'payerPhone', 'coverage.payerPhone', contact(payer.resource.telecom, 'phone'), { r: payer, element: 'telecom (phone)' });
    put(ctx, out, 'payerFax', 'coverage.payerFax', contact(payer.resource.telecom, 'fax'), { r: payer, element: 'telecom (fax)' });
  }
  const lob = lineOfBusiness(cov);
  put(ctx, out, 'lineOfBusiness', 'coverage.lineOfBusiness', lob, at('type'), 'the Coverage.type has no source-of-payment code that tells the line of business; write commercial, medicare-ffs, medicare-advantage, medicaid, chip or exchange');
  const relationship = codingIn(cov.relationship, SYSTEM.subscriberRelationship)?.code;
  const subscriberName = subscriberNameOf(ctx, cov.subscriber);
  if (relationship && ['self', 'spouse', 'child', 'other'].includes(relationship) && subscriberName) {
    put(ctx, out, 'subscriber', 'coverage.subscriber', { name: subscriberName, relationship }, at('relationship'));
  }
  return out;
}

function subscriberNameOf(ctx: ImportContext, ref: Reference | undefined): string | undefined {
  const who = ctx.resolve<Patient | RelatedPerson>(ref, 'Patient', 'RelatedPerson');
  if (who) ctx.touch(who);
  return fullName(pickName(who?.resource.name)) ?? clean(ref?.display);
}

/**
 * The case's line of business from the source-of-payment typology (PHVS_SourceOfPaymentTypology): 11x Medicare
 * managed care (Medicare Advantage), 12x Medicare fee-for-service, 2x Medicaid, 5x/6x private and Blue plans.
 * Codes that do not say which (a bare "1 Medicare") are left for the coordinator.
 */
export function lineOfBusiness(cov: Coverage): string | undefined {
  // authpack's own coding, written by its export, names the line of business exactly (exchange, chip...).
  const own = codingIn(cov.type, SYSTEM.lineOfBusiness)?.code;
  if (own && (LINES_OF_BUSINESS as readonly string[]).includes(own)) return own;
  for (const coding of cov.type?.coding ?? []) {
    if (!coding.system || !SOPT_SYSTEMS.has(coding.system) || !coding.code) continue;
    const code = coding.code;
    if (code.startsWith('11')) return 'medicare-advantage';
    if (code.startsWith('12')) return 'medicare-ffs';
    if (code === '2' || code.startsWith('21') || code.startsWith('22')) return 'medicaid';
    if (code.startsWith('5') || code.startsWith('6')) return 'commercial';
  }
  return undefined;
}

/** The prescriber: the requester of the first request, as a PractitionerRole (with its Practitioner and Organization) or a Practitioner. */
export function mapPrescriber(ctx: ImportContext, requester: Reference | undefined): Draft {
  const out: Draft = {};
  const role = ctx.resolve<PractitionerRole>(requester, 'PractitionerRole');
  const person = role ? ctx.resolve<Practitioner>(role.resource.practitioner, 'Practitioner') : ctx.resolve<Practitioner>(requester, 'Practitioner') ?? ctx.ofType<Practitioner>('Practitioner')[0];
  const org = role ? ctx.resolve<Organization>(role.resource.organization, 'Organization') : undefined;
  if (role) ctx.touch(role);
  const missing = 'the request has no requester Practitioner in the FHIR input';
  if (!person) {
    for (const f of ['name', 'credentials', 'npi', 'phone']) put(ctx, out, f, `prescriber.${f}`, undefined, undefined, missing);
    return out;
  }
  const res = person.resource;
  const name = pickName(res.name);
  const nameAt = `name[${res.name?.indexOf(name!) ?? 0}]`;
  put(ctx, out, 'name', 'prescriber.name', fullName(name), { r: person, element: nameAt }, 'the Practitioner has no name');
  const credentials = clean(name?.suffix?.join(', ')) ?? clean(res.qualification?.map((q) => clean(q.code.coding?.[0]?.code) ?? conceptText(q.code)).filter(Boolean).join(', '));
  put(ctx, out, 'credentials', 'prescriber.credentials', credentials, { r: person, element: name?.suffix?.length ? `${nameAt}.suffix` : 'qualification.code' }, 'the Practitioner has no name suffix or qualification giving credentials (MD, DO, NP …)');
  if (role) put(ctx, out, 'specialty', 'prescriber.specialty', conceptText(role.resource.specialty?.[0]), { r: role, element: 'specialty[0]' });
  put(ctx, out, 'npi', 'prescriber.npi', identifierIn(res.identifier, SYSTEM.npi), { r: person, element: `identifier (system ${SYSTEM.npi})` }, 'the Practitioner has no NPI identifier');
  if (org) put(ctx, out, 'organization', 'prescriber.organization', clean(org.resource.name), { r: org, element: 'name' });
  // Phone and fax: the role's first (the office the request comes from), else the person's, else the organisation's.
  for (const [key, system] of [['phone', 'phone'], ['fax', 'fax'], ['email', 'email']] as const) {
    const source = [role, person, org].find((s) => s && contact((s.resource as { telecom?: PractitionerRole['telecom'] }).telecom, system));
    put(ctx, out, key, `prescriber.${key}`, source ? contact((source.resource as { telecom?: PractitionerRole['telecom'] }).telecom, system) : undefined, source && { r: source, element: `telecom (${system})` }, key === 'phone' ? 'no phone on the PractitionerRole, Practitioner or Organization' : undefined);
  }
  const addrSource = [person, org].find((s) => s && caseAddress(pickAddress((s.resource as Practitioner).address)));
  if (addrSource) put(ctx, out, 'address', 'prescriber.address', caseAddress(pickAddress((addrSource.resource as Practitioner).address)), { r: addrSource, element: 'address' });
  return out;
}

/** An Organization as the case's supplier or facility (name, NPI, phone, fax, address). */
export function mapOrganization(ctx: ImportContext, ref: Reference | undefined, field: 'supplier' | 'facility'): Draft | undefined {
  const org = ctx.resolve<Organization>(ref, 'Organization');
  if (!org) return undefined;
  const out: Draft = {};
  const res = org.resource;
  const at = (element: string) => ({ r: org, element });
  put(ctx, out, 'name', `${field}.name`, clean(res.name), at('name'), 'the Organization has no name');
  put(ctx, out, 'npi', `${field}.npi`, identifierIn(res.identifier, SYSTEM.npi), at(`identifier (system ${SYSTEM.npi})`));
  if (field === 'supplier') put(ctx, out, 'ptan', 'supplier.ptan', identifierIn(res.identifier, SYSTEM.ptan), at(`identifier (system ${SYSTEM.ptan})`));
  put(ctx, out, 'phone', `${field}.phone`, contact(res.telecom, 'phone'), at('telecom (phone)'));
  put(ctx, out, 'fax', `${field}.fax`, contact(res.telecom, 'fax'), at('telecom (fax)'));
  put(ctx, out, 'address', `${field}.address`, caseAddress(pickAddress(res.address)), at('address'));
  return out;
}
