// Check 19: the decision clock that applies to this request (CMS-0057-F from 2026: 72 h expedited / 7 days standard
// for MA, Medicaid and CHIP; 72 h / 15 days for commercial and exchange plans under ERISA and 45 CFR 147.136).
import type { Rule } from '../rule.js';

const CLOCKS: Record<string, { expedited: string; standard: string; basis: string; plan: string }> = {
  'medicare-advantage': { expedited: '72 hours', standard: '7 calendar days', basis: 'CMS-0057-F, from January 1, 2026', plan: 'Medicare Advantage' },
  medicaid: { expedited: '72 hours', standard: '7 calendar days', basis: 'CMS-0057-F, from January 1, 2026', plan: 'Medicaid' },
  chip: { expedited: '72 hours', standard: '7 calendar days', basis: 'CMS-0057-F, from January 1, 2026', plan: 'CHIP' },
  commercial: { expedited: '72 hours', standard: '15 days', basis: 'ERISA claims rules / 45 CFR 147.136 (pre-service)', plan: 'commercial' },
  exchange: { expedited: '72 hours', standard: '15 days', basis: '45 CFR 147.136 (QHP carve-out from CMS-0057-F, from secondary sources: verify)', plan: 'exchange (marketplace)' },
};

export const rule: Rule = {
  id: 'decision-timeframe',
  severity: 'info',
  summary: 'The decision time the payer is held to for this request (72 h expedited; 7 or 15 days standard).',
  check({ case: c }) {
    const clock = CLOCKS[c.coverage.lineOfBusiness];
    if (!clock) return [];
    const urgent = c.request.urgency === 'expedited';
    return [{ path: ['request', 'urgency'], message: `Expect a decision within ${urgent ? clock.expedited : clock.standard} for ${urgent ? 'an expedited' : 'a standard'} ${clock.plan} request (${clock.basis}).`, hint: 'Record the submission date and reference number to track the clock.' }];
  },
};
