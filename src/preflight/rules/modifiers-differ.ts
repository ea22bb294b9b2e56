// Suggested modifiers: what the claim line should carry under the payer's rules, when it differs from the case.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'modifiers-differ',
  severity: 'warning',
  summary: 'The modifiers the payer\'s rules suggest for the claim line differ from those the case lists.',
  check({ modifiers }) {
    return modifiers
      .filter((s) => [...s.suggested].sort().join() !== [...s.listed].sort().join())
      .map((s) => ({
        path: ['items', s.item, 'modifiers'],
        message: `Suggested modifiers for ${s.code}: ${s.suggested.join(', ') || 'none'}${s.reason ? ` (${s.reason})` : ''}; the case lists ${s.listed.join(', ') || 'none'}.`,
        hint: `Set \`modifiers: [${s.suggested.join(', ')}]\` if that matches the claim you will file.`,
      }));
  },
};
