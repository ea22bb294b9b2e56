// The README's exit-code table is a contract other programs rely on: every code the CLI returns is in it, nothing
// else is, and each row's claims hold when the CLI is run (interrupts: test/hostile/output.test.ts and
// test/batch/signals.test.ts check 130 and 143 against the same table row).
import { constants } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/diagnostics/errors.js';
import { caseYaml } from './hostile/case-yaml.js';
import { ROOT, TODAY } from './support/build-case.js';
import { runAuthpack } from './support/run-cli.js';
import { makeTempDir } from './support/temp.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Exit codes'), readme.indexOf('\n## ', readme.indexOf('## Exit codes') + 1));
/** Code → the row's text, from `| 0 | Done … |` and `| 130, 143, 129 | Interrupted … |`. */
const rows = new Map<number, string>();
for (const m of section.matchAll(/^\| ([\d, ]+) \| (.+) \|$/gm)) for (const code of m[1]!.split(',')) rows.set(Number(code.trim()), m[2]!);

const dir = makeTempDir('exit-codes');
writeFileSync(path.join(dir, 'case.yaml'), caseYaml());
writeFileSync(path.join(dir, 'missing-attachment.yaml'), caseYaml('missing-scan.pdf'));
writeFileSync(path.join(dir, 'bad-attachment.yaml'), caseYaml('damaged-scan.pdf'));
writeFileSync(path.join(dir, 'damaged-scan.pdf'), '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
writeFileSync(path.join(dir, 'invalid.yaml'), caseYaml(undefined, (c) => ((c.caseId = 'PA-INVALID'), (c.prescriber.npi = '123'))));
const run = (...args: string[]) => runAuthpack(args, { cwd: dir });

describe("README's exit-code table", () => {
  it('lists exactly the codes authpack returns: ExitCode, and 128 + SIGINT, SIGTERM, SIGHUP', async () => {
    const signals = [constants.signals.SIGINT, constants.signals.SIGTERM, constants.signals.SIGHUP].map((n) => 128 + n);
    const codes = [...new Set([...Object.values(ExitCode), ...signals])].sort((a, b) => a - b);
    expect([...rows.keys()].sort((a, b) => a - b)).toEqual(codes);
    expect(rows.get(130)).toMatch(/SIGINT \(Ctrl-C\), SIGTERM or SIGHUP/);
  });

  it('2: bad option values, including an impossible --date', async () => {
    expect(rows.get(2)).toMatch(/bad option value/);
    expect(rows.get(2)).toContain('--date 2026-02-30');
    expect((await run('render', 'case.yaml', '--max-attachment-mb', 'lots')).code).toBe(2);
    expect((await run('render', 'case.yaml', '--date', '2026-02-30')).code).toBe(2);
    expect((await runAuthpack(['check', 'case.yaml'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '99999999999999999999' } })).code).toBe(2);
  });

  it('3: a missing or invalid case file, or a missing attachment file (in validate, check and render alike)', async () => {
    expect(rows.get(3)).toMatch(/missing.*fails validation/);
    expect(rows.get(3)).toMatch(/an attachment file that is not there \(missing, not a regular file, outside the case folder without `--allow-outside`\), in `validate`, `check` and `render` alike/);
    expect((await run('render', 'nope.yaml')).code).toBe(3);
    expect((await run('render', 'invalid.yaml', '--date', TODAY)).code).toBe(3);
    for (const command of ['validate', 'check', 'render']) expect((await run(command, 'missing-attachment.yaml', '--date', TODAY)).code).toBe(3);
  });

  it('5: an attachment that is there but cannot be used', async () => {
    expect(rows.get(5)).toMatch(/attachment that is there but cannot be used \(not a PDF\/PNG\/JPEG, encrypted, damaged/);
    expect((await run('render', 'bad-attachment.yaml', '-o', 'out.pdf', '--date', TODAY)).code).toBe(5);
  });

  it('6: -o refused (the case file itself, a device)', async () => {
    expect(rows.get(6)).toMatch(/`-o` is refused \(the case file, an attachment, not a regular file/);
    expect((await run('render', 'case.yaml', '-o', 'case.yaml', '--date', TODAY)).code).toBe(6);
    expect(readFileSync(path.join(dir, 'case.yaml'), 'utf8')).toBe(caseYaml());
    expect((await run('render', 'case.yaml', '-o', '/dev/null', '--date', TODAY)).code).toBe(6);
  });

  it('7: a batch in which some case failed', async () => {
    expect(rows.get(7)).toMatch(/Some cases of a batch/);
    const r = await run('batch', 'case.yaml', 'invalid.yaml', '-o', 'batch-out', '--date', TODAY, '--quiet');
    expect(r.code, r.stderr).toBe(7);
  });
});
