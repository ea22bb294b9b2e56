// The packet's date: --date, else SOURCE_DATE_EPOCH (reproducible builds), else now; an impossible value is a usage
// error (exit 2), never a silent roll-over to another day.
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { UsageError } from './diagnostics/errors.js';

/** The latest packet date: 9999-12-31T23:59:59Z, so every date prints as YYYY-MM-DD. */
const LATEST_SECONDS = 253_402_300_799;
const EARLIEST_YEAR = 1900;

const DATE_HINT = 'Write it as YYYY-MM-DD or a full ISO timestamp with a time zone, e.g. 2026-11-20 or 2026-11-20T09:30:00Z.';
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?(Z|[+-](\d{2}):(\d{2})))?$/;

export function resolvePacketDate(date?: string | Date, env: NodeJS.ProcessEnv = process.env): Date {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < EARLIEST_YEAR || date.getTime() > LATEST_SECONDS * 1000) {
      throw badDate('The packet date is not a valid date (or lies outside 1900–9999).');
    }
    return date;
  }
  if (date !== undefined) return parsePacketDate(date);
  const epoch = env.SOURCE_DATE_EPOCH;
  // An empty variable is how shells and CI unset it.
  if (epoch !== undefined && epoch.trim() !== '') return parseSourceDateEpoch(epoch);
  return new Date();
}

/** Reads a --date value strictly: a real calendar day (and time), or throws a UsageError saying what is wrong. */
export function parsePacketDate(text: unknown): Date {
  if (typeof text !== 'string') throw badDate(`The packet date must be text such as "2026-11-20"; it is ${typeof text}.`);
  const shown = quote(text);
  const m = ISO.exec(text.trim());
  if (!m) throw badDate(`The packet date (--date) ${shown} is not a date in the form YYYY-MM-DD (or an ISO timestamp with a time zone).`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) throw badDate(`The packet date (--date) ${shown} has month ${m[2]}; months run from 01 to 12.`);
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day < 1 || day > days) throw badDate(`The packet date (--date) ${shown} is not a calendar day: ${MONTHS[month - 1]} ${year} has ${days} days.`);
  if (year < EARLIEST_YEAR) throw badDate(`The packet date (--date) ${shown} is before ${EARLIEST_YEAR}; the year is probably mistyped.`);
  if (m[4] !== undefined) {
    const [h, min, s, oh, om] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0), Number(m[9] ?? 0), Number(m[10] ?? 0)];
    if (h > 23 || min > 59 || s > 59 || oh > 23 || om > 59) throw badDate(`The packet date (--date) ${shown} has a time that does not exist (hours 00–23, minutes and seconds 00–59).`);
    const d = new Date(text.trim());
    if (d.getTime() > LATEST_SECONDS * 1000) throw badDate(`The packet date (--date) ${shown} is after the year 9999.`);
    return d;
  }
  // Noon UTC: the same calendar day in every time zone a packet is read in.
  return new Date(`${m[1]}-${m[2]}-${m[3]}T12:00:00Z`);
}

/** SOURCE_DATE_EPOCH is whole seconds since 1970-01-01 UTC (reproducible-builds.org); anything else is refused. */
export function parseSourceDateEpoch(value: string): Date {
  const text = value.trim();
  const shown = quote(text);
  if (!/^\d+$/.test(text) || Number(text) > LATEST_SECONDS) {
    throw new UsageError([
      {
        code: 'usage/bad-source-date-epoch',
        severity: 'error',
        message: `The environment variable SOURCE_DATE_EPOCH is ${shown}, which is not a whole number of seconds since 1970-01-01 between 0 and ${LATEST_SECONDS} (the year 9999).`,
        hint: 'Set it to the output of `date +%s` (e.g. SOURCE_DATE_EPOCH=1795600000), unset it, or pass --date.',
      },
    ]);
  }
  return new Date(Number(text) * 1000);
}

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The value as typed, shortened and with control characters escaped, so a terminal shows it safely. */
const quote = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

function badDate(message: string): UsageError {
  const d: Diagnostic = { code: 'usage/bad-date', severity: 'error', message, hint: DATE_HINT };
  return new UsageError([d]);
}
