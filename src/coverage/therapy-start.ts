// The first day a device was used, which policies count their windows from (re-evaluation, adherence period).
import type { Case } from '../validate/case-schema.js';

/** First day the device was used: the first usage report, else a device therapy's start. */
export function therapyStart(c: Case): string | undefined {
  const reports = c.followUp.usageReports;
  if (reports.length) return reports.map((r) => r.from).sort()[0];
  return c.priorTherapies.find((t) => t.category === 'device')?.start;
}
