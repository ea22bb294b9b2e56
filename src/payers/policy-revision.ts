// How a profile's policy revision is shown: the date only when confirmed, never the day the profile was written.
import { formatDate } from '../format/format.js';
import type { PayerProfileData } from './payer-schema.js';

type Policy = NonNullable<PayerProfileData['policy']>;

/** The policy's revision date when the profile confirms it: given, and the policy carries no `unconfirmed` note. */
export function confirmedRevision(policy: Policy): string | undefined {
  return policy.unconfirmed ? undefined : policy.revision;
}

/** "revision 1 January 2020", or "revision not confirmed". */
export function revisionText(policy: Policy): string {
  const r = confirmedRevision(policy);
  return r ? `revision ${formatDate(r)}` : 'revision not confirmed';
}
