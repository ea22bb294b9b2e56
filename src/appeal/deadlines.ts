// Appeal deadlines (pure, no I/O): the filing deadline and decision clocks of the review a denial block asks for,
// from the cited table appeal-clocks.json, counted on plain calendar dates (no time zones).
import type { Case } from '../validate/case-schema.js';
import table from './appeal-clocks.json' with { type: 'json' };

export type ClockStatus = 'confirmed' | 'secondary' | 'unverified';

interface Filing {
  amount: number;
  unit: 'days' | 'months';
  from: 'notice' | 'receipt';
  presumedReceiptDays?: number;
  /** A month count that lands on a day the month lacks (Oct 31 + 4 months) moves to the first of the next month. */
  monthEnd?: 'first-of-next-month';
  goodCause?: string;
  basis: string;
  status: ClockStatus;
}
export interface DecisionClock { clock: 'pre-service' | 'post-service' | 'part-b-drug' | 'expedited' | 'standard'; time: string; basis: string; status: ClockStatus }
export interface Source { title: string; url: string; checked: string }
interface LevelClocks {
  id: string;
  level: string;
  linesOfBusiness?: string[];
  planTypes?: string[];
  who: string;
  filing: Filing | null;
  filingNote?: string;
  decisions: DecisionClock[];
  notes: string[];
  sources: Source[];
}
export const APPEAL_CLOCKS = (table as { levels: LevelClocks[] }).levels;
export const CLOCKS_CHECKED = table.checked;

export interface FilingDeadline {
  /** Last day to file, YYYY-MM-DD. */
  deadline: string;
  /** Days from the packet date to the deadline (negative: past). */
  daysLeft: number;
  /** "180 days", "4 months". */
  window: string;
  /** The day the window is counted from, and what it is. */
  countedFrom: string;
  countedFromWhat: string;
  basis: string;
  status: ClockStatus;
  goodCause?: string;
}

export interface AppealDeadlines {
  level: string;
  who: string;
  lineOfBusiness: string;
  planType?: string;
  /** The plan type was not in the case: the default for the line of business was used. */
  planTypeAssumed: boolean;
  urgent: boolean;
  filing?: FilingDeadline;
  /** Why there is no filing deadline (no regulatory clock). */
  filingNote?: string;
  decisions: DecisionClock[];
  notes: string[];
  sources: Source[];
}

type AppealCase = Pick<Case, 'request' | 'coverage' | 'denial'>;

const DEFAULT_PLAN: Record<string, string> = { commercial: 'erisa-group', exchange: 'individual' };

/** The clocks entry for a level, line of business and plan type, or undefined when the level does not fit the coverage. */
export function clocksFor(level: string, lob: string, planType?: string): LevelClocks | undefined {
  return APPEAL_CLOCKS.find((k) => k.level === level && (!k.linesOfBusiness || k.linesOfBusiness.includes(lob)) && (!k.planTypes || !planType || k.planTypes.includes(planType)));
}

function parts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new TypeError(`not a plain date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(Date.UTC(y, m - 1, d + days));
}

/**
 * The same day `months` later; when that month has no such day (Oct 31 + 4 months), the first day of the month
 * after (March 1), as 45 CFR 147.136 and the DOL technical release count "the first day of the fifth month".
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  if (d > lastDay) return iso(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
  return iso(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), d));
}

export function daysFrom(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

function filingDeadline(f: Filing, denial: NonNullable<AppealCase['denial']>, today: string): FilingDeadline {
  let start = denial.date;
  let what = 'the date on the denial notice';
  if (f.from === 'receipt') {
    if (denial.receivedOn) {
      start = denial.receivedOn;
      what = 'the day the denial was received (denial.receivedOn)';
    } else if (f.presumedReceiptDays) {
      start = addDays(denial.date, f.presumedReceiptDays);
      what = `receipt, presumed ${f.presumedReceiptDays} days after the notice date`;
    } else {
      what = 'the notice date, as the day of receipt is not given (denial.receivedOn); a later receipt moves the deadline later';
    }
  }
  const deadline = f.unit === 'days' ? addDays(start, f.amount) : addMonths(start, f.amount);
  return {
    deadline,
    daysLeft: daysFrom(today, deadline),
    window: `${f.amount} ${f.unit}`,
    countedFrom: start,
    countedFromWhat: what,
    basis: f.basis,
    status: f.status,
    ...(f.goodCause ? { goodCause: f.goodCause } : {}),
  };
}

/** The deadlines of an appeal case, or undefined for a case without a denial block or whose level does not fit. */
export function appealDeadlines(c: AppealCase, today: string): AppealDeadlines | undefined {
  const denial = c.denial;
  if (!denial) return undefined;
  const lob = c.coverage.lineOfBusiness;
  const commercial = lob === 'commercial' || lob === 'exchange';
  const planType = commercial ? denial.planType ?? DEFAULT_PLAN[lob] : undefined;
  const entry = clocksFor(denial.level, lob, planType);
  if (!entry) return undefined;
  const notes = [...entry.notes];
  const planTypeAssumed = commercial && !denial.planType;
  if (planTypeAssumed && entry.planTypes) notes.unshift(`The plan type is assumed to be ${planType} (the default for ${lob} coverage); set denial.planType if the plan is another kind.`);
  return {
    level: denial.level,
    who: entry.who,
    lineOfBusiness: lob,
    ...(planType ? { planType } : {}),
    planTypeAssumed,
    urgent: c.request.urgency === 'expedited',
    ...(entry.filing ? { filing: filingDeadline(entry.filing, denial, today) } : {}),
    ...(entry.filingNote ? { filingNote: entry.filingNote } : {}),
    decisions: entry.decisions,
    notes,
    sources: entry.sources,
  };
}

/** "(verify: from a secondary source)" for a figure not read in the regulation's own words. */
export function statusNote(status: ClockStatus): string {
  return status === 'confirmed' ? '' : status === 'secondary' ? ' (from a secondary source: verify)' : ' (unverified: check the regulation or the notice)';
}
