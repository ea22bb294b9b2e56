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
  /** The code is wrong for this kind of case; bill `use` instead. */
  wrongFor?: { use: string; when: 'cancer'; reason: string };
  /** A supply bundled into the monthly fee of this code. */
  supplyFor?: string;
  notes?: string;
}

export type CodeSystem = 'HCPCS' | 'modifier' | 'ICD-10-CM';

const tables: Record<CodeSystem, Map<string, CodeEntry>> = {
  HCPCS: new Map((codes.hcpcs as CodeEntry[]).map((c) => [c.code, c])),
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

/** ICD-10-CM neoplasm chapter (C00–D49): the diagnosis is a cancer or tumor. */
export function isNeoplasm(icd10: string): boolean {
  return /^(C\d|D[0-4])/.test(icd10.toUpperCase());
}

/** Whether an HCPCS code is in effect on a day, by the table's effective and end dates. */
export function inEffect(entry: CodeEntry, day: string): boolean {
  return (!entry.effective || entry.effective <= day) && (!entry.ends || day <= entry.ends);
}
