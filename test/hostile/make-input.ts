// Hostile case files for the case-input tests: pure, deterministic generators (nothing binary is committed).
import { stringify as toCsv } from 'csv-stringify/sync';
import { buildCase, type RawCase } from '../support/build-case.js';
import { caseYaml } from './case-yaml.js';

/** A valid case as data (the one caseYaml writes: gbm-initial under generic-commercial, no attachments). */
export function caseData(change?: (c: RawCase) => void): RawCase {
  return buildCase((c) => {
    c.payer = 'generic-commercial';
    c.attachments = [];
    change?.(c);
  });
}

/** "Billion laughs": each level refers nine times to the level before, so expanding it would make 9^levels values. */
export function aliasBomb(levels = 9): string {
  const lines = ['  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= levels; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${caseYaml()}extra:\n${lines.join('\n')}\n`;
}

/** A valid case whose `extra` nests `depth` flow lists: `[[[[...]]]]`. */
export function deepFlow(depth: number): string {
  return `${caseYaml()}extra:\n  deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

/** Block nesting by indentation, one level a line (`k0:\n   k1:\n    k2: ...`) under `extra`. */
export function deepBlock(depth: number): string {
  const lines = Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 2)}k${i}:`);
  return `${caseYaml()}extra:\n${lines.join('\n')} end\n`;
}

/** JSON nested `depth` objects deep under `extra`: `{"a":{"a":...}}`. */
export function deepJson(depth: number): string {
  const json = JSON.stringify(caseData());
  return `${json.slice(0, -1)},"extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

/** A valid case with `count` keys under `extra`. */
export function manyKeys(count: number): string {
  return `${caseYaml()}extra:\n${Array.from({ length: count }, (_, i) => `  k${i}: v`).join('\n')}\n`;
}

/** A case whose YAML carries `key` (such as `__proto__`) at the top, inside `patient`, or inside `extra`. */
export function prototypeKeyYaml(key: string, where: 'top' | 'patient' | 'extra'): string {
  const base = caseYaml();
  if (where === 'top') return `${base}${key}:\n  polluted: true\n`;
  if (where === 'extra') return `${base}extra:\n  note: x\n  ${key}:\n    polluted: true\n`;
  return base.replace(/^patient:\n/m, `patient:\n  ${key}:\n    polluted: true\n`);
}

/** The same as JSON text, written by hand: a `__proto__` key set in JavaScript would not survive JSON.stringify. */
export function prototypeKeyJson(key: string): string {
  return JSON.stringify(caseData()).replace(/^\{/, `{"${key}":{"polluted":true},`).replace('"patient":{', `"patient":{"${key}":{"polluted":true},`);
}

/** A file of at least `bytes` bytes: a valid case followed by comment lines. */
export function oversized(bytes: number): string {
  const head = caseYaml();
  const line = `# ${'x'.repeat(97)}\n`;
  return head + line.repeat(Math.ceil((bytes - head.length) / line.length) + 1);
}

/** Identity values, each invalid and distinctive, that no message may repeat. */
export const IDENTITY_VALUES = {
  firstName: 'Zebulonius'.repeat(9),
  lastName: 7712345,
  dateOfBirth: '1961-02-31',
  memberId: `W-SECRET-${'Q'.repeat(40)}`,
  groupNumber: -987654,
  mbi: 'MBI-SECRET-12345',
  phone: '555-SECRET-PHONE',
  address: { line1: 'Hidden Lane 42 '.repeat(9), city: 42, state: 'Maine', postalCode: '0410X' },
  subscriber: 'Zoltan Private '.repeat(9),
} as const;

/** A case whose patient name, birth date, member ID, group, MBI, phone, address and subscriber are all invalid. */
export function identityInvalidCase(): RawCase {
  return caseData((c) => {
    const v = IDENTITY_VALUES;
    Object.assign(c.patient, { firstName: v.firstName, lastName: v.lastName, dateOfBirth: v.dateOfBirth, memberId: v.memberId, groupNumber: v.groupNumber, mbi: v.mbi, phone: v.phone, address: v.address });
    c.coverage.subscriber = { name: v.subscriber, relationship: 'self' };
  });
}

/** Pieces of those values; none may appear in any message or hint. */
export const IDENTITY_NEEDLES = ['Zebulonius', '7712345', '1961-02-31', 'SECRET', '987654', 'Hidden Lane', 'Maine', '0410X', 'Zoltan'];

/** A case as one CSV row of dotted column paths (`patient.lastName`, `items.0.modifiers` = "KF;KX"). */
export function flatRow(raw: RawCase = caseData()): Record<string, string> {
  const row: Record<string, string> = {};
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) row[p] = v.join(';');
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
    else if (v !== undefined && v !== null) row[p] = String(v);
  };
  walk(raw, '');
  return row;
}

/** A CSV of cases: every row is the valid case with a new case ID, plus the extra cells given for that row. */
export function casesCsv(extras: Record<string, string>[]): string {
  const rows = extras.map((extra, i) => ({ ...flatRow(), caseId: `CSV-${i + 1}`, ...extra }));
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return toCsv(rows, { header: true, columns });
}
