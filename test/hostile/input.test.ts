// Hostile case input through the built CLI: resource traps in YAML/JSON, prototype keys, files that are not files,
// oversized input, impossible dates, and identity values that must never be echoed. Each is a documented exit code
// with a message naming the file or field, within bounded time and memory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkHostile, caseYaml } from './run-hostile.js';
import { aliasBomb, casesCsv, deepBlock, deepFlow, deepJson, IDENTITY_NEEDLES, identityInvalidCase, manyKeys, oversized, prototypeKeyJson, prototypeKeyYaml } from './make-input.js';
import { BIN, runAuthpack } from '../support/run-cli.js';

// Refusals happen while loading, long before any page is laid out: a few seconds even on a busy machine.
// (validate and check print a ✓/✗ status line the harness counts as foreign, so those run with --format json.)
const QUICK = { maxMs: 10_000, maxRssMiB: 400 };

beforeAll(() => {
  // The harness runs the built CLI.
  if (!existsSync(BIN)) throw new Error('run `npm run build --silent` first');
});

describe('hostile case input: YAML and JSON resource traps (exit 3)', () => {
  it('an alias bomb ("billion laughs")', async () => {
    await checkHostile({ name: 'alias bomb', files: { 'case.yaml': aliasBomb }, args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 3, mentions: ['case.yaml', /aliases .* expand to too many values/], ...QUICK });
  });

  it('a million nested flow lists', async () => {
    await checkHostile({ name: 'deep flow', files: { 'case.yaml': () => deepFlow(1_000_000) }, args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 3, mentions: [/case\.yaml:\d+/, 'nested more than 32 levels deep'], ...QUICK });
  });

  it('nesting by indentation, 2,000 levels', async () => {
    await checkHostile({ name: 'deep block', files: { 'case.yaml': () => deepBlock(2000) }, args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 3, mentions: [/case\.yaml:\d+/, 'nested more than 32 levels deep'], ...QUICK });
  });

  it('JSON nested 200,000 objects deep', async () => {
    await checkHostile({ name: 'deep json', files: { 'case.json': () => deepJson(200_000) }, args: ['check', 'case.json', '--format', 'json'], exit: 3, mentions: ['case.json', 'nested more than 32 levels deep'], ...QUICK });
  });

  it('200,000 keys', async () => {
    await checkHostile({ name: 'many keys', files: { 'case.yaml': () => manyKeys(200_000) }, args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 3, mentions: ['case.yaml', 'holds more than 20,000 values'], ...QUICK });
  });
});

describe('hostile case input: prototype keys (exit 3, naming the path)', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`\`${key}\` in YAML, at the top, in patient and under extra`, async () => {
      for (const where of ['top', 'patient', 'extra'] as const) {
        const field = where === 'top' ? key : `${where}.${key}`;
        await checkHostile({ name: `${key} in ${where}`, files: { 'case.yaml': prototypeKeyYaml(key, where) }, args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 3, mentions: [`→ ${field}`, /case\.yaml:\d+:\d+/, 'cannot be a field name'], ...QUICK });
      }
    });
  }

  it('`__proto__` in JSON', async () => {
    await checkHostile({ name: '__proto__ in json', files: { 'case.json': prototypeKeyJson('__proto__') }, args: ['validate', 'case.json', '--format', 'json'], exit: 3, mentions: ['"validate/forbidden-key"', '"__proto__"'], ...QUICK });
  });

  it('a CSV column `extra.__proto__.polluted` fails only its own row, with a report, and the batch goes on', async () => {
    await checkHostile({
      name: 'csv proto column',
      files: { 'rows.csv': casesCsv([{ 'extra.__proto__.polluted': 'yes' }, {}]) },
      args: ['batch', 'rows.csv', '-o', 'out', '--date', '2026-11-26', '--concurrency', '1'],
      exit: 7,
      mentions: ['rows.csv:2', 'cannot be a field name', '1 written', '1 failed'],
      maxMs: 30_000,
      then: (_run, dir) => {
        const report = readFileSync(path.join(dir, 'out', 'report.json'), 'utf8');
        expect(report).toContain('__proto__');
        expect(existsSync(path.join(dir, 'out', 'CSV-2.pdf'))).toBe(true);
        expect(existsSync(path.join(dir, 'out', 'CSV-1.pdf'))).toBe(false);
      },
    });
  });
});

