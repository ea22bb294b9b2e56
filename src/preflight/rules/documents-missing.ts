// Check 17: the enclosed documents do not include every kind the payer requires for this request kind.
import { appliesToCase } from '../../coverage/evaluate-criteria.js';
import { enumLabel } from '../../format/format.js';
import type { Rule } from '../rule.js';
import { coverageKind } from '../../appeal/coverage-kind.js';

export const rule: Rule = {
  id: 'documents-missing',
  severity: 'error',
  summary: 'A document kind the payer requires for this request (pathology, operative note, usage report …) is not among the attachments.',
  check({ case: c, payer }) {
    if (!appliesToCase(c, payer)) return [];
    const required = coverageKind(c) === 'continuation' ? payer.documents.continuation : payer.documents.initial;
    const have = new Set(c.attachments.map((a) => a.kind));
    const missing = required.filter((k) => !have.has(k));
    if (missing.length === 0) return [];
    return [{ path: ['attachments'], message: `${payer.displayName} asks for these documents with a${coverageKind(c) === 'continuation' ? ' continuation' : 'n initial'} request, and the case has none: ${missing.map((k) => enumLabel(k).toLowerCase()).join(', ')}.`, hint: `Add them under \`attachments\` with \`kind: ${missing[0]}\` and so on.` }];
  },
};
