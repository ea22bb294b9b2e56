import { describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../src/diagnostics/errors.js';
import { UsageError as PublicUsageError } from '../src/index.js';
import { generatePacket } from '../src/generate-packet.js';
import { isoDay, parsePacketDate, resolvePacketDate } from '../src/packet-date.js';
import { runCli } from '../src/cli/program.js';
import { buildCase, SAMPLES_DIR, samplePath } from './support/build-case.js';
import { catchError } from './support/catch-error.js';

const usage = (fn: () => unknown) => catchError(UsageError, fn).diagnostics[0]!;

describe('the packet date', () => {
  it('reads calendar days and ISO timestamps with a time zone', () => {
    expect(parsePacketDate('2024-02-29').toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(parsePacketDate('2026-11-20T09:30:00Z').toISOString()).toBe('2026-11-20T09:30:00.000Z');
    expect(parsePacketDate('2026-11-20T23:30+02:00').toISOString()).toBe('2026-11-20T21:30:00.000Z');
    expect(isoDay(resolvePacketDate(undefined, { SOURCE_DATE_EPOCH: '1795600000' }))).toBe('2026-11-25');
    // An empty variable is unset.
    expect(resolvePacketDate(undefined, { SOURCE_DATE_EPOCH: ' ' }).getTime()).toBeGreaterThan(0);
  });

  it('refuses days that do not exist instead of rolling over', () => {
    expect(usage(() => parsePacketDate('2026-02-30'))).toMatchObject({ code: 'usage/bad-date', message: expect.stringMatching(/"2026-02-30" is not a calendar day: February 2026 has 28 days/) });
    expect(usage(() => parsePacketDate('2026-02-29')).message).toMatch(/28 days/);
    expect(usage(() => parsePacketDate('2026-13-01')).message).toMatch(/month 13/);
    expect(usage(() => parsePacketDate('2026-04-31')).message).toMatch(/April 2026 has 30 days/);
    expect(usage(() => parsePacketDate('2026-11-20T24:00:00Z')).message).toMatch(/time that does not exist/);
    expect(usage(() => parsePacketDate('0001-01-01')).message).toMatch(/before 1900/);
    expect(usage(() => parsePacketDate('9999-12-31T23:00:00-05:00')).message).toMatch(/after the year 9999/);
  });

  it('refuses other forms: local times (no zone), words, numbers; and shows control characters escaped', () => {
    for (const text of ['2026-11-20T09:30', 'next tuesday', '20261120', '1e9', '', '2026-11-20 noon']) expect(usage(() => parsePacketDate(text)).code).toBe('usage/bad-date');
    expect(usage(() => parsePacketDate('\u001b[31m')).message).toContain('"\\u001b[31m"');
    expect(usage(() => resolvePacketDate(new Date('nope'))).code).toBe('usage/bad-date');
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds within the years 1970–9999', () => {
    for (const value of ['99999999999999999999', '253402300800', '-1', '1.5', '1e9', 'yesterday', '0x10']) {
      const d = usage(() => resolvePacketDate(undefined, { SOURCE_DATE_EPOCH: value }));
      expect(d.code, value).toBe('usage/bad-source-date-epoch');
      expect(d.message).toContain('SOURCE_DATE_EPOCH');
    }
    expect(isoDay(resolvePacketDate(undefined, { SOURCE_DATE_EPOCH: '253402300799' }))).toBe('9999-12-31');
    // --date wins over the environment.
    expect(isoDay(resolvePacketDate('2026-11-20', { SOURCE_DATE_EPOCH: 'bad' }))).toBe('2026-11-20');
  });

  it('generatePacket refuses an impossible date with a UsageError (exit 2), exported for library users', async () => {
    const err = await generatePacket(buildCase(), { baseDir: SAMPLES_DIR, date: '2026-02-30' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublicUsageError);
    expect((err as UsageError).exitCode).toBe(ExitCode.usage);
  });

  it('every command with --date refuses a bad one with exit 2 and a diagnostic', async () => {
    for (const argv of [
      ['validate', samplePath('gbm-initial.yaml'), '--date', '2026-02-30'],
      ['check', samplePath('gbm-initial.yaml'), '--date', '2026-02-30'],
      ['render', samplePath('gbm-initial.yaml'), '--date', '2026-02-30', '-o', 'never.pdf'],
      ['batch', samplePath('gbm-initial.yaml'), '-o', 'never', '--date', '2026-02-30'],
      ['demo', '--out', 'never', '--date', '2026-02-30'],
    ]) {
      const err: string[] = [];
      const code = await runCli(argv, { out: () => {}, err: (s) => err.push(s) });
      expect(code, argv[0]).toBe(ExitCode.usage);
      expect(err.join('\n')).toMatch(/error\[usage\/bad-date\][\s\S]*February 2026 has 28 days/);
    }
  });
});
