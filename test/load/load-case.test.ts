import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { InputError } from '../../src/diagnostics/errors.js';
import { loadCase, parseCaseText } from '../../src/load/load-case.js';
import { catchError } from '../support/catch-error.js';

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
