// Preflight stage: evaluates the payer's criteria, suggests modifiers, and runs every enabled rule.
import { evaluateCriteria, withIndicationThresholds, type CriterionOutcome } from '../coverage/evaluate-criteria.js';
import { suggestModifiers, type ModifierSuggestion } from '../coverage/suggest-modifiers.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PayerProfile } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import { RULES } from './all-rules.js';
import type { Rule, RuleContext } from './rule.js';

export interface PreflightOptions {
  today: string;
  /** Page count, once known: runs the rules that need it (and only those). */
  pages?: number;
}

export interface PreflightResult {
  diagnostics: Diagnostic[];
  criteria: CriterionOutcome[];
  modifiers: ModifierSuggestion[];
}

export function runPreflight(c: Case, profile: PayerProfile, options: PreflightOptions, rules: readonly Rule[] = RULES): PreflightResult {
  // Rules read the thresholds of the indication the case falls under, where it has its own.
  const payer = withIndicationThresholds(c, profile);
  const criteria = evaluateCriteria(c, payer, options.today);
  const modifiers = suggestModifiers(c, payer, criteria);
  const ctx: RuleContext = { case: c, payer, today: options.today, criteria, modifiers, ...(options.pages !== undefined ? { pages: options.pages } : {}) };
  return { diagnostics: applyRules(ctx, rules), criteria, modifiers };
}

/** The rules that need the page count, run once it is known, on criteria already evaluated. */
export function runPageRules(c: Case, payer: PayerProfile, earlier: PreflightResult, options: Required<PreflightOptions>, rules: readonly Rule[] = RULES): Diagnostic[] {
  return applyRules({ case: c, payer: withIndicationThresholds(c, payer), today: options.today, criteria: earlier.criteria, modifiers: earlier.modifiers, pages: options.pages }, rules);
}

function applyRules(ctx: RuleContext, rules: readonly Rule[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    if (!!rule.needsPages !== (ctx.pages !== undefined)) continue;
    const setting = ctx.payer.rules[rule.id];
    if (setting === 'off') continue;
    for (const f of rule.check(ctx)) {
      diagnostics.push({
        code: `preflight/${f.id ?? rule.id}`,
        severity: setting ?? f.severity ?? rule.severity,
        message: f.message,
        ...(f.path ? { path: f.path } : {}),
        ...(f.hint ? { hint: f.hint } : {}),
        ...(f.data ? { data: f.data } : {}),
      });
    }
  }
  return diagnostics;
}
