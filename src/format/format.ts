// Plain formatting of dates, phone numbers, names and enum values, shared by templates, preflight and reports.

type Person = { firstName?: string; middleName?: string; lastName?: string; suffix?: string; name?: string };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(iso: unknown): [number, number, number] | undefined {
  const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : undefined;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function formatDate(iso: unknown): string {
  const p = parts(iso);
  return p ? `${String(p[1]).padStart(2, '0')}/${String(p[2]).padStart(2, '0')}/${p[0]}` : String(iso ?? '');
}

export function formatLongDate(iso: unknown): string {
  const p = parts(iso);
  return p ? `${MONTHS[p[1] - 1]} ${p[2]}, ${p[0]}` : String(iso ?? '');
}

/**
 * The time of a date-time as written, with its UTC offset: `2026-11-20T14:05-05:00` → `14:05 (UTC-05:00)`,
 * `…T19:05:30Z` → `19:05:30 (UTC)`. Never converted: the signer's own clock is what the record shows.
 */
export function formatTimeWithOffset(iso: unknown): string {
  const m = typeof iso === 'string' ? /T(\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})$/.exec(iso) : undefined;
  if (!m) return String(iso ?? '');
  return `${m[1]} (UTC${m[2] === 'Z' ? '' : m[2]})`;
}

/** Whole days from a to b. */
export function daysBetween(a: unknown, b: unknown): number {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) return NaN;
  return Math.round((Date.UTC(pb[0], pb[1] - 1, pb[2]) - Date.UTC(pa[0], pa[1] - 1, pa[2])) / 86_400_000);
}

/**
 * The last day of a period of whole months that starts on `start`: the day before the same date `months` later
 * (08/20 + 3 months → 11/19), or the last day of that month when it has no such date (01/31 + 1 month → 02/28).
 */
export function periodEnd(start: unknown, months: number): string {
  const p = parts(start);
  if (!p) return String(start ?? '');
  const first = new Date(Date.UTC(p[0], p[1] - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const end = p[2] > lastDay ? new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), lastDay)) : new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), p[2] - 1));
  return end.toISOString().slice(0, 10);
}

/**
 * A length of time in words, for how long a treatment lasted: "1 day", "10 days", "12 weeks", "7 months", "2 years".
 * Counts the first and the last day (a course from Monday to the Sunday after is 1 week).
 */
export function durationWords(start: unknown, end: unknown): string | undefined {
  const days = daysBetween(start, end) + 1;
  if (!Number.isFinite(days) || days < 1) return undefined;
  const n = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (days < 14) return n(days, 'day');
  if (days < 26 * 7) return n(Math.round(days / 7), 'week');
  if (days < 730) return n(Math.round(days / 30.44), 'month');
  const years = Math.round((days / 365.25) * 10) / 10;
  return `${years} years`;
}

/** Age in whole years on a given day. */
export function ageOn(dob: unknown, day: unknown): number {
  const b = parts(dob);
  const d = parts(day);
  if (!b || !d) return NaN;
  let age = d[0] - b[0];
  if (d[1] < b[1] || (d[1] === b[1] && d[2] < b[2])) age--;
  return age;
}

/** North American numbers as (555) 010-0200; anything else as typed. */
export function formatPhone(value: unknown): string {
  const s = String(value ?? '');
  const ext = /\s*(?:x|ext\.?)\s*(\d+)$/i.exec(s);
  const digits = s.replace(ext?.[0] ?? '', '').replace(/\D/g, '');
  const nanp = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits.length === 10 ? digits : undefined;
  if (!nanp) return s;
  return `(${nanp.slice(0, 3)}) ${nanp.slice(3, 6)}-${nanp.slice(6)}${ext ? ` ext. ${ext[1]}` : ''}`;
}

export function fullName(p: unknown): string {
  const person = (p ?? {}) as Person;
  if (person.name) return person.name;
  return [person.firstName, person.middleName, person.lastName].filter(Boolean).join(' ') + (person.suffix ? `, ${person.suffix}` : '');
}

/** `newly-diagnosed` → "Newly diagnosed"; `operative-note` → "Operative note". */
export function enumLabel(v: unknown): string {
  const s = String(v ?? '').replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
