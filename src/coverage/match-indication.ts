// Finds the payer-profile indication that a case's diagnoses and disease status fall under.
import type { PayerProfileData, Indication } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';

export interface IndicationMatch {
  indication: Indication;
  diagnosisIndex: number;
}

const matches = (code: string, pattern: string) => code === pattern || code.startsWith(pattern.endsWith('.') ? pattern : `${pattern}.`) || (pattern.includes('.') && code.startsWith(pattern));

/** The first indication (in profile order) whose codes match a diagnosis (primary first) and whose status fits. */
export function matchIndication(c: Case, payer: Pick<PayerProfileData, 'indications'>): IndicationMatch | undefined {
  const order = c.diagnoses.map((d, i) => ({ d, i })).sort((a, b) => Number(b.d.primary) - Number(a.d.primary));
  const status = c.clinical?.diseaseStatus;
  for (const { d, i } of order) {
    for (const indication of payer.indications) {
      if (!indication.icd10.some((p) => matches(d.code, p))) continue;
      if (indication.diseaseStatus && (!status || !indication.diseaseStatus.includes(status))) continue;
      return { indication, diagnosisIndex: i };
    }
  }
  return undefined;
}
