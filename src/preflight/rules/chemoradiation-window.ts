// Check 9: newly diagnosed GBM: surgery or biopsy, chemoradiation completed, and the start within N weeks of its last dose.
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'chemoradiation-window',
  severity: 'error',
  summary: 'Surgery or biopsy and completed chemoradiation are not shown, or the start is more than the allowed weeks (7) after the last chemoradiation dose.',
  check: (ctx) => criterionFindings(ctx, ['surgery-or-biopsy', 'chemoradiation-completed', 'start-within-weeks-of-chemoradiation'], 'not-met', 'Check the prior-therapy dates; a start outside the window needs the reason documented, or a later request date may not be covered.'),
};
