// The "Appeal deadlines" block of `authpack check`: the filing deadline and decision clocks, each with its source.
import { formatDate } from '../format/format.js';
import { statusNote, type AppealDeadlines, type DecisionClock } from './deadlines.js';

const CLOCK: Record<DecisionClock['clock'], string> = {
  'pre-service': 'standard, before the service',
  'post-service': 'standard, for payment (after the service)',
  'part-b-drug': 'Part B drug',
  expedited: 'expedited',
  standard: 'standard',
};

/** "in 12 days", "today", "3 days ago". */
export function whenText(daysLeft: number): string {
  if (daysLeft === 0) return 'today';
  if (daysLeft > 0) return `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
  return `${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`;
}

export function formatAppealDeadlines(d: AppealDeadlines): string[] {
  const lines = [`  Appeal deadlines (${d.level}, ${d.who}; ${d.lineOfBusiness}${d.planType ? `, ${d.planType}${d.planTypeAssumed ? ' (assumed)' : ''}` : ''}):`];
  if (d.filing) {
    const f = d.filing;
    lines.push(`    file by ${formatDate(f.deadline)} (${whenText(f.daysLeft)}): ${f.window} from ${formatDate(f.countedFrom)}, ${f.countedFromWhat}; ${f.basis}${statusNote(f.status)}`);
  } else lines.push(`    filing deadline: ${d.filingNote ?? 'set by the payer; see the denial notice'}`);
  for (const c of d.decisions) {
    lines.push(`    decision, ${CLOCK[c.clock]}: ${c.time}; ${c.basis}${statusNote(c.status)}${d.urgent && c.clock === 'expedited' ? ' (request.urgency is expedited)' : ''}`);
  }
  for (const n of d.notes) lines.push(`    note: ${n}`);
  for (const s of d.sources) lines.push(`    source: ${s.title}, ${s.url} (checked ${formatDate(s.checked)})`);
  return lines;
}
