// The `written-order` evaluator: which order rule applies to the requested code (CMS Required Face-to-Face and WOPD
// List, required-f2f-wopd.json) and whether the case's order dates meet it.
import { daysBetween, formatDate } from '../format/format.js';
import type { PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import type { CriterionResult } from './criterion-result.js';
import list from '../codes/required-f2f-wopd.json' with { type: 'json' };

const REQUIRED = new Set<string>(list.codes);
/** 42 CFR 410.38: the face-to-face encounter is "within the 6 months preceding" the written order. */
const F2F_MAX_DAYS = list.faceToFaceMaxDaysBeforeOrder;
const LIST_NAME = 'the CMS Required Face-to-Face Encounter and Written Order Prior to Delivery List';

/** Whether an HCPCS code is on the CMS Required Face-to-Face and WOPD List. */
export function needsFaceToFaceAndWopd(hcpcs: string): boolean {
  return REQUIRED.has(hcpcs.toUpperCase());
}

const result = (status: CriterionResult['status'], evidence: string, ...paths: (string | number)[][]): CriterionResult => ({ status, evidence, paths });

export function writtenOrderCheck({ case: c, payer }: { case: Case; payer: Pick<PayerProfileData, 'appliesTo'> }): CriterionResult {
  const codes = [...new Set(c.items.map((i) => i.hcpcs).filter((h): h is string => h !== undefined && (payer.appliesTo.length === 0 || payer.appliesTo.includes(h))))];
  const listed = codes.filter(needsFaceToFaceAndWopd);
  const o = c.orders;
  const order = o?.writtenOrderDate;
  if (listed.length > 0) {
    const which = `${listed.join(', ')} ${listed.length > 1 ? 'are' : 'is'} on ${LIST_NAME}`;
    if (!order) return result('unknown', `${which}: the written order date is not given; the order must reach the supplier before delivery.`, ['orders', 'writtenOrderDate']);
    if (o.deliveryDate && o.deliveryDate < order) return result('not-met', `${which}, but the written order (${formatDate(order)}) is dated after delivery (${formatDate(o.deliveryDate)}).`, ['orders', 'writtenOrderDate'], ['orders', 'deliveryDate']);
    if (!o.faceToFaceDate) return result('unknown', `${which}: written order ${formatDate(order)}; no face-to-face encounter date is given (it must fall within the 6 months before the order).`, ['orders', 'faceToFaceDate']);
    const gap = daysBetween(o.faceToFaceDate, order);
    if (gap < 0 || gap > F2F_MAX_DAYS) return result('not-met', `${which}, but the face-to-face encounter (${formatDate(o.faceToFaceDate)}) is not within the 6 months before the written order (${formatDate(order)}).`, ['orders', 'faceToFaceDate']);
    return result('met', `Face-to-face encounter ${formatDate(o.faceToFaceDate)}, within 6 months before the written order ${formatDate(order)}${o.deliveryDate ? `, which precedes delivery on ${formatDate(o.deliveryDate)}` : ''} (${listed.join(', ')}: required-list item).`, ['orders']);
  }
  // Every other item: a standard written order before the claim is submitted; delivery may come first.
  const subject = codes.length ? `${codes.join(', ')} ${codes.length > 1 ? 'are' : 'is'} not on ${LIST_NAME}` : `The item is not on ${LIST_NAME}`;
  if (!order) return result('unknown', `No standard written order date is given. ${subject}: obtain the order before the claim is submitted (it need not precede delivery).`, ['orders', 'writtenOrderDate']);
  return result('met', `Standard written order dated ${formatDate(order)}, on file before the claim is submitted (${subject}, so the order need not precede delivery).`, ['orders', 'writtenOrderDate']);
}
