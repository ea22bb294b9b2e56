// Looks codes up in authpack's code tables (codes.json: descriptors, effective dates, sources). A code absent from
// the table is "unknown" (authpack cannot judge it), which is different from a code the table knows to be wrong.
import codes from './codes.json' with { type: 'json' };

export interface CodeEntry {
  code: string;
  description: string;
  source: string;
  checked: string;
  short?: string;
  effective?: string;
  ends?: string;
  billable?: boolean;
  descriptionUnconfirmed?: string;
  /** The code is wrong when the request looks like `use` by the signs listed in `when` (the `use` entry's
   * `recognisedBy`): bill `use` instead. */
  wrongFor?: { use: string; when: WrongCodeSign[]; whenNote?: string; reason: string };
  /** What marks a request as this code's item whatever code it carries. */
  recognisedBy?: { about: string; icd10: string[]; histology: string[]; itemNames: string[] };
  /** The device family the code belongs to (payer profiles can declare their scope by family). */
  family?: string;
  /** A supply bundled into the monthly fee of this code. */
  supplyFor?: string;
  /** What kind of thing the code bills (`treatment-device`, `device`, `supply`, `drug`, `imaging`, `procedure`). */
  category?: string;
  /** The use the item's labelling calls for, with its source: the usage threshold when a payer profile has none. */
  labelledUse?: LabelledUse;
  notes?: string;
}

export interface LabelledUse {
  hoursPerDay?: number;
  percent?: number;
  /** How the letter states it ("at least 18 hours a day (75 % of the time)"). */
  wording: string;
  source: string;
  checked: string;
}

export type WrongCodeSign = 'diagnosis' | 'histology' | 'item';

export type CodeSystem = 'HCPCS' | 'CPT' | 'modifier' | 'ICD-10-CM';

const tables: Record<CodeSystem, Map<string, CodeEntry>> = {
  HCPCS: new Map((codes.hcpcs as CodeEntry[]).map((c) => [c.code, c])),
  CPT: new Map((codes.cpt as CodeEntry[]).map((c) => [c.code, c])),
  modifier: new Map((codes.modifiers as CodeEntry[]).map((c) => [c.code, c])),
  'ICD-10-CM': new Map((codes.icd10cm as CodeEntry[]).map((c) => [c.code, c])),
};

export const CODE_TABLE_CHECKED: string = codes.checked;

export function findCode(system: CodeSystem, code: string): CodeEntry | undefined {
  return tables[system].get(code.trim().toUpperCase());
}

/** Description of an HCPCS or ICD-10-CM code from the table, if the table has it. */
export function describeCode(code: string): string | undefined {
  return (findCode('HCPCS', code) ?? findCode('ICD-10-CM', code))?.description;
}

/** Every device family the HCPCS table names (a profile's `appliesToFamilies` must use one of them). */
export const HCPCS_FAMILIES: readonly string[] = [...new Set((codes.hcpcs as CodeEntry[]).flatMap((c) => (c.family ? [c.family] : [])))].sort();

/** ICD-10-CM neoplasm chapter (C00–D49): the diagnosis is a cancer or tumor. */
export function isNeoplasm(icd10: string): boolean {
  return /^(C\d|D[0-4])/.test(icd10.toUpperCase());
}

/** Whether an HCPCS code is in effect on a day, by the table's effective and end dates. */
export function inEffect(entry: CodeEntry, day: string): boolean {
  return (!entry.effective || entry.effective <= day) && (!entry.ends || day <= entry.ends);
}

/**
 * What the letter calls a requested item ("treatment", "medication", "imaging study", "procedure" …): from the code
 * table's category for the code, else from the code system (a CPT code the table does not know is a "service").
 */
export function itemNoun(system: 'HCPCS' | 'CPT' | 'NDC', code: string | undefined): string {
  const category = system === 'NDC' || !code ? undefined : findCode(system, code)?.category;
  const byCategory = codes.nouns.byCategory as Record<string, string>;
  return (category && byCategory[category]) || (codes.nouns.bySystem as Record<string, string>)[system]!;
}

const placesOfService = new Map(codes.placeOfService.codes.map((p) => [p.code, p.name]));

/** The CMS name of a two-digit place-of-service code, if authpack's list has it. */
export function placeOfServiceName(code: string): string | undefined {
  return placesOfService.get(code);
}
