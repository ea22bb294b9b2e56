// Template helpers for dates, phone numbers, names, codes and plurals; registered by name in handlebars-env.ts.
import Handlebars from 'handlebars';
import { findCode } from '../../codes/code-table.js';

type Person = { firstName?: string; middleName?: string; lastName?: string; suffix?: string; name?: string };
const isOptions = (v: unknown) => typeof v === 'object' && v !== null && 'hash' in (v as object) && 'data' in (v as object);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const esc = (s: unknown) => Handlebars.escapeExpression(String(s ?? ''));

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

/** Whole days from a to b. */
export function daysBetween(a: unknown, b: unknown): number {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) return NaN;
  return Math.round((Date.UTC(pb[0], pb[1] - 1, pb[2]) - Date.UTC(pa[0], pa[1] - 1, pa[2])) / 86_400_000);
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

export const formatHelpers: Record<string, Handlebars.HelperDelegate> = {
  date: (iso: unknown) => formatDate(iso),
  longDate: (iso: unknown) => formatLongDate(iso),
  phone: (v: unknown) => formatPhone(v),
  fullName: (p: unknown) => fullName(p),
  label: (v: unknown) => enumLabel(v),
  age: (dob: unknown, day: unknown) => ageOn(dob, day),
  daysBetween: (a: unknown, b: unknown) => daysBetween(a, b),
  weeksBetween: (a: unknown, b: unknown) => (daysBetween(a, b) / 7).toFixed(1),
  /** `{{plural 3 "page"}}` → "3 pages"; `{{plural n "diagnosis" "diagnoses"}}`. */
  plural: (n: unknown, singular: unknown, plural: unknown) => {
    const count = Number(n);
    const many = typeof plural === 'string' && !isOptions(plural) ? plural : `${String(singular)}s`;
    return `${count} ${count === 1 ? String(singular) : many}`;
  },
  /** Official description from the code table, else the one typed in the case. */
  codeDescription: (code: unknown, fallback: unknown) => findCode(String(code ?? ''))?.description ?? (isOptions(fallback) ? '' : String(fallback ?? '')),
  /** Lower-cases the first letter, for a description used mid-sentence ("Malignant neoplasm" → "malignant neoplasm"). */
  lowerFirst: (v: unknown) => { const s = String(v ?? ''); return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s; },
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
  /** The packet's total page count, filled in after pagination. */
  totalPages: () => new Handlebars.SafeString('<span class="field" data-field="total-pages"></span>'),
};
