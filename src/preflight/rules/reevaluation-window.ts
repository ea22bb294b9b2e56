// Check 12c: a continuation whose re-evaluation visit is missing, not in person, or outside the window (Medicare: day 60–91).
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'reevaluation-window',
  severity: 'error',
  summary: 'Continuation: the re-evaluation visit is missing, not in person where required, or outside the window (Medicare: day 60–91).',
  check: (ctx) => criterionFindings(ctx, ['reevaluation-window'], 'not-met', 'Document the re-evaluation visit (`followUp.reevaluation`) held within the window.'),
};
