import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { InputError } from '../../src/diagnostics/errors.js';
import { loadCase, parseCaseText } from '../../src/load/load-case.js';
import { MAX_CASE_BYTES, MAX_CASE_VALUES } from '../../src/load/limits.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { scanYaml } from '../../src/load/scan-yaml.js';
import { samplePath } from '../support/build-case.js';
import { catchError } from '../support/catch-error.js';
import { aliasBomb, deepBlock, deepFlow, deepJson, manyKeys, oversized } from '../hostile/make-input.js';

const failure = (fn: () => unknown) => catchError(InputError, fn);

describe('loadCase', () => {
  const dir = makeTempDir('load');
  const file = (name: string, content: string | Uint8Array) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('reads YAML and JSON and remembers where each value came from', () => {
    const yaml = loadCase(file('a.yaml', 'version: 1\npatient:\n  firstName: José\n'));
    expect(yaml.raw).toEqual({ version: 1, patient: { firstName: 'José' } });
    expect(yaml.source.locate(['patient', 'firstName'])).toMatchObject({ line: 3, column: 14 });
    const json = loadCase(file('a.json', '{\n  "version": 1,\n  "caseId": "X"\n}'));
    expect(json.raw).toEqual({ version: 1, caseId: 'X' });
    expect(json.source.locate(['caseId'])).toMatchObject({ line: 3 });
    expect(yaml.baseDir).toBe(dir);
  });

  it('keeps the leading zero of unquoted ZIP codes and dates as text', () => {
    const { raw } = parseCaseText('postalCode: 04101\ndate: 2026-12-01\n', 'x.yaml');
    expect(raw).toEqual({ postalCode: '04101', date: '2026-12-01' });
  });

  it('reports a YAML syntax error with its line', () => {
    const err = failure(() => loadCase(file('bad.yaml', 'version: 1\npatient:\n  firstName: "José\n  lastName: x\n')));
    expect(err.diagnostics[0]).toMatchObject({ code: 'load/unparsable', place: { file: expect.stringContaining('bad.yaml'), line: expect.any(Number) } });
    expect(err.diagnostics[0]?.hint).toMatch(/syntax/);
  });

  it('rejects an empty file, binary garbage, a list and a missing file with a clear message', () => {
    expect(failure(() => loadCase(file('empty.yaml', '  \n'))).diagnostics[0]?.message).toMatch(/is empty/);
    expect(failure(() => loadCase(file('garbage.yaml', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x01])))).diagnostics[0]?.code).toBe('load/not-text');
    expect(failure(() => loadCase(file('latin1.yaml', new Uint8Array([0x61, 0x3a, 0x20, 0xe9])))).diagnostics[0]?.code).toBe('load/not-text');
    expect(failure(() => loadCase(file('list.yaml', '- a\n- b\n'))).diagnostics[0]?.message).toMatch(/holds a list, not a case/);
    expect(failure(() => loadCase(path.join(dir, 'nope.yaml'))).diagnostics[0]?.message).toMatch(/does not exist/);
  });

  it('rejects duplicate keys', () => {
    expect(failure(() => parseCaseText('caseId: A\ncaseId: B\n', 'dup.yaml')).diagnostics[0]?.place?.line).toBe(2);
  });
});

describe('loadCase: what it reads, and how much', () => {
  const dir = makeTempDir('load-limits');
  const at = (name: string) => path.join(dir, name);

  it('refuses a FIFO at once (opening it cannot hang), a device, a link to a device and a folder', () => {
    execFileSync('mkfifo', [at('pipe.yaml')]);
    const fifo = failure(() => loadCase(at('pipe.yaml')));
    expect(fifo.diagnostics[0]).toMatchObject({ code: 'load/not-a-file', place: { file: at('pipe.yaml') } });
    expect(fifo.diagnostics[0]?.message).toMatch(/named pipe \(FIFO\)/);
    expect(failure(() => loadCase('/dev/zero')).diagnostics[0]?.message).toMatch(/\/dev\/zero is a device/);
    symlinkSync('/dev/zero', at('zero.yaml'));
    expect(failure(() => loadCase(at('zero.yaml'))).diagnostics[0]?.code).toBe('load/not-a-file');
    mkdirSync(at('folder.yaml'));
    expect(failure(() => loadCase(at('folder.yaml'))).diagnostics[0]?.message).toMatch(/is a folder, not a file/);
  });

  it('refuses a file over the size limit, saying its size and the limit, and reads one at the limit', () => {
    writeFileSync(at('big.yaml'), oversized(MAX_CASE_BYTES + 1));
    const big = failure(() => loadCase(at('big.yaml'))).diagnostics[0]!;
    expect(big).toMatchObject({ code: 'load/too-large', place: { file: at('big.yaml') } });
    expect(big.message).toMatch(/is 4\.0 MiB; a case file may be at most 4\.0 MiB/);
    const exact = oversized(MAX_CASE_BYTES - 200);
    writeFileSync(at('exact.yaml'), exact + ' '.repeat(MAX_CASE_BYTES - Buffer.byteLength(exact)));
    expect(statSync(at('exact.yaml')).size).toBe(MAX_CASE_BYTES);
    expect(loadCase(at('exact.yaml')).raw).toMatchObject({ version: 1, payer: 'generic-commercial' });
    expect(failure(() => parseCaseText('a'.repeat(MAX_CASE_BYTES + 1), 'text.yaml')).diagnostics[0]?.code).toBe('load/too-large');
  });
});

