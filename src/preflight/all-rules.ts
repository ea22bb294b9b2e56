// Every preflight rule, in the order findings are reported. One rule per file; the file name is the rule id.
import { rule as hcpcsWrongCode } from './rules/hcpcs-wrong-code.js';
import { rule as hcpcsUnknown } from './rules/hcpcs-unknown.js';
import { rule as lineOfBusinessMismatch } from './rules/line-of-business-mismatch.js';
import { rule as itemOutsideProfileScope } from './rules/item-outside-profile-scope.js';
import { rule as accessoriesUnbundled } from './rules/accessories-unbundled.js';
import { rule as modifierRules } from './rules/modifier-rules.js';
import { rule as modifiersDiffer } from './rules/modifiers-differ.js';
import { rule as icd10NotBillable } from './rules/icd10-not-billable.js';
import { rule as diagnosisDescriptionMismatch } from './rules/diagnosis-description-mismatch.js';
import { rule as indicationNotCovered } from './rules/indication-not-covered.js';
import { rule as experimentalCombination } from './rules/experimental-combination.js';
import { rule as infratentorialSite } from './rules/infratentorial-site.js';
import { rule as performanceBelowThreshold } from './rules/performance-below-threshold.js';
import { rule as chemoradiationWindow } from './rules/chemoradiation-window.js';
import { rule as ageBelowMinimum } from './rules/age-below-minimum.js';
import { rule as wearCommitmentMissing } from './rules/wear-commitment-missing.js';
import { rule as continuationUsage } from './rules/continuation-usage.js';
import { rule as continuationImaging } from './rules/continuation-imaging.js';
import { rule as reevaluationWindow } from './rules/reevaluation-window.js';
import { rule as priorTherapyIncomplete } from './rules/prior-therapy-incomplete.js';
import { rule as identityConsistency } from './rules/identity-consistency.js';
import { rule as signatureStamped } from './rules/signature-stamped.js';
import { rule as documentsMissing } from './rules/documents-missing.js';
import { rule as paymentCategoryMismatch } from './rules/payment-category-mismatch.js';
import { rule as criterionNotMet } from './rules/criterion-not-met.js';
import { rule as criterionNotShown } from './rules/criterion-not-shown.js';
import { rule as criterionCaveat } from './rules/criterion-caveat.js';
import { rule as authorizationLimit } from './rules/authorization-limit.js';
import { rule as faxPageBudget } from './rules/fax-page-budget.js';
import { rule as payerFaxMissing } from './rules/payer-fax-missing.js';
import { rule as retroactiveRequest } from './rules/retroactive-request.js';
import { rule as decisionTimeframe } from './rules/decision-timeframe.js';
import { rule as appealDeadline } from './rules/appeal-deadline.js';
import { rule as appealUnknownCriterion } from './rules/appeal-unknown-criterion.js';
import { rule as appealDenialLetterMissing } from './rules/appeal-denial-letter-missing.js';
import { rule as appealReasonUnanswered } from './rules/appeal-reason-unanswered.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  hcpcsWrongCode,
  hcpcsUnknown,
  lineOfBusinessMismatch,
  itemOutsideProfileScope,
  accessoriesUnbundled,
  modifierRules,
  modifiersDiffer,
  icd10NotBillable,
  diagnosisDescriptionMismatch,
  indicationNotCovered,
  experimentalCombination,
  infratentorialSite,
  performanceBelowThreshold,
  chemoradiationWindow,
  ageBelowMinimum,
  wearCommitmentMissing,
  continuationUsage,
  continuationImaging,
  reevaluationWindow,
  priorTherapyIncomplete,
  identityConsistency,
  signatureStamped,
  documentsMissing,
  paymentCategoryMismatch,
  authorizationLimit,
  criterionNotMet,
  criterionNotShown,
  criterionCaveat,
  faxPageBudget,
  payerFaxMissing,
  retroactiveRequest,
  decisionTimeframe,
  appealDeadline,
  appealUnknownCriterion,
  appealDenialLetterMissing,
  appealReasonUnanswered,
];
