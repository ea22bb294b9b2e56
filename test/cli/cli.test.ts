// The CLI as a user runs it: the built bin in a child process, one test per exit code.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/program.js';
import { buildCase, ROOT, samplePath, TODAY } from '../support/build-case.js';

const BIN = path.join(ROOT, 'dist', 'cli.js');
const work = makeTempDir('cli');
// Case files written here refer to the samples' attachments by relative path.
cpSync(path.join(ROOT, 'samples', 'attachments'), path.join(work, 'attachments'), { recursive: true });

function authpack(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, input, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function caseFile(name: string, content: string | object): string {
  const p = path.join(work, name);
  writeFileSync(p, typeof content === 'string' ? content : stringify(content));
  return p;
}

describe('authpack CLI', () => {
  it('exit 0: renders a packet, atomically, readable by the owner only', () => {
    const out = path.join(work, 'ok', 'packet.pdf');
    const r = authpack(['render', samplePath('gbm-initial.yaml'), '-o', out, '--date', TODAY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote .*packet\.pdf \(\d+ pages, \d+ KB[;)]/);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(out))).toEqual(['packet.pdf']);
    // The status line names no patient.
    expect(r.stderr).not.toContain('Núñez');
  });

  it('exit 0: the same case and date give the same bytes', () => {
    const a = path.join(work, 'a.pdf');
    const b = path.join(work, 'b.pdf');
    expect(authpack(['render', samplePath('gbm-initial.yaml'), '-o', a, '--date', TODAY]).code).toBe(0);
    expect(authpack(['render', samplePath('gbm-initial.yaml'), '-o', b, '--date', TODAY]).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('exit 0: validate, schema, init and help', () => {
    expect(authpack(['validate', samplePath('gbm-initial.yaml'), samplePath('long-history.yaml'), '--date', TODAY]).code).toBe(0);
    const schema = authpack(['schema']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toMatchObject({ $schema: expect.stringContaining('json-schema.org'), required: expect.arrayContaining(['caseId', 'patient']) });
    const starter = authpack(['init']);
    expect(starter.code).toBe(0);
    expect(authpack(['validate', '-', '--date', TODAY], starter.stdout).code).toBe(0);
    expect(authpack(['--help']).code).toBe(0);
    expect(authpack(['render', '--help']).stdout).toContain('--templates <dir>');
  });

  it('exit 0: reads the case from stdin with -', () => {
    const out = path.join(work, 'stdin.pdf');
    const r = authpack(['render', '-', '-o', out, '--date', TODAY], readFileSync(samplePath('gbm-initial.yaml'), 'utf8'));
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('exit 2: usage errors', () => {
    expect(authpack([]).code).toBe(2);
    expect(authpack(['rendr', 'x.yaml']).code).toBe(2);
    expect(authpack(['rendr', 'x.yaml']).stderr).toContain('render');
    expect(authpack(['render']).code).toBe(2);
    expect(authpack(['render', 'x.yaml', '--bogus']).code).toBe(2);
    expect(authpack(['--format', 'xml', 'schema']).code).toBe(2);
  });

  it('exit 3: invalid cases name the field and write nothing', () => {
    const out = path.join(work, 'never.pdf');
    const bad = caseFile('bad-npi.yaml', buildCase((c) => (c.prescriber.npi = '1234567890')));
    const r = authpack(['render', bad, '-o', out, '--date', TODAY]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error\[validate\/invalid-value\] .*bad-npi\.yaml:\d+:\d+ → prescriber\.npi/);
    expect(r.stderr).toContain('check digit');
    expect(existsSync(out)).toBe(false);
    for (const [name, content] of [
      ['syntax.yaml', 'version: 1\npatient: [unclosed\n'],
      ['empty.yaml', ''],
      ['garbage.yaml', '\u0000\u0001\u0002binary'],
      ['types.yaml', stringify(buildCase((c) => ((c.request.requestedMonths = 'three'), (c.patient.dateOfBirth = '1961/04/02'))))],
    ] as const) {
      const res = authpack(['render', caseFile(name, content), '-o', out, '--date', TODAY]);
      expect(res.code, name).toBe(3);
      expect(res.stderr, name).toContain(name);
      expect(existsSync(out), name).toBe(false);
    }
    expect(authpack(['validate', caseFile('dates.yaml', buildCase((c) => (c.priorTherapies[1].end = '2001-01-01'))), '--date', TODAY]).code).toBe(3);
    const payer = authpack(['validate', caseFile('payer.yaml', buildCase((c) => (c.payer = 'generic-comercial'))), '--date', TODAY]);
    expect(payer.code).toBe(3);
    expect(payer.stderr).toMatch(/payer\.yaml:\d+:\d+ → payer/);
    expect(payer.stderr).toContain('Did you mean "generic-commercial"?');
  });

  it('exit 3: --format json prints the diagnostics for programs', () => {
    const bad = caseFile('json.yaml', buildCase((c) => (c.patient.sex = 'M')));
    const r = authpack(['--format', 'json', 'validate', bad, '--date', TODAY]);
    expect(r.code).toBe(3);
    const diagnostics = JSON.parse(r.stdout) as { code: string; path: string[]; place: { line: number } }[];
    expect(diagnostics[0]).toMatchObject({ code: 'validate/not-allowed', path: ['patient', 'sex'], place: { line: expect.any(Number) } });
  });

  it('exit 4: check and render refuse a case with preflight errors; --force renders a DRAFT', () => {
    const e0711 = caseFile('e0711.yaml', buildCase((c) => (c.items[0].hcpcs = 'E0711')));
    const check = authpack(['check', e0711, '--date', TODAY]);
    expect(check.code).toBe(4);
    expect(check.stderr).toMatch(/error\[preflight\/hcpcs-wrong-code\] .*e0711\.yaml:\d+:\d+ → items\[0\]\.hcpcs/);
    expect(check.stderr).toContain('E0766');
    const out = path.join(work, 'e0711.pdf');
    const refused = authpack(['render', e0711, '-o', out, '--date', TODAY]);
    expect(refused.code).toBe(4);
    expect(existsSync(out)).toBe(false);
    const forced = authpack(['render', e0711, '-o', out, '--date', TODAY, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('DRAFT');
    expect(existsSync(out)).toBe(true);
  });

  it('exit 3: a missing attachment file is an input problem for validate, check and render alike', () => {
    const missing = caseFile('check-attachment.yaml', buildCase((c) => (c.attachments[1].file = 'attachments/lost.pdf')));
    const out = path.join(work, 'check-attachment.pdf');
    for (const command of ['validate', 'check', 'render']) {
      const r = authpack([command, missing, '--date', TODAY, ...(command === 'render' ? ['-o', out] : [])]);
      expect(r.code, `${command}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(/error\[validate\/attachment-missing\] .*check-attachment\.yaml:\d+:\d+ → attachments\[1\]\.file/);
      expect(r.stderr).toContain('--attachments list');
    }
    expect(existsSync(out)).toBe(false);
    // Sent separately: no command looks for the file.
    for (const command of ['validate', 'check']) expect(authpack([command, missing, '--date', TODAY, '--attachments', 'list']).code).toBe(0);
    expect(authpack(['render', missing, '-o', out, '--date', TODAY, '--attachments', 'list']).code).toBe(0);
  });

  it('exit 4: check reads the attachments too (a damaged file is an error there, exit 5 in render)', () => {
    cpSync(path.join(ROOT, 'test', 'fixtures', 'attachments', 'damaged.pdf'), path.join(work, 'attachments', 'damaged.pdf'));
    const damaged = caseFile('check-damaged.yaml', buildCase((c) => (c.attachments[1].file = 'attachments/damaged.pdf')));
    expect(authpack(['validate', damaged, '--date', TODAY]).code).toBe(0);
    const r = authpack(['check', damaged, '--date', TODAY]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/error\[assemble\/attachment-damaged\] .*check-damaged\.yaml:\d+:\d+ → attachments\[1\]\.file/);
    expect(authpack(['render', damaged, '-o', path.join(work, 'check-damaged.pdf'), '--date', TODAY]).code).toBe(5);
  });

  it('exit 0 / 4: check --strict treats warnings as errors', () => {
    const warn = caseFile('warn.yaml', buildCase((c) => (c.diagnoses[0].description = 'Malignant neoplasm of cerebellum')));
    expect(authpack(['check', warn, '--date', TODAY]).code).toBe(0);
    expect(authpack(['check', warn, '--date', TODAY, '--strict']).code).toBe(4);
  });

  it('lists and shows payer profiles', () => {
    const list = authpack(['payers']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('generic-commercial');
    const show = authpack(['payers', 'show', 'generic-commercial']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('id: generic-commercial');
    expect(authpack(['payers', 'show', 'nope']).code).toBe(3);
  });

  it('exit 5: a template that reads a missing field fails with the template line, and writes nothing', () => {
    const dir = path.join(work, 'tpl');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'signature.hbs'), '<div class="signature">\n<p>{{prescriber.pager}}</p>\n</div>\n');
    const out = path.join(work, 'tpl.pdf');
    const r = authpack(['render', samplePath('gbm-initial.yaml'), '-o', out, '--templates', dir, '--date', TODAY]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/compose\/missing-field\] .*signature\.hbs:2/);
    expect(existsSync(out)).toBe(false);
  });

  it('exit 5: a bad attachment names the file and the reason, and nothing is written', () => {
    writeFileSync(path.join(work, 'attachments', 'scan.pdf'), 'this is not a PDF');
    const bad = caseFile('bad-attachment.yaml', buildCase((c) => (c.attachments[0].file = 'attachments/scan.pdf')));
    const out = path.join(work, 'bad-attachment.pdf');
    const r = authpack(['render', bad, '-o', out, '--date', TODAY]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/error\[assemble\/attachment-not-supported\] .*bad-attachment\.yaml:\d+:\d+ → attachments\[0\]\.file/);
    expect(r.stderr).toContain('attachments/scan.pdf');
    expect(existsSync(out)).toBe(false);
    // Listing instead of merging does not need the file.
    expect(authpack(['render', bad, '-o', out, '--date', TODAY, '--attachments', 'list']).code).toBe(0);
  });

  it('--split writes numbered parts when the payer budget is exceeded', () => {
    const payers = path.join(work, 'payers');
    cpSync(path.join(ROOT, 'templates', 'payers', 'example-health-plan'), path.join(payers, 'tiny-plan'), { recursive: true });
    const profile = path.join(payers, 'tiny-plan', 'profile.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('id: example-health-plan', 'id: tiny-plan').replace('maxPages: 200', 'maxPages: 6'));
    const demo = path.join(ROOT, 'samples', 'attachments-demo.yaml');
    const out = path.join(work, 'split', 'packet.pdf');
    const over = authpack(['render', demo, '-o', out, '--date', TODAY, '--payers', payers, '--payer', 'tiny-plan']);
    expect(over.code).toBe(5);
    expect(over.stderr).toContain('--split');
    const split = authpack(['render', demo, '-o', out, '--date', TODAY, '--payers', payers, '--payer', 'tiny-plan', '--split']);
    expect(split.code).toBe(0);
    const files = readdirSync(path.dirname(out)).sort();
    expect(files.length).toBeGreaterThan(1);
    expect(files[0]).toBe(`packet-part1-of-${files.length}.pdf`);
  });

  it('form-fields lists a form\'s fields and types', () => {
    const r = authpack(['form-fields', path.join(ROOT, 'templates', 'payers', 'example-health-plan', 'form.pdf')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/request_type\s+radio\s+options: new, renewal/);
    expect(r.stdout).toMatch(/member_name\s+text/);
    expect(authpack(['form-fields', samplePath('gbm-initial.yaml')]).code).toBe(3);
  });

  it('exit 6: an output path that cannot be written', () => {
    const file = caseFile('not-a-dir', 'x');
    const r = authpack(['render', samplePath('gbm-initial.yaml'), '-o', path.join(file, 'packet.pdf'), '--date', TODAY]);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('Cannot write');
  });

  it('exit 1: an unexpected failure is reported as a bug, not as bad input', async () => {
    const err: string[] = [];
    const code = await runCli(['schema'], { out: () => { throw new Error('stdout closed'); }, err: (s) => err.push(s) });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('internal error');
  });
});
