// A payer profile's scope: the HCPCS codes and device families its policy is about, and whether an item is in it.
import { findCode } from '../codes/code-table.js';
import type { PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';

type Scoped = Pick<PayerProfileData, 'appliesTo' | 'appliesToFamilies'>;

/** A profile that names no code and no family covers everything (generic-commercial). */
export function coversEverything(payer: Scoped): boolean {
  return payer.appliesTo.length === 0 && payer.appliesToFamilies.length === 0;
}

/** Whether the item is one the profile's policy is about: its HCPCS code is listed, or belongs to a listed family. */
export function inScope(item: Case['items'][number], payer: Scoped): boolean {
  if (coversEverything(payer)) return true;
  if (!item.hcpcs) return false;
  const family = findCode('HCPCS', item.hcpcs)?.family;
  return payer.appliesTo.includes(item.hcpcs) || (family !== undefined && payer.appliesToFamilies.includes(family));
}

/** The scope as a coordinator reads it: "E0766; family tumor-treating-fields", or "every item". */
export function describeScope(payer: Scoped): string {
  if (coversEverything(payer)) return 'every item';
  return [payer.appliesTo.join(', '), payer.appliesToFamilies.map((f) => `family ${f}`).join(', ')].filter(Boolean).join('; ');
}
