// Check 20: the description typed in the case differs from the code table's (guards against mislabeled codes).
import { findCode } from '../../codes/code-table.js';
import type { Rule } from '../rule.js';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export const rule: Rule = {
  id: 'diagnosis-description-mismatch',
  severity: 'warning',
  summary: 'A diagnosis description that differs from the official one for its code (a mislabeled code).',
  check({ case: c }) {
    return c.diagnoses.flatMap((d, i) => {
      const entry = findCode('ICD-10-CM', d.code);
      if (!entry || !d.description || norm(d.description) === norm(entry.description)) return [];
      return [{ path: ['diagnoses', i, 'description'], message: `${d.code} is "${entry.description}", but the case describes it as "${d.description}".`, hint: 'Check that the code matches the diagnosis in the pathology report; the packet prints the official description.' }];
    });
  },
};
