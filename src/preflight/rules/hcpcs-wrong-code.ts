// Check 1: a code billed for an item that is really another one (E0711 … on a tumor treating fields request).
import { findCode, type CodeEntry, type WrongCodeSign } from '../../codes/code-table.js';
import type { Case } from '../../validate/case-schema.js';
import type { Rule } from '../rule.js';

const startsWord = (text: string, term: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'iu').test(text);

/**
 * Which sign (from the right code's `recognisedBy`, limited to the wrong code's `when`) says the request is for the
 * right code's item, in a coordinator's words; undefined when none does. Knowledge stays in codes.json: a stimulator
 * code on a cancer case is not wrong by itself (E0765 for chemotherapy-induced nausea is a valid request).
 */
function sign(c: Case, item: Case['items'][number], signs: readonly WrongCodeSign[], right: CodeEntry): string | undefined {
  const by = right.recognisedBy;
  if (!by) return undefined;
  if (signs.includes('item')) {
    const named = by.itemNames.find((t) => startsWord(`${item.description} ${item.brand ?? ''}`, t));
    if (named) return `the item is described as ${named}`;
  }
  if (signs.includes('diagnosis')) {
    const d = c.diagnoses.find((x) => by.icd10.some((p) => x.code === p || x.code.startsWith(`${p}.`) || (p.includes('.') && x.code.startsWith(p))));
    if (d) return `the diagnosis ${d.code} is one ${right.code} is billed for`;
  }
  if (signs.includes('histology') && c.clinical?.histology) {
    const h = by.histology.find((t) => startsWord(c.clinical!.histology!, t));
    if (h) return `the histology is ${h}`;
  }
  return undefined;
}

export const rule: Rule = {
  id: 'hcpcs-wrong-code',
  severity: 'error',
  summary: 'A code billed for what is really another item: e.g. E0711 (or E0745, E0760, E0764) on a brain-tumour case, or E0765 on an item named as tumor treating fields; names the right code (E0766). E0765 for nausea with a cancer diagnosis is not flagged.',
  check({ case: c }) {
    return c.items.flatMap((item, i) => {
      const entry = item.hcpcs ? findCode('HCPCS', item.hcpcs) : undefined;
      const right = entry?.wrongFor ? findCode('HCPCS', entry.wrongFor.use) : undefined;
      const why = entry?.wrongFor && right ? sign(c, item, entry.wrongFor.when, right) : undefined;
      if (!entry?.wrongFor || !why) return [];
      return [{
        path: ['items', i, 'hcpcs'],
        message: `${entry.code} is the wrong code for this request (${why}): ${entry.wrongFor.reason}`,
        hint: `If the item is ${right?.description ?? 'the one the code table names'}, change \`hcpcs\` to ${entry.wrongFor.use}; if it really is ${entry.description.charAt(0).toLowerCase()}${entry.description.slice(1)}, keep ${entry.code}.`,
      }];
    });
  },
};
