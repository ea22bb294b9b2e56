// What each review an appeal can ask for is called: the cover's title, the review the letter requests, and the
// next step after it where a regulation gives one (each statement checked against the cited rule; see README).
import type { Case } from '../validate/case-schema.js';
import { APPEAL_LEVELS } from '../validate/case-schema.js';

export type AppealLevel = (typeof APPEAL_LEVELS)[number];

export const LEVEL_WORDING: Record<AppealLevel, { title: string; review: string }> = {
  'internal-appeal-1': { title: 'Level 1 Appeal', review: 'a first-level internal appeal' },
  'internal-appeal-2': { title: 'Level 2 Appeal', review: 'a second-level internal appeal' },
  'external-review': { title: 'Request for External Review', review: 'an external review by an independent review organization' },
  reconsideration: { title: 'Request for Reconsideration', review: 'a reconsideration' },
  'medicare-redetermination': { title: 'Request for Medicare Redetermination', review: 'a redetermination' },
  'medicare-reconsideration': { title: 'Request for Medicare Reconsideration (QIC)', review: 'a reconsideration by the Qualified Independent Contractor' },
  'ma-reconsideration': { title: 'Request for Reconsideration (Medicare Advantage)', review: 'a reconsideration of the organization determination' },
  'medicaid-plan-appeal': { title: 'Medicaid Plan Appeal', review: 'an appeal of the adverse benefit determination' },
  'state-fair-hearing': { title: 'Request for State Fair Hearing', review: 'a State fair hearing' },
  'peer-to-peer': { title: 'Peer-to-Peer Review Request', review: 'a peer-to-peer review' },
};

const COMMERCIAL_INTERNAL = new Set<AppealLevel>(['internal-appeal-1', 'internal-appeal-2', 'reconsideration', 'peer-to-peer']);

/**
 * The patient's next review if this one upholds the denial, for the line of business: commercial and exchange plans'
 * internal appeals lead to external review (45 CFR 147.136, or the state's process); a Medicare redetermination to
 * the QIC's reconsideration (42 CFR 405.960–405.962: 180 days from receipt); an upheld Medicare Advantage
 * reconsideration goes to the independent review entity without a request (42 CFR 422.592); a Medicaid plan's upheld
 * appeal opens the State fair hearing (42 CFR 438.408(f)). Nothing for a level with no such next step here.
 */
export function nextLevelRights(c: Pick<Case, 'coverage' | 'denial'>): string | undefined {
  const level = c.denial?.level;
  if (!level) return undefined;
  const lob = c.coverage.lineOfBusiness;
  if ((lob === 'commercial' || lob === 'exchange') && COMMERCIAL_INTERNAL.has(level)) {
    return "If the plan upholds its denial after its internal appeals, the patient has the right to an external review by an independent review organization under 45 CFR 147.136 or the applicable state external review process, for a plan that is subject to them.";
  }
  if (lob === 'medicare-ffs' && level === 'medicare-redetermination') {
    return 'If the redetermination is unfavorable, the patient may request a reconsideration by a Qualified Independent Contractor within 180 days of receiving the redetermination notice (42 CFR 405.960–405.962).';
  }
  if (lob === 'medicare-advantage' && (level === 'ma-reconsideration' || level === 'reconsideration')) {
    return 'If the plan affirms its denial in whole or in part, the issues that remain in dispute must be reviewed and resolved by the independent review entity that contracts with CMS (42 CFR 422.592); the plan forwards the case without a request from the patient.';
  }
  if (lob === 'medicaid' && level === 'medicaid-plan-appeal') {
    return 'If the plan upholds its denial, the patient may request a State fair hearing (42 CFR 438.408(f)).';
  }
  return undefined;
}
