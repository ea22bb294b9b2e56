// Small FHIR value builders (address, phone, coding, reference) shared by the export mappings.
import type { Address, CodeableConcept, ContactPoint, HumanName, Reference } from '@medplum/fhirtypes';
import type { Case } from '../validate/case-schema.js';

type CaseAddress = NonNullable<Case['patient']['address']>;

export function fhirAddress(a: CaseAddress | undefined): Address[] | undefined {
  if (!a) return undefined;
  return [{ use: 'work', line: [a.line1, ...(a.line2 ? [a.line2] : [])], city: a.city, state: a.state, postalCode: a.postalCode, country: 'US' }];
}

export function telecom(entries: readonly [ContactPoint['system'], string | undefined][]): ContactPoint[] | undefined {
  const out = entries.filter((e): e is [ContactPoint['system'], string] => e[1] !== undefined).map(([system, value]) => ({ system, value, use: 'work' as const }));
  return out.length ? out : undefined;
}

export function concept(system: string, code: string, display?: string, text?: string): CodeableConcept {
  return { coding: [{ system, code, ...(display ? { display } : {}) }], ...(text ? { text } : {}) };
}

/** A practitioner's one-line name ("Ada Whitfield") as a HumanName: the last word is the family name. */
export function personName(name: string): HumanName {
  const words = name.trim().split(/\s+/);
  const family = words.length > 1 ? words[words.length - 1]! : undefined;
  const given = words.length > 1 ? words.slice(0, -1) : words;
  return { text: name, ...(family ? { family } : {}), given };
}

/** A reference to a bundle entry by its fullUrl; typed loosely because the target's type is the caller's choice. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ref = (fullUrl: string): Reference<any> => ({ reference: fullUrl });

/** Drops keys whose value is undefined, so JSON output carries no `"x": undefined` holes and key order is fixed. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A dose written as one amount and unit ("25 mg", "1.5 g") as a FHIR dose; anything else ("5 mg/kg (400 mg)")
 * stays in the dosage text only, never half-parsed. */
export function doseAndRate(dose: string | undefined): { doseQuantity: { value: number; unit: string } }[] | undefined {
  const m = dose === undefined ? null : /^(\d+(?:\.\d+)?)\s*([A-Za-zµ%]+)$/.exec(dose.trim());
  return m ? [{ doseQuantity: { value: Number(m[1]), unit: m[2]! } }] : undefined;
}
