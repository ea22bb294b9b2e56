// Issue 10 §6: the README's profile guide walks through a new profile built only from the general evaluators
// (test/fixtures/payers/cedar-mutual-ra, a fictional step-therapy policy). The README shows the profile verbatim and
// the `check` output that the built CLI really prints, and the verdicts are the ones the policy gives.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT, type RawCase } from '../support/build-case.js';
import { runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PAYERS = path.join('test', 'fixtures', 'payers');
const PROFILE = readFileSync(path.join(ROOT, PAYERS, 'cedar-mutual-ra', 'profile.yaml'), 'utf8');
const SAMPLE = path.join('samples', 'biologic-step-therapy.yaml');
const guide = README.slice(README.indexOf('### How to write a payer profile'), README.indexOf('## Template authoring'));
const blocks = [...guide.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2]! }));

/** `authpack check` on the sample under the walkthrough profile (the README's `mypayers` is the fixture folder). */
async function check(file = SAMPLE, cwd = ROOT) {
  const r = await runAuthpack(['check', file, '--payers', path.join(ROOT, PAYERS), '--payer', 'cedar-mutual-ra', '--date', '2026-11-18'], { cwd });
  return { ...r, all: `${r.stdout}${r.stderr}` };
}
const verdicts = (out: string) => Object.fromEntries([...out.matchAll(/^ {4}(✓ met|✗ not met|\? not shown) +([a-z0-9-]+):/gm)].map((m) => [m[2], m[1]]));

/** The sample changed and written to a temporary folder (it has no attachments to carry along). */
function variant(change: (c: RawCase) => void): { dir: string; file: string } {
  const dir = makeTempDir('walkthrough');
  const raw = parse(readFileSync(path.join(ROOT, SAMPLE), 'utf8')) as RawCase;
  change(raw);
  const file = path.join(dir, 'case.yaml');
  writeFileSync(file, stringify(raw));
  return { dir, file };
}

describe('README walkthrough: a step-therapy profile from the general evaluators only (fictional policy CM-RX-212)', () => {
  it('shows the fixture profile verbatim, and uses no tumor-treating-fields evaluator', async () => {
    const yaml = blocks.find((b) => b.lang === 'yaml' && b.body.startsWith('id: cedar-mutual-ra'));
    expect(yaml?.body).toBe(PROFILE.slice(PROFILE.indexOf('id: cedar-mutual-ra')));
    const checks = [...PROFILE.matchAll(/check: ([a-z-]+)/g)].map((m) => m[1]);
    expect(new Set(checks)).toEqual(new Set(['diagnosis-in', 'age', 'measurement', 'step-therapy', 'attested', 'line-of-business']));
  });

  it('`payers show` reads it back with the defaults filled in', async () => {
    const r = await runAuthpack(['payers', 'show', 'cedar-mutual-ra', '--payers', PAYERS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('check: step-therapy');
    expect(r.stdout).toContain('wording: summary');
  });

  it('a bad parameter is an error that names the field', async () => {
    const dir = makeTempDir('walkthrough-bad');
    mkdirSync(path.join(dir, 'cedar-mutual-ra'));
    writeFileSync(path.join(dir, 'cedar-mutual-ra', 'profile.yaml'), PROFILE.replace('op: ">", value: 3.2', 'op: "above", value: 3.2'));
    const r = await runAuthpack(['payers', 'show', 'cedar-mutual-ra', '--payers', dir]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The payer profile field `criteria.initial.2.params.op` is not valid');
  });

  it('`check` on the sample prints what the README shows: six criteria met, the screening not shown (a warning)', async () => {
    const r = await check();
    expect(r.code).toBe(0);
    expect(verdicts(r.all)).toEqual({
      diagnosis: '✓ met',
      adult: '✓ met',
      'disease-activity': '✓ met',
      methotrexate: '✓ met',
      'two-csdmards': '✓ met',
      'tb-screening': '? not shown',
      'plan-type': '✓ met',
    });
    const shown = blocks.find((b) => b.body.startsWith('$ authpack check samples/biologic-step-therapy.yaml'))!.body;
    const lines = shown.split('\n').slice(1).filter((l) => l.trim() !== '' && l !== '…');
    expect(lines.length).toBeGreaterThan(10);
    const printed = new Set(r.all.split('\n').map((l) => l.replace(/\s+$/, '')));
    for (const l of lines) expect(printed, l).toContain(l);
  });

  it("with the clinician's attestation every criterion is met and nothing is left to warn about", async () => {
    const { dir } = variant((c) => (c.attestations = { 'tb-screening': 'Interferon-gamma release assay negative on 10/28/2026 (report in the chart).' }));
    const r = await check('case.yaml', dir);
    expect(r.code).toBe(0);
    expect(Object.values(verdicts(r.all))).toEqual(Array(7).fill('✓ met'));
    expect(r.all).toContain('0 errors, 0 warnings');
  });

  it('a continuation is judged by the continuation criterion, and a renewal over 12 months warns (authorization-limit)', async () => {
    const { dir } = variant((c) => {
      c.request.kind = 'continuation';
      c.request.requestedMonths = 18;
      c.clinical.measurements[0] = { name: 'DAS28-CRP (disease activity score)', value: 2.9, date: '2026-11-10' };
    });
    const r = await check('case.yaml', dir);
    expect(verdicts(r.all)).toEqual({ response: '✓ met' });
    expect(r.all).toContain('warning[preflight/authorization-limit]');
    expect(r.all).toContain('authorizes 12 months at a time for a renewal');
  });
});
