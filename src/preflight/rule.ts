// What a preflight rule is: a stable id, a default severity, a one-line summary, and a check over the case.
import type { CriterionOutcome } from '../coverage/evaluate-criteria.js';
import type { ModifierSuggestion } from '../coverage/suggest-modifiers.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import type { PayerProfile } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';

export interface RuleContext {
  case: Case;
  payer: PayerProfile;
  /** Packet date, YYYY-MM-DD. */
  today: string;
  /** The payer's criteria for this request kind, evaluated. */
  criteria: CriterionOutcome[];
  modifiers: ModifierSuggestion[];
  /** Page count of the packet, when it is known (after layout). */
  pages?: number;
}

export interface Finding {
  message: string;
  path?: (string | number)[];
  hint?: string;
  /** Overrides the rule's severity for this finding (for example an investigational versus an excluded indication). */
  severity?: Severity;
  /** Replaces the rule id in the diagnostic code, for a rule with several kinds of finding (`appeal-deadline-past`). */
  id?: string;
  /** Machine-readable detail, passed on to the diagnostic. */
  data?: Record<string, unknown>;
}

export interface Rule {
  /** Stable, documented id; diagnostics carry it as `preflight/<id>`. */
  id: string;
  severity: Severity;
  /** One line for the README and `authpack check --rules`. */
  summary: string;
  /** Runs only after layout, when the page count is known. */
  needsPages?: boolean;
  check(ctx: RuleContext): Finding[];
}
