// Hostile text on the page: every field at its maximum length, a case ID or Bates prefix too long for the footer,
// Arabic script, and bidi control characters; run through the built CLI (npm run build first).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateCase } from '../../src/validate/validate-case.js';
import { TODAY } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';
import { runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';
import { caseYaml, checkHostile } from './run-hostile.js';
import { arabicNameCase, bidiControlCase, maxLengthCase, WW } from './make-text.js';

const tiny = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'attachments', 'tiny.png'));

describe('hostile text', () => {
  it('renders every field at its maximum length, warning about each value the header and footer shorten', async () => {
    await checkHostile({
      name: 'max-length fields',
      files: { 'case.yaml': () => stringify(maxLengthCase('generic-commercial')), 'tiny.png': tiny },
      args: ['render', 'case.yaml', '-o', 'out.pdf', '--date', TODAY, '--force', '--format', 'json'],
      exit: 0,
      mentions: ['layout/shortened', 'coverage.payerName', 'attachments[0].title'],
      absent: [],
      then: (run) => {
        const shortened = (JSON.parse(run.stdout) as { code: string; message: string; path?: unknown[] }[]).filter((d) => d.code === 'layout/shortened');
        expect(shortened.map((d) => d.path)).toContainEqual(['patient']);
        // Messages name the field, never repeat its value (a patient's name).
        for (const d of shortened) expect(d.message).not.toContain('WШ');
      },
    });
  });

  it('refuses a case ID longer than the footer and the index can hold (exit 3)', async () => {
    await checkHostile({ name: 'caseId of 33', files: { 'case.yaml': caseYaml(undefined, (c) => (c.caseId = WW(33))) }, args: ['render', 'case.yaml', '-o', 'out.pdf', '--date', TODAY], exit: 3, mentions: ['caseId', 'longer than 32'] });
  });

  it('refuses a Bates prefix that is too long or not an identifier (exit 2)', async () => {
    const dir = makeTempDir('text');
    writeFileSync(path.join(dir, 'case.yaml'), caseYaml());
    for (const prefix of [WW(33), 'PA 2026', '\u202EPA']) {
      const run = await runAuthpack(['render', 'case.yaml', '-o', 'out.pdf', '--date', TODAY, '--bates-prefix', prefix], { cwd: dir });
      expect(run.code, prefix).toBe(2);
      expect(run.stderr).toContain('--bates-prefix');
      expect(run.stderr).toContain('1 to 32 letters, digits');
      expect(existsSync(path.join(dir, 'out.pdf'))).toBe(false);
    }
  });

  it('refuses a phone number longer than 32 characters (exit 3)', async () => {
    await checkHostile({ name: 'long phone', files: { 'case.yaml': caseYaml(undefined, (c) => (c.prescriber.phone = `555 010 0200${' '.repeat(40)}.`)) }, args: ['validate', 'case.yaml', '--format', 'json'], exit: 3, mentions: [/"prescriber",\s*"phone"/, 'longer than 32'] });
  });

  it('refuses Arabic script with the field named and a hint to transliterate (exit 3)', async () => {
    await checkHostile({ name: 'Arabic name', files: { 'case.yaml': stringify(arabicNameCase()) }, args: ['render', 'case.yaml', '-o', 'out.pdf', '--date', TODAY], exit: 3, mentions: ['validate/unsupported-script', 'patient.lastName', 'Arabic', 'Latin letters'] });
  });

  it.each(['validate', 'check', 'render'])('removes bidi control characters with a warning naming the field (%s)', async (command) => {
    // The case's attachments are not in the test folder: every command is told they are sent separately.
    const args = command === 'render' ? ['render', 'case.yaml', '-o', 'out.pdf', '--date', TODAY, '--attachments', 'list'] : [command, 'case.yaml', '--date', TODAY, '--format', 'json', '--attachments', 'list'];
    const run = await checkHostile({
      name: `bidi controls, ${command}`,
      files: { 'case.yaml': stringify(bidiControlCase()) },
      args,
      exit: 0,
      mentions: ['validate/bidi-control-removed', 'patient.lastName', 'U+202E RIGHT-TO-LEFT OVERRIDE', 'patient.memberId', 'U+2067 RIGHT-TO-LEFT ISOLATE'],
      absent: [],
    });
    expect(`${run.stderr}${run.stdout}`).not.toMatch(/Sm.?ith|W123456789/); // the values themselves are never repeated
  });

  it('prints the cleaned value: the packet reads "Smith", not an overridden "htimS"', async () => {
    const { case: c, diagnostics } = validateCase(bidiControlCase(), { today: TODAY });
    expect(c?.patient.lastName).toBe('Smith');
    expect(c?.patient.memberId).toBe('W123456789');
    expect(diagnostics.filter((d) => d.code === 'validate/bidi-control-removed').map((d) => d.path)).toEqual([['patient', 'lastName'], ['patient', 'memberId']]);
    const { generatePacket } = await import('../../src/generate-packet.js');
    const { pages } = await extractText((await generatePacket(bidiControlCase(), { date: TODAY, attachments: 'list' })).bytes);
    expect(pages[0]).toContain('Smith');
  });
});
