// Evaluates a payer's criteria for the case's request kind: met, not met, or not shown, with the evidence.
import type { Criterion, PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import { runCheck, type CriterionResult } from './criterion-checks.js';
import { matchIndication } from './match-indication.js';
import { coversEverything, inScope } from './profile-scope.js';
import { coverageKind } from '../appeal/coverage-kind.js';

export interface CriterionOutcome {
  criterion: Criterion;
  result: CriterionResult;
  /** Indexes of the case's attachments whose kind documents this criterion. */
  documents: number[];
}

/** The profile's criteria for the request kind, then those of the indication the case falls under. */
export function criteriaFor(c: Case, payer: PayerProfileData): Criterion[] {
  if (!appliesToCase(c, payer)) return [];
  const kind = coverageKind(c);
  const own = matchIndication(c, payer)?.indication.criteria[kind] ?? [];
  // A criterion about some codes only (bi-level E0470 under a PAP policy) applies when one of them is requested.
  return [...payer.criteria[kind], ...own].filter((cr) => cr.appliesTo === undefined || c.items.some((i) => i.hcpcs !== undefined && cr.appliesTo!.includes(i.hcpcs)));
}

/** A profile's criteria apply when the case requests an item in the policy's scope (codes or families; or it names none). */
export function appliesToCase(c: Case, payer: Pick<PayerProfileData, 'appliesTo' | 'appliesToFamilies'>): boolean {
  return coversEverything(payer) || c.items.some((i) => inScope(i, payer));
}

/** The profile with the matched indication's own thresholds in place of the profile's (figure by figure). */
export function withIndicationThresholds<P extends PayerProfileData>(c: Case, payer: P): P {
  const own = matchIndication(c, payer)?.indication.thresholds;
  if (!own) return payer;
  const defined = Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined));
  return { ...payer, thresholds: { ...payer.thresholds, ...defined } };
}

export function evaluateCriteria(c: Case, profile: PayerProfileData, today: string): CriterionOutcome[] {
  const payer = withIndicationThresholds(c, profile);
  return criteriaFor(c, payer).map((criterion) => ({
    criterion,
    result: runCheck(criterion, { case: c, payer, today }),
    documents: c.attachments.map((a, i) => ({ a, i })).filter(({ a }) => criterion.evidence.includes(a.kind)).map(({ i }) => i),
  }));
}
