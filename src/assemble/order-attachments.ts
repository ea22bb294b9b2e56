// The order attachments are merged in: the payer's order of document kinds, then the case's order.
import type { PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';

export function orderAttachments(c: Case, payer: Pick<PayerProfileData, 'attachmentOrder'>): number[] {
  const rank = (kind: string) => {
    const i = payer.attachmentOrder.indexOf(kind as never);
    return i < 0 ? payer.attachmentOrder.length : i;
  };
  return c.attachments.map((a, i) => ({ i, r: rank(a.kind) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.i);
}
