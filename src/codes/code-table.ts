// Descriptions for the codes authpack knows, each with its source and the date it was checked (shared/domain.md).
// The coverage work extends this table; an unknown code is "not in our table", never "wrong".

export interface CodeEntry {
  system: 'HCPCS' | 'ICD-10-CM';
  code: string;
  description: string;
  source: string;
  checked: string;
}

const DOMAIN = 'shared/domain.md §1, §6';
const CHECKED = '2026-11-26';
const icd = (code: string, site: string): CodeEntry => ({ system: 'ICD-10-CM', code, description: `Malignant neoplasm of ${site}`, source: `https://hccbuddy.com/icd10/${code} (${DOMAIN})`, checked: CHECKED });

export const CODES: readonly CodeEntry[] = [
  { system: 'HCPCS', code: 'E0766', description: 'Electrical stimulation device used for cancer treatment, includes all accessories, any type', source: `https://files.medi-cal.ca.gov/pubsdoco/newsroom/newsroom_30820.aspx (${DOMAIN})`, checked: CHECKED },
  icd('C71.0', 'cerebrum, except lobes and ventricles'),
  icd('C71.1', 'frontal lobe'),
  icd('C71.2', 'temporal lobe'),
  icd('C71.3', 'parietal lobe'),
  icd('C71.4', 'occipital lobe'),
  icd('C71.5', 'cerebral ventricle'),
  icd('C71.6', 'cerebellum'),
  icd('C71.7', 'brain stem'),
  icd('C71.8', 'overlapping sites of brain'),
  icd('C71.9', 'brain, unspecified'),
];

const byCode = new Map(CODES.map((c) => [c.code, c]));

export function findCode(code: string): CodeEntry | undefined {
  return byCode.get(code.toUpperCase());
}
