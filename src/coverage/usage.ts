// Device usage as the case records it: when use began, the average over the usage reports, and the use the item's
// labelling calls for (the bar when a payer profile gives no usage figure of its own).
import { findCode } from '../codes/code-table.js';
import { daysBetween } from '../format/format.js';
import type { PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';

/** The use the requested item's labelling calls for (E0766: 18 hours a day, 75 %), preferring the policy's items. */
export function labelledUse(c: Case, payer: Pick<PayerProfileData, 'appliesTo'>) {
  const items = [...c.items].sort((a, b) => Number(payer.appliesTo.includes(b.hcpcs ?? '')) - Number(payer.appliesTo.includes(a.hcpcs ?? '')));
  for (const item of items) {
    const use = item.hcpcs ? findCode('HCPCS', item.hcpcs)?.labelledUse : undefined;
    if (use && (use.hoursPerDay !== undefined || use.percent !== undefined)) return { code: item.hcpcs!, use };
  }
  return undefined;
}

export { therapyStart } from './therapy-start.js';

/** Usage over all reports, weighted by the days each covers. */
export function averageUsage(c: Case): { hours: number; percent: number; days: number } | undefined {
  const reports = c.followUp.usageReports;
  if (!reports.length) return undefined;
  let days = 0;
  let hours = 0;
  let percent = 0;
  for (const r of reports) {
    const d = Math.max(1, daysBetween(r.from, r.to) + 1);
    days += d;
    hours += r.averageHoursPerDay * d;
    percent += r.percentUsage * d;
  }
  return { hours: hours / days, percent: percent / days, days };
}
