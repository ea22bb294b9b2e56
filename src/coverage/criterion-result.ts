// What a criterion evaluator says about a case: met, not met or not shown, with the evidence in words.
export type CriterionStatus = 'met' | 'not-met' | 'unknown';
export interface CriterionResult {
  status: CriterionStatus;
  /** What the case shows, in words for the letter and the report. */
  evidence: string;
  /** Case fields the evidence comes from. */
  paths: (string | number)[][];
}
