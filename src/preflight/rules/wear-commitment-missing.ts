// Check 11: the commitment to wear the device at least 18 hours a day, and the training, are not documented.
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'wear-commitment-missing',
  severity: 'error',
  summary: 'The commitment to wear the device ≥ 18 h/day, or the patient\'s training, is not documented (or is refused).',
  check(ctx) {
    return [
      ...criterionFindings(ctx, ['wear-commitment', 'training'], 'not-met'),
      ...criterionFindings(ctx, ['wear-commitment', 'training'], 'unknown', 'Record `deviceReadiness.willingToWear18h: true` and `trainedOn` from the training note.'),
    ];
  },
};
