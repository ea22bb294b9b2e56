// Check 19: the decision clock that applies to this request, by line of business and by what is requested (items
// and services, or drugs), from the cited table decision-timeframes.json: CMS-0057-F's 72 h / 7 days cover items
// and services only; Medicaid outpatient drugs, Medicare Advantage Part B drugs and Part D have their own clocks.
import { isAppeal } from '../../appeal/coverage-kind.js';
import { findCode } from '../../codes/code-table.js';
import type { Case } from '../../validate/case-schema.js';
import table from '../decision-timeframes.json' with { type: 'json' };
import type { Finding, Rule } from '../rule.js';

interface Clock {
  id: string;
  linesOfBusiness: string[];
  itemType?: 'item' | 'drug';
  benefit?: 'medical' | 'pharmacy';
  standard?: string;
  expedited?: string;
  basis?: string;
  status: 'confirmed' | 'secondary' | 'none';
  note?: string;
  hint?: string;
}
const CLOCKS = table.clocks as Clock[];

type Item = Case['items'][number];
/** A drug: an NDC, or an HCPCS code the code table files as a drug (J-codes). */
export const isDrug = (i: Item): boolean => i.ndc !== undefined || (i.hcpcs !== undefined && (findCode('HCPCS', i.hcpcs)?.category === 'drug' || /^J\d{4}$/.test(i.hcpcs)));
/** A drug given by the provider under the medical benefit (Part B) or dispensed by a pharmacy (Part D). */
const benefitOf = (i: Item): 'medical' | 'pharmacy' => i.benefit ?? (i.hcpcs !== undefined ? 'medical' : 'pharmacy');

export function clockFor(lob: string, item: Item): Clock | undefined {
  const type = isDrug(item) ? 'drug' : 'item';
  return CLOCKS.find((k) => k.linesOfBusiness.includes(lob) && (!k.itemType || k.itemType === type) && (!k.benefit || type !== 'drug' || k.benefit === benefitOf(item)));
}

const WHAT: Record<string, string> = {
  'cms-0057-f-items': 'request for items or services',
  'medicaid-outpatient-drugs': 'Medicaid prior-authorization request for a covered outpatient drug',
  'medicare-advantage-part-b-drugs': 'Medicare Advantage request for a Part B drug',
  'part-d-coverage-determinations': 'Part D coverage determination',
};
const PLAN: Record<string, string> = { 'medicare-advantage': 'Medicare Advantage', medicaid: 'Medicaid', chip: 'CHIP' };

export const rule: Rule = {
  id: 'decision-timeframe',
  severity: 'info',
  summary: "The decision clock for this request, by line of business and item type, from a cited table (`src/preflight/decision-timeframes.json`): items and services under CMS-0057-F 72 h expedited / 7 days standard (Medicare Advantage, Medicaid, CHIP); Medicaid covered outpatient drugs 24 h (SSA §1927(d)(5)(A)); Medicare Advantage Part B drugs and Part D 72 h / 24 h (from secondary sources: the message says to verify); commercial and exchange plans: the state or plan rule; Medicare fee-for-service: no prior-authorization clock. A drug is an item with an `ndc` or a J-code. Not on an appeal case, whose clocks are its level's (`appeal-deadline`).",
  check({ case: c }) {
    // An appeal's decision clocks are those of its level (rule appeal-deadline), not the request's.
    if (isAppeal(c)) return [];
    const lob = c.coverage.lineOfBusiness;
    const urgent = c.request.urgency === 'expedited';
    const seen = new Set<string>();
    const out: Finding[] = [];
    for (const item of c.items) {
      const clock = clockFor(lob, item);
      if (!clock || seen.has(clock.id)) continue;
      seen.add(clock.id);
      if (clock.status === 'none') {
        out.push({ path: ['coverage', 'lineOfBusiness'], message: `${clock.note}.`, hint: clock.hint ?? 'Record the submission date and reference number.' });
        continue;
      }
      const time = urgent ? clock.expedited : clock.standard;
      const what = clock.id === 'cms-0057-f-items' ? `${PLAN[lob] ?? lob} ${WHAT[clock.id]}` : WHAT[clock.id];
      const single = clock.standard === clock.expedited;
      out.push({
        path: ['request', 'urgency'],
        message: `Expect ${clock.id === 'medicaid-outpatient-drugs' ? 'a response' : 'a decision'} within ${time} for ${single ? 'a' : urgent ? 'an expedited' : 'a standard'} ${what} (${clock.basis})${clock.status === 'secondary' ? '; the figures come from secondary sources, so verify them with the plan' : ''}.`,
        hint: 'Record the submission date and reference number to track the clock.',
      });
    }
    return out;
  },
};
