// Template helpers for dates, phone numbers, names, codes and plurals; registered by name in handlebars-env.ts.
import Handlebars from 'handlebars';
import { describeCode } from '../../codes/code-table.js';
import { ageOn, daysBetween, durationWords, enumLabel, formatDate, formatLongDate, formatPhone, formatTimeWithOffset, fullName } from '../../format/format.js';

export { ageOn, daysBetween, enumLabel, formatDate, formatLongDate, formatPhone, fullName };

const isOptions = (v: unknown) => typeof v === 'object' && v !== null && 'hash' in (v as object) && 'data' in (v as object);
const esc = (s: unknown) => Handlebars.escapeExpression(String(s ?? ''));
const lowerFirst = (v: unknown) => { const s = String(v ?? ''); return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s; };

type Dosed = { dose?: string; route?: string; frequency?: string; daysSupply?: number };
function dosing(line: unknown): string {
  const l = (line && typeof line === 'object' ? line : {}) as Dosed;
  const how = [l.dose, l.route, l.frequency].filter(Boolean).join(' ');
  return [how, l.daysSupply ? `${l.daysSupply}-day supply` : ''].filter(Boolean).join(', ');
}

export const formatHelpers: Record<string, Handlebars.HelperDelegate> = {
  date: (iso: unknown) => formatDate(iso),
  longDate: (iso: unknown) => formatLongDate(iso),
  /** A date-time's time with its UTC offset as written: "14:05 (UTC-05:00)". */
  timeWithOffset: (iso: unknown) => formatTimeWithOffset(iso),
  phone: (v: unknown) => formatPhone(v),
  fullName: (p: unknown) => fullName(p),
  label: (v: unknown) => enumLabel(v),
  age: (dob: unknown, day: unknown) => ageOn(dob, day),
  daysBetween: (a: unknown, b: unknown) => daysBetween(a, b),
  weeksBetween: (a: unknown, b: unknown) => (daysBetween(a, b) / 7).toFixed(1),
  /** How long a treatment lasted, first and last day included: "10 days", "12 weeks", "7 months". */
  duration: (start: unknown, end: unknown) => durationWords(start, end) ?? '',
  /** A drug line's dosing as given, in the order a prescription reads: "40 mg subcutaneous every 14 days, 28-day supply". */
  dosing: (line: unknown) => dosing(line),
  /**
   * A diagnosis for use mid-sentence: the code table's description without ICD-10-CM's nonessential modifiers (words
   * in parentheses, which do not change the code) and without its capital ("Obstructive sleep apnea (adult)
   * (pediatric)" → "obstructive sleep apnea"); a code the table does not know keeps the case's words.
   */
  diagnosisInSentence: (code: unknown, fallback: unknown) => {
    const official = describeCode(String(code ?? ''));
    if (official) return lowerFirst(official.replace(/\s*\([^()]*\)/g, '').trim());
    return lowerFirst(isOptions(fallback) ? '' : String(fallback ?? ''));
  },
  /** `{{plural 3 "page"}}` → "3 pages"; `{{plural n "diagnosis" "diagnoses"}}`. */
  plural: (n: unknown, singular: unknown, plural: unknown) => {
    const count = Number(n);
    const many = typeof plural === 'string' && !isOptions(plural) ? plural : `${String(singular)}s`;
    return `${count} ${count === 1 ? String(singular) : many}`;
  },
  /** Official description from the code table, else the one typed in the case. */
  codeDescription: (code: unknown, fallback: unknown) => describeCode(String(code ?? '')) ?? (isOptions(fallback) ? '' : String(fallback ?? '')),
  /** Lower-cases the first letter, for a description used mid-sentence ("Malignant neoplasm" → "malignant neoplasm"). */
  lowerFirst: (v: unknown) => lowerFirst(v),
  join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(isOptions(sep) ? ', ' : String(sep)) : ''),
  eq: (a: unknown, b: unknown) => a === b,
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  not: (a: unknown) => !a,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  inc: (n: unknown) => Number(n) + 1,
  fixed: (n: unknown, digits: unknown) => Number(n).toFixed(isOptions(digits) ? 1 : Number(digits)),
  /** Escaped text with blank lines as paragraph breaks; single newlines (hard-wrapped YAML) join with a space. */
  paragraphs: (text: unknown) =>
    new Handlebars.SafeString(
      String(text ?? '')
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => `<p>${esc(p.replace(/\s*\n\s*/g, ' '))}</p>`)
        .join(''),
    ),
  /** Keeps an identifier on one line (and whole in text extraction): `{{nobreak patient.memberId}}`. */
  nobreak: (v: unknown) => new Handlebars.SafeString(`<span class="nobreak">${esc(v)}</span>`),
};
