// Check 4: the payer's modifier rules on each claim line (Medicare E0766: KF; exactly one of KX, GA, GZ; KX never
// with GA/GY/GZ; GA only with an ABN on file; KX only when every criterion is met; GA/GZ only on fee-for-service).
import { ABN_MODIFIERS, isFeeForService } from '../../coverage/suggest-modifiers.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'modifier-rules',
  severity: 'error',
  summary: "The payer's modifier rules: required modifiers (KF), exactly one of KX/GA/GZ (fee-for-service), GA needs an ABN, GA and GZ only on Medicare fee-for-service claims, KX needs every criterion met (a criterion merely not shown yet: a warning to document it before billing with KX).",
  check({ case: c, payer, criteria, modifiers }) {
    const rules = payer.modifiers;
    const ffs = isFeeForService(c);
    const out: Finding[] = [];
    for (const s of modifiers) {
      const path = ['items', s.item, 'modifiers'];
      const listed = new Set(s.listed);
      for (const m of rules.required) if (!listed.has(m)) out.push({ path, message: `${s.code} needs the ${m} modifier under ${payer.displayName}.`, hint: `Add ${m} to \`modifiers\`.` });
      const abn = s.listed.filter((m) => ABN_MODIFIERS.includes(m));
      if (!ffs && abn.length) out.push({ path, message: `${abn.join(' and ')} ${abn.length > 1 ? 'go' : 'goes'} with an Advance Beneficiary Notice, which exists only for Medicare fee-for-service; this is a ${c.coverage.lineOfBusiness} claim.`, hint: `Remove ${abn.join(' and ')}; the plan's own coverage decision takes the place of an ABN.` });
      const exclusive = s.listed.filter((m) => rules.exactlyOneOf.includes(m));
      // Outside fee-for-service the set loses GA and GZ, so "exactly one" cannot be asked when criteria are not met.
      if (ffs && rules.exactlyOneOf.length && exclusive.length !== 1) {
        const use = s.suggested.filter((m) => rules.exactlyOneOf.includes(m)).join('');
        out.push({ path, message: `${s.code} must carry exactly one of ${rules.exactlyOneOf.join(', ')}; it has ${exclusive.length ? exclusive.join(' and ') : 'none'}.`, hint: use ? `Use ${use} (${s.reason ?? 'see the payer profile'}).` : `Choose from the medical record (${s.reason ?? 'see the payer profile'}).` });
      }
      if (listed.has('KX') && ['GA', 'GY', 'GZ'].some((m) => listed.has(m))) out.push({ path, message: `KX cannot be on the same line as GA, GY or GZ.`, hint: 'Keep KX only when every criterion is met; otherwise GA (ABN on file) or GZ.' });
      if (listed.has('GA') && ffs && !(c.orders?.abn?.onFile && c.orders.abn.date)) out.push({ path, message: 'GA is listed but no signed ABN (Advance Beneficiary Notice) is on file.', hint: 'Add `orders.abn: { onFile: true, date: … }`, or use GZ.' });
      if (listed.has('KX') && rules.kxWhenCriteriaMet) {
        // Only confirmed criteria decide; one the case does not show yet asks for its document, it is no denial.
        const decisive = criteria.filter((o) => !o.criterion.unconfirmed);
        const notMet = decisive.filter((o) => o.result.status === 'not-met').map((o) => o.criterion.id);
        const notShown = decisive.filter((o) => o.result.status === 'unknown').map((o) => o.criterion.id);
        if (notMet.length) out.push({ path, message: `KX says every coverage criterion is met, but the case shows these are not: ${notMet.join(', ')}.`, hint: ffs ? 'Remove KX: use GA (with a signed ABN) or GZ.' : 'Remove KX.' });
        else if (notShown.length) out.push({ severity: 'warning', path, message: `KX says every coverage criterion is met and documented; the case does not show yet: ${notShown.join(', ')}.`, hint: 'Put the documents for those criteria in the medical record (and enclose them) before the claim goes out with KX.' });
      }
    }
    return out;
  },
};
