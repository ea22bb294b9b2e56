// Check 5: an ICD-10-CM category that is not billable (C71 instead of C71.1), or a code not in authpack's table.
import { CODE_TABLE_CHECKED, findCode } from '../../codes/code-table.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'icd10-not-billable',
  severity: 'error',
  summary: 'A diagnosis code that is a category, not billable at full specificity (C71 instead of C71.1); codes not in the table are noted.',
  check({ case: c }) {
    const out: Finding[] = [];
    c.diagnoses.forEach((d, i) => {
      const entry = findCode('ICD-10-CM', d.code);
      if (entry?.billable === false) {
        out.push({ path: ['diagnoses', i, 'code'], message: `${d.code} (${entry.description}) is a category, not a billable code.`, hint: `Code to full specificity, e.g. ${d.code}.1 or the site in the pathology report.` });
      } else if (!entry) {
        out.push({ severity: 'info', path: ['diagnoses', i, 'code'], message: `${d.code} is not in authpack's ICD-10-CM table (checked ${CODE_TABLE_CHECKED}); it was not checked for billability.`, hint: 'Confirm it against the ICD-10-CM code set for the date of service.' });
      }
    });
    return out;
  },
};