describe('hostile case input: things that are not case files (exit 3)', () => {
  it('a FIFO: refused at once, without waiting for a writer', async () => {
    await checkHostile({ name: 'fifo', setup: (dir) => execFileSync('mkfifo', [path.join(dir, 'case.yaml')]), args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 3, mentions: ['case.yaml', 'named pipe (FIFO)'], ...QUICK });
  });

  it('/dev/zero, directly and through a link', async () => {
    await checkHostile({ name: '/dev/zero', args: ['validate', '/dev/zero', '--format', 'json'], exit: 3, mentions: ['/dev/zero is a device'], ...QUICK });
    await checkHostile({ name: 'link to /dev/zero', setup: (dir) => execFileSync('ln', ['-s', '/dev/zero', path.join(dir, 'case.yaml')]), args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 3, mentions: ['case.yaml is a device'], ...QUICK });
  });

  it('a folder', async () => {
    await checkHostile({ name: 'folder', setup: (dir) => mkdirSync(path.join(dir, 'case.yaml')), args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 3, mentions: ['case.yaml is a folder'], ...QUICK });
  });

  it('a 6 MB case file, and 6 MB on standard input', async () => {
    await checkHostile({ name: 'oversized file', files: { 'case.yaml': () => oversized(6_000_000) }, args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 3, mentions: ['case.yaml is 5.7 MiB; a case file may be at most 4.0 MiB'], ...QUICK });
    await checkHostile({ name: 'oversized stdin', input: oversized(6_000_000), args: ['render', '-', '-o', 'out.pdf'], exit: 3, mentions: ['<stdin> is larger than 4.0 MiB'], ...QUICK });
  });

  it('a valid case on standard input still works', async () => {
    await checkHostile({ name: 'stdin ok', input: caseYaml(), args: ['render', '-', '-o', 'out.pdf', '--date', '2026-11-26'], exit: 0, mentions: ['wrote out.pdf'], absent: [], maxMs: 20_000 });
  });
});

describe('hostile dates (exit 2)', () => {
  it('--date 2026-02-30, for render and batch', async () => {
    await checkHostile({ name: 'date render', files: { 'case.yaml': caseYaml() }, args: ['render', 'case.yaml', '-o', 'out.pdf', '--date', '2026-02-30'], exit: 2, mentions: ['--date', 'February 2026 has 28 days'], ...QUICK });
    await checkHostile({ name: 'date batch', files: { 'case.yaml': caseYaml() }, args: ['batch', 'case.yaml', '-o', 'out', '--date', '2026-02-30'], exit: 2, mentions: ['--date'], absent: ['out'], ...QUICK });
  });

  it('SOURCE_DATE_EPOCH=99999999999999999999, for render, check and batch', async () => {
    const env = { SOURCE_DATE_EPOCH: '99999999999999999999' };
    await checkHostile({ name: 'epoch render', files: { 'case.yaml': caseYaml() }, env, args: ['render', 'case.yaml', '-o', 'out.pdf'], exit: 2, mentions: ['SOURCE_DATE_EPOCH', 'whole number of seconds'], ...QUICK });
    await checkHostile({ name: 'epoch check', files: { 'case.yaml': caseYaml() }, env, args: ['check', 'case.yaml'], exit: 2, mentions: ['SOURCE_DATE_EPOCH'], ...QUICK });
    await checkHostile({ name: 'epoch batch', files: { 'case.yaml': caseYaml() }, env, args: ['batch', 'case.yaml', '-o', 'out'], exit: 2, mentions: ['SOURCE_DATE_EPOCH'], absent: ['out'], ...QUICK });
  });

  it('--date overrides SOURCE_DATE_EPOCH, so a bad one is not read', async () => {
    await checkHostile({ name: 'date wins', files: { 'case.yaml': caseYaml() }, env: { SOURCE_DATE_EPOCH: 'garbage' }, args: ['render', 'case.yaml', '-o', 'out.pdf', '--date', '2026-11-26'], exit: 0, mentions: ['wrote out.pdf'], absent: [], maxMs: 20_000 });
  });
});

describe('identity values stay out of messages', () => {
  it('a case with every identity field invalid: exit 3, each field named, no value repeated (human and JSON)', async () => {
    for (const format of ['human', 'json']) {
      await checkHostile({
        name: `identity ${format}`,
        files: { 'case.yaml': stringify(identityInvalidCase()) },
        args: ['render', 'case.yaml', '-o', 'out.pdf', '--date', '2026-11-26', '--format', format],
        exit: 3,
        mentions: ['patient.dateOfBirth', 'patient.memberId', 'patient.phone', 'coverage.subscriber.name'].map((p) => (format === 'json' ? p.split('.').at(-1)! : p)),
        ...QUICK,
        then: (run) => {
          for (const needle of IDENTITY_NEEDLES) expect(`${run.stdout}\n${run.stderr}`, needle).not.toContain(needle);
        },
      });
    }
  });

  it('the date of birth is not printed by the date rules either', async () => {
    const run = await runAuthpack(['validate', '-', '--date', '2026-11-26'], { input: caseYaml(undefined, (c) => (c.clinical.diagnosedOn = '1950-01-01')) });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/before the patient's date of birth/);
    expect(run.stderr).not.toContain('1961-04-02');
  });
});
