// The quick reading of a YAML case (src/load/fast-yaml.ts) gives exactly the data of the full reading, or declines:
// on every sample, on the YAML forms people write (block scalars, quotes and escapes, flow collections, numbers as
// typed, YAML 1.2 booleans and nulls), and on what it must leave to the full reading (anchors, tags, duplicate keys,
// numbers that do not print back as typed). Places for diagnostics still name the right line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuickly } from '../../src/load/fast-yaml.js';
import { parseCaseText } from '../../src/load/load-case.js';

const samples = path.join(import.meta.dirname, '..', '..', 'samples');

function numbersOf(raw: unknown, source: ReturnType<typeof parseCaseText>['source']): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const walk = (v: unknown, at: (string | number)[]) => {
    if (typeof v === 'number') out.set(at.join('/'), source.numberText?.(at));
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...at, Array.isArray(v) ? Number(k) : k]);
  };
  walk(raw, []);
  return out;
}

/** Both readings of `text`; `quick` is undefined when the quick reading declined. What the full reading refuses,
 * the quick one must decline (so that the full reading's message is what the user sees). */
function both(text: string) {
  let full: ReturnType<typeof parseCaseText> | undefined;
  try {
    full = parseCaseText(text, 'case.yaml', { quick: false });
  } catch {
    expect(readQuickly(text)).toBeUndefined();
    return { full, quick: undefined };
  }
  const quick = readQuickly(text);
  if (quick) {
    const read = parseCaseText(text, 'case.yaml');
    expect(read.raw).toStrictEqual(full.raw);
    expect(numbersOf(read.raw, read.source)).toStrictEqual(numbersOf(full.raw, full.source));
  }
  return { full, quick };
}

const wrap = (body: string) => `version: 1\ncaseId: T-1\n${body}\n`;

describe('the quick reading of a YAML case', () => {
  it('reads every sample exactly as the full reading does, without declining', () => {
    const files = readdirSync(samples).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const { quick } = both(readFileSync(path.join(samples, f), 'utf8'));
      expect(quick, f).toBeDefined();
    }
  });

  it.each([
    ['block scalars with every chomping', 'a: |\n  one\n  two\n\nb: |-\n  kept\n\nc: |+\n  trail\n\nd: >\n  folded\n  line\n\n  para\ne: >-\n  x\n   more indented\n  y\n'],
    ['quotes and escapes', `a: "tab\\there \\x41 \\u00e9 \\U0001F600 \\N \\_ \\\\ \\"q\\""\nb: 'it''s'\nc: "line\n  folded"\nd: 'multi\n\n  para'`],
    ['plain scalars over lines, with comments', 'a: this is\n  one value # not this\nb: x#y\nc: "a: b"\nd: k: v is text?'],
    ['flow collections', 'a: [1, two, "3", {x: y}]\nb: {c: [], d: {}}\nc: [a, b, ]'],
    ['numbers as typed', 'a: 72148\nb: 04101\nc: 1e5\nd: 0x1F\ne: .inf\nf: -.5\ng: 1_000\nh: +5\ni: 12345678901234567890\nj: 3.25\nk: -17\nl: 0\nm: 1.\nn: .NaN\no: 0o17'],
    ['booleans and nulls of YAML 1.2', 'a: true\nb: True\nc: TRUE\nd: yes\ne: no\nf: on\ng: ~\nh: null\ni: NULL\nj:\nk: Null\nl: n\nm: FALSE'],
    ['keys of every kind', '123: a\nTrue: b\n<<: d\n__proto__: e\n"quoted key": f\n1.5: g\n-7: h'],
    ['a key written as a number in another form', '0123: h\n0x1F: i'],
    ['a null key', 'null: c\n~: d'],
    ['sequences, nested and compact', 'a:\n- x\n- - y\n  - z\n- k: v\n  l: w\nb:\n  - 1\n  -\n    - 2'],
    ['dates, times and text that looks like other things', 'a: 2026-01-15\nb: 2026-01-15T10:00:00Z\nc: 12:30\nd: =\ne: "null"\nf: "12"\ng: -\nh: Smith & Nephew'],
    ['a document start and end marker', '---\na: 1\n...\n'],
    ['text the full reading refuses', 'd: k: v\ng: -\nh: x'],
    ['keys that are the same number written twice', 'a:\n  123: x\n  0123: y\nb:\n  0x10: x\n  16: y\nc:\n  "5": x\n  5: y'],
    ['Windows line endings and non-ASCII text', 'a: Ünïcödé – “quotes” 😀\r\nb: |\r\n  crlf\r\n  body\r\n'],
  ])('%s: the same data, or the full reading decides', (_name, body) => {
    const text = body.startsWith('---') ? body.replace('---\n', `---\n${wrap('')}`) : wrap(body);
    const { full } = both(text);
    if (full) expect(full.raw).toBeTypeOf('object');
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x'],
    ['a tag', 'a: !!str 12'],
    ['a directive', '%YAML 1.1\n---\na: yes'],
    ['a complex key', '? [a, b]\n: c'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['a syntax error', 'a: [1, 2\nb: 3'],
    ['a number with a trailing zero', 'a: 20.50'],
    ['minus zero', 'a: -0'],
    ['two documents', 'a: 1\n---\nb: 2'],
  ])('declines %s', (_name, body) => {
    expect(readQuickly(wrap(body))).toBeUndefined();
  });

  it('gives the line and column of a field for diagnostics, and the number as typed', () => {
    const text = wrap('patient:\n  lastName: Doe\nprescriber:\n  npi: 1234567893\n  name: Dr X');
    const read = parseCaseText(text, 'case.yaml');
    expect(readQuickly(text)).toBeDefined();
    const full = parseCaseText(text, 'case.yaml', { quick: false });
    expect(read.source.locate(['prescriber', 'npi'])).toEqual({ file: 'case.yaml', line: 6, column: 8 });
    expect(read.source.locate(['prescriber', 'name'], { key: true })).toEqual({ file: 'case.yaml', line: 7, column: 3 });
    for (const at of [['prescriber', 'missing'], ['patient'], ['nothing', 'here']]) expect(read.source.locate(at)).toEqual(full.source.locate(at));
    expect(read.source.numberText?.(['prescriber', 'npi'])).toBe('1234567893');
    expect(read.source.numberText?.(['patient', 'lastName'])).toBeUndefined();
  });
});