describe('parseCaseText: resource traps in YAML and JSON', () => {
  const fast = (fn: () => unknown) => {
    const t = performance.now();
    const err = failure(fn);
    expect(performance.now() - t).toBeLessThan(2000);
    return err.diagnostics[0]!;
  };

  it('refuses an alias bomb with exit 3, not a crash', () => {
    const d = fast(() => parseCaseText(aliasBomb(), 'bomb.yaml'));
    expect(d).toMatchObject({ code: 'load/too-many-aliases', place: { file: 'bomb.yaml' } });
    expect(fast(() => parseCaseText('a: *nowhere\n', 'alias.yaml'))).toMatchObject({ code: 'load/unparsable', message: expect.stringMatching(/alias.yaml is not valid YAML: Unresolved alias/) });
    // A few aliases are still fine.
    expect(parseCaseText('a: &x [1, 2]\nb: *x\n', 'ok.yaml').raw).toEqual({ a: [1, 2], b: [1, 2] });
  });

  it('refuses deep nesting before parsing, naming the line', () => {
    expect(fast(() => parseCaseText('['.repeat(1_000_000), 'flow.yaml'))).toMatchObject({ code: 'load/too-complex', place: { file: 'flow.yaml', line: 1 } });
    expect(fast(() => parseCaseText('- '.repeat(1_000_000), 'seq.yaml')).code).toBe('load/too-complex');
    expect(fast(() => parseCaseText(deepBlock(2000), 'block.yaml')).message).toMatch(/nested more than 32 levels deep/);
    expect(fast(() => parseCaseText(deepJson(100_000), 'deep.json')).code).toBe('load/too-complex');
    // The deepest a real case goes, with room to spare under extra:
    expect(() => parseCaseText(deepFlow(20), 'ok.yaml')).not.toThrow();
  });

  it('refuses too many values, lines or tokens quickly', () => {
    expect(fast(() => parseCaseText(manyKeys(MAX_CASE_VALUES + 10), 'keys.yaml')).message).toMatch(/holds more than 20,000 values/);
    expect(fast(() => parseCaseText(`[${'0,'.repeat(1_000_000)}]`, 'wide.json')).code).toBe('load/too-complex');
    expect(fast(() => parseCaseText(`${'\n'.repeat(2_000_000)}a: 1`, 'blank.yaml')).message).toMatch(/more than 100,000 lines/);
    expect(fast(() => parseCaseText(`[${','.repeat(2_000_000)}]`, 'commas.yaml')).message).toMatch(/separate pieces/);
  });

  it('counts the samples far below the limits, block scalars and all', () => {
    for (const name of ['gbm-initial.yaml', 'long-history.yaml']) {
      const shape = scanYaml(readFileSync(samplePath(name), 'utf8'), name);
      expect(shape.depth).toBeLessThanOrEqual(5);
      expect(shape.values).toBeLessThan(1000);
    }
    expect(scanYaml('a: |\n  [[[[ text\n  more\nb:\n  c:\n    d: 1\n', 'x.yaml')).toEqual({ depth: 3, values: 5 });
  });

  it('finds a duplicate key among thousands in linear time', () => {
    const text = `${Array.from({ length: 15_000 }, (_, i) => `k${i}: v`).join('\n')}\nk7: again\n`;
    const d = fast(() => parseCaseText(text, 'dup.yaml'));
    expect(d).toMatchObject({ code: 'load/unparsable', place: { line: 15_001 } });
    expect(d.message).toMatch(/`k7` twice .*first on line 8/);
  });

  it('YAML tags that make objects other than plain data are refused by the validator, not crashed on', () => {
    for (const [text, kind] of [['a: !!binary aGVsbG8=', 'Buffer'], ['a: !!set {x, y}', 'Set'], ['a: !!omap [b: 1]', 'Map']]) {
      const { raw } = parseCaseText(text!, 'tags.yaml');
      expect(validateCase(raw).diagnostics[0]?.message, text).toMatch(new RegExp(`\`a\` is a ${kind}, not plain data`));
    }
  });

  it('keeps numbers that would not survive as numbers as the text written', () => {
    const { raw } = parseCaseText('a: 1e5\nb: 0x1F\nc: 12345678901234567890\nd: .inf\ne: +5\nf: 0012\ng: 20.5\nh: -3\ni: 123456789\n', 'n.yaml');
    expect(raw).toEqual({ a: '1e5', b: '0x1F', c: '12345678901234567890', d: '.inf', e: '+5', f: '0012', g: 20.5, h: -3, i: 123456789 });
  });
});
