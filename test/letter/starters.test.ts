// `authpack init --kind device|drug|procedure`: each starter is valid, passes preflight and renders (attachments
// listed rather than merged, since the starter's files do not exist), and is the kind it says.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';
import { TODAY } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';

const work = makeTempDir('starters');

describe.each([
  ['device', 'HCPCS E0766'],
  ['drug', 'NDC 09999-0440-02'],
  ['procedure', 'CPT 72148'],
] as const)('authpack init --kind %s', (kind, code) => {
  it('prints a commented starter that validates and renders', async () => {
    const init = await runAuthpack(['init', '--kind', kind]);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(new RegExp(`^# authpack case file, format version 1: an? ${kind.toUpperCase()}`));
    const file = path.join(work, `${kind}.yaml`);
    writeFileSync(file, init.stdout);
    expect((await runAuthpack(['validate', file, '--date', TODAY])).code).toBe(0);
    const out = path.join(work, `${kind}.pdf`);
    const render = await runAuthpack(['render', file, '-o', out, '--date', TODAY, '--attachments', 'list']);
    expect(render.stderr).not.toMatch(/warning|error/);
    expect(render.code).toBe(0);
    const text = (await extractText(readFileSync(out))).pages.join('\n');
    expect(text).toContain(code);
    expect(parse(init.stdout).items).toHaveLength(1);
  });
});

describe('authpack init', () => {
  it('prints the device starter without --kind, and refuses an unknown kind with a usage error', async () => {
    expect((await runAuthpack(['init'])).stdout).toBe((await runAuthpack(['init', '--kind', 'device'])).stdout);
    const bad = await runAuthpack(['init', '--kind', 'implant']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('device, drug, procedure');
  });
});
