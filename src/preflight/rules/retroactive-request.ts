// A requested start before the packet date asks for coverage of days already past: a retroactive request. The
// letter calls it retroactive only when the case says so (`request.retroactive`, with the reason).
import { packetFraming } from '../../compose/packet-framing.js';
import { isAppeal } from '../../appeal/coverage-kind.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'retroactive-request',
  severity: 'warning',
  summary: "The requested start is before the packet date (a retroactive request) and the case does not say so, or the case says so and the start is not before it. Silent for Medicare claim documentation and for appeals.",
  check({ case: c, payer, today }) {
    // Medicare fee-for-service claim documentation is about dates of service already furnished: nothing to declare.
    if (packetFraming(c, payer).kind !== 'prior-authorization') return [];
    // An appeal asks again for the period that was denied, which has usually begun by the time of the appeal.
    if (isAppeal(c)) return [];
    const start = c.request.requestedStart;
    const declared = c.request.retroactive === true;
    const path = ['request', 'requestedStart'];
    if (start < today && !declared) {
      return [
        {
          path,
          message: `The requested start (${start}) is before the packet date (${today}), so this asks for retroactive coverage, but the case does not mark the request retroactive.`,
          hint: 'If the service has already started, set `request.retroactive: true` and give `request.retroactiveReason` (the letter then says so); otherwise move `requestedStart` to the day coverage should begin.',
        },
      ];
    }
    if (start < today) {
      return [
        {
          path,
          severity: 'info',
          message: `A retroactive request: coverage from ${start}, before the packet date (${today}); the letter says so and gives the reason.`,
          hint: "Check that the payer accepts retroactive requests, and its time limit for them, before sending.",
        },
      ];
    }
    if (declared) {
      return [
        {
          path: ['request', 'retroactive'],
          message: `The case marks the request retroactive, but the requested start (${start}) is not before the packet date (${today}).`,
          hint: 'Remove `retroactive: true` (the letter would call the request retroactive), or correct `requestedStart`.',
        },
      ];
    }
    return [];
  },
};
