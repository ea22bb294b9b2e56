// Check 4: the payer's modifier rules on each claim line (Medicare E0766: KF; exactly one of KX, GA, GZ; KX never
// with GA/GY/GZ; GA only with an ABN on file; KX only when every criterion is met).
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'modifier-rules',
  severity: 'error',
  summary: 'The payer\'s modifier rules: required modifiers (KF), exactly one of KX/GA/GZ, GA needs an ABN, KX needs every criterion met.',
  check({ case: c, payer, criteria, modifiers }) {
    const rules = payer.modifiers;
    const out: Finding[] = [];
    for (const s of modifiers) {
      const path = ['items', s.item, 'modifiers'];
      const listed = new Set(s.listed);
      for (const m of rules.required) if (!listed.has(m)) out.push({ path, message: `${s.code} needs the ${m} modifier under ${payer.displayName}.`, hint: `Add ${m} to \`modifiers\`.` });
      const exclusive = s.listed.filter((m) => rules.exactlyOneOf.includes(m));
      if (rules.exactlyOneOf.length && exclusive.length !== 1) {
        out.push({ path, message: `${s.code} must carry exactly one of ${rules.exactlyOneOf.join(', ')}; it has ${exclusive.length ? exclusive.join(' and ') : 'none'}.`, hint: `Use ${s.suggested.filter((m) => rules.exactlyOneOf.includes(m)).join('') || rules.exactlyOneOf[0]} (${s.reason ?? 'see the payer profile'}).` });
      }
      if (listed.has('KX') && ['GA', 'GY', 'GZ'].some((m) => listed.has(m))) out.push({ path, message: `KX cannot be on the same line as GA, GY or GZ.`, hint: 'Keep KX only when every criterion is met; otherwise GA (ABN on file) or GZ.' });
      if (listed.has('GA') && !(c.orders?.abn?.onFile && c.orders.abn.date)) out.push({ path, message: 'GA is listed but no signed ABN (Advance Beneficiary Notice) is on file.', hint: 'Add `orders.abn: { onFile: true, date: … }`, or use GZ.' });
      if (listed.has('KX') && rules.kxWhenCriteriaMet && criteria.some((o) => o.result.status !== 'met')) {
        const open = criteria.filter((o) => o.result.status !== 'met').map((o) => o.criterion.id);
        out.push({ path, message: `KX says every coverage criterion is met, but the case does not show: ${open.join(', ')}.`, hint: 'Document those criteria, or use GA (with an ABN) or GZ.' });
      }
    }
    return out;
  },
};
