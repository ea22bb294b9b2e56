// Small readers of FHIR datatypes (CodeableConcept, HumanName, Address, ContactPoint, dates) into case values.
import type { Address, CodeableConcept, Coding, ContactPoint, HumanName, Identifier, Period, Quantity } from '@medplum/fhirtypes';

export function codings(cc: CodeableConcept | undefined): Coding[] {
  return cc?.coding ?? [];
}

/** The first coding whose system is one of `systems`. */
export function codingIn(cc: CodeableConcept | undefined, systems: string | ReadonlySet<string>): Coding | undefined {
  const match = typeof systems === 'string' ? (s?: string) => s === systems : (s?: string) => s !== undefined && systems.has(s);
  return codings(cc).find((c) => match(c.system) && typeof c.code === 'string');
}

/** What a person reads for a concept: its text, else the first coding's display. */
export function conceptText(cc: CodeableConcept | undefined): string | undefined {
  return clean(cc?.text) ?? codings(cc).map((c) => clean(c.display)).find(Boolean);
}

/** The text as the chart gives it, without surrounding white space (inner spacing is kept: a name or a code is
 * carried as typed, so an export imports back unchanged); undefined when nothing is left. */
export function clean(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** The official name, else the usual one, else the first. */
export function pickName(names: HumanName[] | undefined): HumanName | undefined {
  if (!names?.length) return undefined;
  return names.find((n) => n.use === 'official') ?? names.find((n) => n.use === 'usual') ?? names[0];
}

/** "Ada Whitfield": given names and family, without prefixes or suffixes (credentials are carried apart). */
export function fullName(name: HumanName | undefined): string | undefined {
  if (!name) return undefined;
  const parts = [...(name.given ?? []), name.family].map((p) => clean(p)).filter(Boolean);
  return parts.length ? parts.join(' ') : clean(name.text);
}

export function pickAddress(addresses: Address[] | undefined): Address | undefined {
  if (!addresses?.length) return undefined;
  return addresses.find((a) => a.use === 'work') ?? addresses.find((a) => a.use === 'home') ?? addresses.find((a) => a.use !== 'old') ?? addresses[0];
}

/** A case address; undefined when FHIR lacks a part the case requires (line, city, state, ZIP). */
export function caseAddress(a: Address | undefined): Record<string, string> | undefined {
  if (!a) return undefined;
  const line1 = clean(a.line?.[0]);
  const city = clean(a.city);
  const state = clean(a.state)?.toUpperCase();
  const postalCode = clean(a.postalCode);
  if (!line1 || !city || !state || !postalCode) return undefined;
  const line2 = clean(a.line?.slice(1).join(', '));
  return { line1, ...(line2 ? { line2 } : {}), city, state, postalCode };
}

/** The number of the first phone (or fax) contact point, preferring work, then home and mobile. */
export function contact(telecom: ContactPoint[] | undefined, system: 'phone' | 'fax' | 'email'): string | undefined {
  const points = (telecom ?? []).filter((t) => t.system === system && clean(t.value) && !t.period?.end);
  const pick = points.find((t) => t.use === 'work') ?? points.find((t) => t.use === 'home') ?? points.find((t) => t.use === 'mobile') ?? points[0];
  return clean(pick?.value);
}

export function identifierIn(ids: Identifier[] | undefined, system: string): string | undefined {
  return clean(ids?.find((i) => i.system === system)?.value);
}

/** The day of a FHIR date or dateTime (YYYY-MM-DD), or undefined for a partial date (a year, or a month). */
export function day(value: string | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return m?.[1];
}

export function periodDays(p: Period | undefined): { start?: string; end?: string } {
  return { start: day(p?.start), end: day(p?.end) };
}

/** "25 mg": a quantity as printed. */
export function quantityText(q: Quantity | undefined): string | undefined {
  if (q?.value === undefined) return undefined;
  const unit = clean(q.unit) ?? clean(q.code);
  return unit ? `${q.value} ${unit}` : String(q.value);
}
