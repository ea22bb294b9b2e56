// An appeal without the denial letter among its enclosures: reviewers expect the notice being appealed.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'appeal-denial-letter-missing',
  severity: 'warning',
  summary: 'An appeal case has no attachment of kind `denial-letter`: the denial notice being appealed is not enclosed.',
  check({ case: c }) {
    if (c.request.kind !== 'appeal' || c.attachments.some((a) => a.kind === 'denial-letter')) return [];
    return [{ path: ['attachments'], message: 'The appeal does not enclose the denial letter (no attachment has `kind: denial-letter`).', hint: 'Add the denial notice under `attachments` with `kind: denial-letter`, so the reviewer sees the decision and reference being appealed.' }];
  },
};
