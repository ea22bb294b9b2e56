// The packet's date: --date, else SOURCE_DATE_EPOCH (reproducible builds), else now.
import { InputError } from './diagnostics/errors.js';

export function resolvePacketDate(date?: string | Date, env: NodeJS.ProcessEnv = process.env): Date {
  if (date instanceof Date) return date;
  if (date !== undefined) {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : new Date(date);
    if (Number.isNaN(d.getTime())) {
      throw new InputError([{ code: 'usage/bad-date', severity: 'error', message: `--date "${date}" is not a date.`, hint: 'Write it as YYYY-MM-DD or a full ISO timestamp, e.g. 2026-11-20 or 2026-11-20T09:30:00Z.' }]);
    }
    return d;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date();
}

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
