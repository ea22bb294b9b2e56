// What a criterion evaluator says about a case: met, not met or not shown, with the evidence in words.
export type CriterionStatus = 'met' | 'not-met' | 'unknown';
export interface CriterionResult {
  status: CriterionStatus;
  /** What the case shows, in words for the letter and the report. */
  evidence: string;
  /** Case fields the evidence comes from. */
  paths: (string | number)[][];
  /** For the coordinator only (the check report and the preflight message, never the letter): why the result is
   * what it is when the case alone does not say, e.g. the figure the payer profile does not give. */
  note?: string;
  /** The payer-profile fields whose figure is missing, so the criterion cannot be judged ("thresholds.kpsMin"). */
  profileGap?: string[];
  /** Met, but on a reading of the policy that a person should confirm (a WHO 2021 tumor name the policy predates). */
  caveat?: string;
}
