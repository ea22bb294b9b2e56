// Names a requested item by its code for messages: "HCPCS E0601", "CPT 70553", "NDC 0002-7510-01".
import type { Case } from '../validate/case-schema.js';

export function itemCodeLabel(item: Case['items'][number]): string {
  return item.hcpcs ? `HCPCS ${item.hcpcs}` : item.cpt ? `CPT ${item.cpt}` : `NDC ${item.ndc ?? 'not given'}`;
}
