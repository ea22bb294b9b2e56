// The case's line of business against the payer profile's: a Medicare profile (LCD criteria, ABN modifiers, the
// claim-documentation framing) applied to another kind of coverage is an error; any other mismatch a warning.
import type { Rule } from '../rule.js';

const NAMES: Record<string, string> = {
  commercial: 'commercial',
  'medicare-ffs': 'Medicare fee-for-service',
  'medicare-advantage': 'Medicare Advantage',
  medicaid: 'Medicaid',
  chip: 'CHIP',
  exchange: 'exchange (marketplace)',
};
const isMedicare = (lob: string) => lob === 'medicare-ffs' || lob === 'medicare-advantage';

export const rule: Rule = {
  id: 'line-of-business-mismatch',
  severity: 'warning',
  summary: "The case's `coverage.lineOfBusiness` differs from the payer profile's (`any` accepts all). An error when the profile is a Medicare one (fee-for-service or Medicare Advantage): its LCD criteria, ABN modifiers and claim framing would not fit another kind of coverage.",
  check({ case: c, payer }) {
    const want = payer.lineOfBusiness;
    const have = c.coverage.lineOfBusiness;
    if (want === 'any' || want === have) return [];
    return [
      {
        severity: isMedicare(want) ? 'error' : 'warning',
        path: ['coverage', 'lineOfBusiness'],
        message: `The case is ${NAMES[have] ?? have} coverage, but payer profile ${payer.id} is written for ${NAMES[want] ?? want}${isMedicare(want) ? ': its Medicare criteria, modifiers and packet framing would not fit this case' : ''}.`,
        hint: `Check \`coverage.lineOfBusiness\` against the member's card, or choose a payer profile for ${NAMES[have] ?? have} coverage (\`authpack payers\` lists them).`,
      },
    ];
  },
};
