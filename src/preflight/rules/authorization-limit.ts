// The period the case asks for is longer than the profile's authorization limits: the initial authorization
// (`authorization.initialMonths`), a renewal (`renewalMonths`), or the most the policy covers in all (`maxMonths`,
// counted from the first day of therapy for a continuation when that is known). The payer would approve less.
import { therapyStart } from '../../coverage/usage.js';
import { appliesToCase } from '../../coverage/evaluate-criteria.js';
import { periodEnd } from '../../format/format.js';
import type { Case } from '../../validate/case-schema.js';
import type { Finding, Rule } from '../rule.js';
import { coverageKind } from '../../appeal/coverage-kind.js';

/** Whole months from `start` that cover every day up to `end` (08/20–11/19 is 3 months; 08/20–11/20 is 4). */
export function monthsCovering(start: string, end: string): number {
  let n = 1;
  while (periodEnd(start, n) < end && n < 1200) n++;
  return n;
}

/** The months the case requests and the field that says so. */
function requested(c: Case): { months: number; field: string; end: string } {
  const { requestedStart: start, requestedMonths, requestedEnd } = c.request;
  if (requestedMonths !== undefined) return { months: requestedMonths, field: 'requestedMonths', end: periodEnd(start, requestedMonths) };
  return { months: monthsCovering(start, requestedEnd!), field: 'requestedEnd', end: requestedEnd! };
}

export const rule: Rule = {
  id: 'authorization-limit',
  severity: 'warning',
  summary: "The months requested (`request.requestedMonths`, or `requestedStart` to `requestedEnd`) exceed the profile's authorization limit: `initialMonths` for an initial request, `renewalMonths` for a continuation, `maxMonths` in all.",
  check({ case: c, payer }) {
    const limits = payer.authorization;
    if (!appliesToCase(c, payer)) return [];
    const r = requested(c);
    const path = ['request', r.field];
    const asked = r.field === 'requestedMonths' ? `${r.months} months (\`request.requestedMonths\`)` : `${r.months} months (\`request.requestedStart\` to \`request.requestedEnd\`)`;
    const out: Finding[] = [];
    const continuation = coverageKind(c) === 'continuation';
    const step = continuation ? limits.renewalMonths : limits.initialMonths;
    if (step !== undefined && r.months > step) {
      out.push({
        path,
        message: `The case asks for ${asked}; ${payer.displayName} authorizes ${step} months at a time for ${continuation ? 'a renewal' : 'an initial request'} (\`authorization.${continuation ? 'renewalMonths' : 'initialMonths'}\` in profile ${payer.id}).`,
        hint: `Request ${step} months, and ask for ${continuation ? 'the next renewal' : 'a continuation'} before it ends.`,
      });
    }
    if (limits.maxMonths !== undefined) {
      const first = continuation ? therapyStart(c) : undefined;
      const total = first && first < c.request.requestedStart ? monthsCovering(first, r.end) : r.months;
      if (total > limits.maxMonths) {
        out.push({
          path,
          message: `The case asks for ${asked}${total !== r.months ? `, ${total} months of therapy in all counting from its first day` : ''}; ${payer.displayName} covers at most ${limits.maxMonths} months (\`authorization.maxMonths\` in profile ${payer.id}).`,
          hint: `Shorten the period to end within ${limits.maxMonths} months, or document why the payer should cover longer.`,
        });
      }
    }
    return out;
  },
};
