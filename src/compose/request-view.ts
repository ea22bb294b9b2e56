// Derived values about what is requested: each item's codes (NDC in both forms), the noun the letter uses for it,
// the dates of service, and device usage measured against the threshold that applies.
import { appliesToCase, withIndicationThresholds } from '../coverage/evaluate-criteria.js';
import { averageUsage } from '../coverage/criterion-checks.js';
import { findCode, itemNoun } from '../codes/code-table.js';
import { periodEnd } from '../format/format.js';
import type { PayerProfile } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import { ndcShape, normalizeNdc } from '../validate/formats.js';

type Item = Case['items'][number];

export interface ItemCodeView {
  /** The item's main code: the HCPCS or CPT code, else the NDC in its 11-digit billing form. */
  code: string;
  system: 'HCPCS' | 'CPT' | 'NDC';
  modifiers: string[];
  line: Item;
  /** What the letter calls this item ("treatment", "medication", "imaging study" …). */
  noun: string;
  /** The NDC in its 11-digit 5-4-2 billing form and as written; `written` is absent when the two are the same. */
  ndc?: { billing: string; written?: string; shape: string };
}

export interface ServicePeriod {
  start: string;
  end: string;
  /** As the case gives it; absent when only `requestedEnd` is given. */
  months?: number;
}

export interface UsageView {
  hours: number;
  percent: number;
  from: string;
  to: string;
  reports: number;
  /** What the usage is measured against: the payer policy's threshold, else the item's labelled use. */
  threshold?: { wording: string; source: 'policy' | 'label' };
  /** Usage meets the threshold (absent without one). */
  meetsThreshold?: boolean;
}

export function itemCodeViews(items: readonly Item[]): ItemCodeView[] {
  return items.map((line) => {
    const ndc = line.ndc ? ndcView(line.ndc) : undefined;
    const main = line.hcpcs ? { code: line.hcpcs, system: 'HCPCS' as const } : line.cpt ? { code: line.cpt, system: 'CPT' as const } : { code: ndc!.billing, system: 'NDC' as const };
    // A drug's NDC with its J-code is named by the HCPCS table when it knows the code, else as a drug.
    const noun = line.ndc && !(line.hcpcs && findCode('HCPCS', line.hcpcs)?.category) ? itemNoun('NDC', undefined) : itemNoun(main.system, main.code);
    return { ...main, modifiers: line.modifiers, line, noun, ...(ndc ? { ndc } : {}) };
  });
}

function ndcView(written: string): NonNullable<ItemCodeView['ndc']> {
  const billing = normalizeNdc(written) ?? written;
  const shape = ndcShape(written);
  // The 11-digit form written without hyphens is the same code: only a 10-digit shape is worth showing as written.
  return { billing, shape, ...(['4-4-2', '5-3-2', '5-4-1'].includes(shape) ? { written } : {}) };
}

/** One item: its noun; several: "items", unless they are all called the same ("treatments" reads badly, so no). */
export function requestNoun(items: readonly ItemCodeView[]): string {
  return items.length === 1 ? items[0]!.noun : 'items';
}

export function servicePeriod(request: Case['request']): ServicePeriod {
  const { requestedStart: start, requestedEnd, requestedMonths: months } = request;
  return { start, end: requestedEnd ?? periodEnd(start, months!), ...(months !== undefined ? { months } : {}) };
}

/** The payer's usage threshold applies to the items its policy is about (all items when it names none). */
function policyThreshold(c: Case, payer: PayerProfile): UsageView['threshold'] & { hours?: number; pct?: number } | undefined {
  const { usageHoursMin, usagePercentMin } = withIndicationThresholds(c, payer).thresholds;
  const applies = appliesToCase(c, payer);
  if (!applies || (usageHoursMin === undefined && usagePercentMin === undefined)) return undefined;
  const parts = [usageHoursMin !== undefined ? `at least ${usageHoursMin} hours a day` : '', usagePercentMin !== undefined ? `${usageHoursMin !== undefined ? '(' : 'at least '}${usagePercentMin} % of the time${usageHoursMin !== undefined ? ')' : ''}` : ''];
  return { wording: parts.filter(Boolean).join(' '), source: 'policy', ...(usageHoursMin !== undefined ? { hours: usageHoursMin } : {}), ...(usagePercentMin !== undefined ? { pct: usagePercentMin } : {}) };
}

function labelThreshold(c: Case): UsageView['threshold'] & { hours?: number; pct?: number } | undefined {
  for (const item of c.items) {
    const use = item.hcpcs ? findCode('HCPCS', item.hcpcs)?.labelledUse : undefined;
    if (use) return { wording: use.wording, source: 'label', ...(use.hoursPerDay !== undefined ? { hours: use.hoursPerDay } : {}), ...(use.percent !== undefined ? { pct: use.percent } : {}) };
  }
  return undefined;
}

export function usageView(c: Case, payer: PayerProfile): { usage?: UsageView; expected: boolean } {
  const threshold = policyThreshold(c, payer) ?? labelThreshold(c);
  const avg = averageUsage(c);
  if (!avg) return { expected: threshold !== undefined };
  const reports = c.followUp.usageReports;
  const usage: UsageView = {
    hours: avg.hours,
    percent: avg.percent,
    from: reports.map((r) => r.from).sort()[0]!,
    to: reports.map((r) => r.to).sort().at(-1)!,
    reports: reports.length,
  };
  if (threshold) {
    usage.threshold = { wording: threshold.wording, source: threshold.source };
    usage.meetsThreshold = (threshold.hours === undefined || avg.hours >= threshold.hours) && (threshold.pct === undefined || avg.percent >= threshold.pct);
  }
  return { usage, expected: threshold !== undefined };
}
