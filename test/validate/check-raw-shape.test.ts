import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/diagnostics/diagnostic.js';
import { parseCaseText } from '../../src/load/load-case.js';
import { rowToCase } from '../../src/batch/row-to-case.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { normalizeRaw } from '../../src/validate/normalize-raw.js';
import { caseData, flatRow, prototypeKeyJson, prototypeKeyYaml } from '../hostile/make-input.js';
import { TODAY } from '../support/build-case.js';

const errorsOf = (raw: unknown) => validateCase(raw, { today: TODAY }).diagnostics.filter((d) => d.severity === 'error');

/** Object.prototype, Array.prototype and Function.prototype are what a `__proto__` / `constructor.prototype` write reaches. */
function expectNoPollution(): void {
  for (const proto of [Object.prototype, Array.prototype, Function.prototype]) {
    expect(Object.getOwnPropertyNames(proto)).not.toContain('polluted');
    expect(Object.getOwnPropertyNames(proto)).not.toContain('x');
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('prototype keys', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`refuses \`${key}\` from YAML at the top, in a group and under extra, naming the path and line`, () => {
      for (const where of ['top', 'patient', 'extra'] as const) {
        const { raw, source } = parseCaseText(prototypeKeyYaml(key, where), 'case.yaml');
        const result = validateCase(raw, { today: TODAY, source });
        expectNoPollution();
        expect(result.case).toBeUndefined();
        const d = result.diagnostics.find((x) => x.code === 'validate/forbidden-key');
        expect(d, where).toBeDefined();
        expect(formatPath(d!.path)).toBe(where === 'top' ? key : `${where}.${key}`);
        expect(d!.place).toMatchObject({ file: 'case.yaml', line: expect.any(Number) });
        expect(d!.message).toContain(key);
      }
    });

    it(`refuses \`${key}\` from JSON and leaves every prototype untouched`, () => {
      const raw = JSON.parse(prototypeKeyJson(key)) as unknown;
      expect(errorsOf(raw).map((d) => formatPath(d.path))).toEqual(expect.arrayContaining([key, `patient.${key}`]));
      expectNoPollution();
    });
  }

  it('refuses a CSV column path through __proto__ or constructor.prototype without polluting the process', () => {
    for (const column of ['extra.__proto__.polluted', '__proto__.polluted', 'constructor.prototype.polluted', 'patient.__proto__.x']) {
      const row = { ...flatRow(), [column]: 'yes' };
      const raw = rowToCase(row);
      expectNoPollution();
      const forbidden = errorsOf(raw).filter((d) => d.code === 'validate/forbidden-key');
      expect(forbidden.length, column).toBeGreaterThan(0);
      expect(column.startsWith(formatPath(forbidden[0]!.path))).toBe(true);
    }
  });

  it('normalizeRaw defines a __proto__ key as a field instead of replacing the prototype', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const out = normalizeRaw(raw) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(out.polluted).toBeUndefined();
    expectNoPollution();
  });
});

describe('data that is not a plain, bounded tree', () => {
  it('refuses a loop, naming where it closes', () => {
    const raw = caseData();
    raw.extra = { self: raw };
    expect(errorsOf(raw).map((d) => [d.code, formatPath(d.path)])).toEqual([['validate/circular', 'extra.self']]);
  });

  it('refuses nesting deeper than 32 levels without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [d] = errorsOf(caseData((c) => (c.extra = { deep })));
    expect(d?.code).toBe('validate/too-deep');
  });

  it('refuses a sparse list by its length, without walking it', () => {
    const items: unknown[] = [];
    items[4_294_967_294] = { hcpcs: 'E0766', description: 'x' };
    const t = performance.now();
    const [d] = errorsOf(caseData((c) => (c.items = items)));
    expect(performance.now() - t).toBeLessThan(1000);
    expect(d).toMatchObject({ code: 'validate/too-many-values', path: ['items'] });
    const named = Object.assign([1], { note: 'x' });
    expect(errorsOf(caseData((c) => (c.extra = { named })))[0]?.code).toBe('validate/not-plain-data');
  });

  it('refuses more than 20,000 values', () => {
    const [d] = errorsOf(caseData((c) => (c.extra = { list: Array.from({ length: 25_000 }, (_, i) => i) })));
    expect(d?.code).toBe('validate/too-many-values');
  });

  it('refuses objects that are not plain data and a date object with no date', () => {
    expect(errorsOf(caseData((c) => (c.extra = { m: new Map([['a', 1]]) })))[0]?.message).toMatch(/`extra\.m` is a Map, not plain data/);
    expect(errorsOf(caseData((c) => (c.extra = { b: Buffer.alloc(10_000_000) })))[0]?.code).toBe('validate/not-plain-data');
    expect(errorsOf(caseData((c) => (c.signature.date = new Date('nope'))))[0]?.code).toBe('validate/invalid-value');
  });

  it('shows the first 100 problems of a case with thousands, and says how many more', () => {
    const raw = caseData((c) => (c.priorTherapies = Array.from({ length: 2000 }, () => ({}))));
    const found = validateCase(raw, { today: TODAY }).diagnostics;
    expect(found).toHaveLength(101);
    expect(found[100]).toMatchObject({ code: 'validate/too-many-problems' });
    expect(found[100]!.message).toMatch(/and 9,900 more problems/);
  });
});
