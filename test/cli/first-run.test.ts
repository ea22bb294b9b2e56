// What a coordinator meets first, through the built CLI: the starter case renders, validate/check/render agree, a
// render stopped by preflight says so in one closing line, and the packet says only what the case says about the
// payer's fax and a retroactive start.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { caseData } from '../hostile/make-input.js';
import { extractText } from '../support/extract-text.js';
import { TODAY, type RawCase } from '../support/build-case.js';
import { runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';

const dir = makeTempDir('first-run');
const run = (...args: string[]) => runAuthpack(args, { cwd: dir });
const write = (name: string, change?: (c: RawCase) => void) => writeFileSync(path.join(dir, name), stringify(caseData(change)));
const packetText = async (name: string) => (await extractText(new Uint8Array(readFileSync(path.join(dir, name))))).pages;

describe('the first commands a coordinator runs', () => {
  it('authpack init prints a case that validate, check and render accept as it is', async () => {
    const init = await run('init');
    expect(init.code).toBe(0);
    writeFileSync(path.join(dir, 'starter.yaml'), init.stdout);
    expect((await run('validate', 'starter.yaml', '--date', TODAY)).code).toBe(0);
    expect((await run('check', 'starter.yaml', '--date', TODAY)).code).toBe(0);
    const render = await run('render', 'starter.yaml', '-o', 'starter.pdf', '--date', TODAY);
    expect(render.code, render.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'starter.pdf'))).toBe(true);
    // The attachment example is there to copy, and says what to do with a document sent separately.
    expect(init.stdout).toMatch(/^# +- file: attachments\/pathology-report\.pdf/m);
    expect(init.stdout).toContain('--attachments list');
    expect(init.stdout).toMatch(/^attachments: \[\]$/m);
  });

  it('validate reports the unknown payer id with the other problems, in one run', async () => {
    write('two-problems.yaml', (c) => ((c.payer = 'generic-comercial'), (c.prescriber.npi = '1234567890')));
    const r = await run('validate', 'two-problems.yaml', '--date', TODAY);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error\[validate\/unknown-payer\] two-problems\.yaml:\d+:\d+ → payer\n.*\n {2}hint: Did you mean "generic-commercial"\?/);
    expect(r.stderr).toMatch(/error\[validate\/invalid-value\] two-problems\.yaml:\d+:\d+ → prescriber\.npi/);
    expect(r.stderr).toContain('invalid (2 errors, 0 warnings)');
  });

  it('a render that preflight stops ends with one line: nothing was written, --force makes a draft', async () => {
    write('blocked.yaml', (c) => (c.items[0].hcpcs = 'E0711'));
    const r = await run('render', 'blocked.yaml', '-o', 'blocked.pdf', '--date', TODAY);
    expect(r.code).toBe(4);
    expect(existsSync(path.join(dir, 'blocked.pdf'))).toBe(false);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^✗ blocked\.yaml: not rendered; nothing was written \(preflight found \d+ errors?\)\. Fix (it|them) and render again, or pass --force for a draft marked "DRAFT · NOT FOR SUBMISSION" on every page\.$/);
    expect(lines.filter((l) => l.startsWith('✗'))).toHaveLength(1);
    expect(r.stderr).toContain('error[preflight/hcpcs-wrong-code]');
    // Only the findings that need attention: the decision clock is check's business.
    expect(r.stderr).not.toContain('info[');
  });

  it('no payer fax: check and render warn, and the cover names coverage.payerFax', async () => {
    write('no-fax.yaml', (c) => delete c.coverage.payerFax);
    const check = await run('check', 'no-fax.yaml', '--date', TODAY);
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/warning\[preflight\/payer-fax-missing\] no-fax\.yaml:\d+:\d+ → coverage\.payerFax/);
    const render = await run('render', 'no-fax.yaml', '-o', 'no-fax.pdf', '--date', TODAY);
    expect(render.code).toBe(0);
    expect(render.stderr).toContain('warning[preflight/payer-fax-missing]');
    const [cover] = await packetText('no-fax.pdf');
    expect(cover).toMatch(/Fax +not stated: fill in/);
    expect(cover).toContain('coverage.payerFax');
    expect(cover).not.toContain('not on file\n');
  });

  it('the letter calls a request retroactive only when the case says so', async () => {
    const reason = 'Treatment began on the planned day while the plan was closed for the holiday.';
    write('retro.yaml', (c) => ((c.request.retroactive = true), (c.request.retroactiveReason = reason)));
    write('not-retro.yaml');
    const retro = await run('render', 'retro.yaml', '-o', 'retro.pdf', '--date', TODAY);
    const plain = await run('render', 'not-retro.yaml', '-o', 'not-retro.pdf', '--date', TODAY);
    expect([retro.code, plain.code]).toEqual([0, 0]);
    // Not marked: the past start is a warning, and the letter says nothing about it.
    expect(plain.stderr).toContain('warning[preflight/retroactive-request]');
    expect(retro.stderr).not.toContain('retroactive-request');
    const letter = (pages: string[]) => pages.join('\n').replace(/\s+/g, ' ');
    const start = (caseData().request as { requestedStart: string }).requestedStart.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1');
    expect(letter(await packetText('retro.pdf'))).toContain(`This is a retroactive request, for coverage from ${start}. ${reason}`);
    expect(letter(await packetText('not-retro.pdf'))).not.toMatch(/retroactive/i);
  });
});
