// Issue 10 §5: `hcpcs-wrong-code` fires only when the request looks like tumor treating fields under another code,
// and a profile applies (and is cited) only for the codes or device families it declares.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCase } from '../../src/preflight/check-case.js';
import { loadPayer, listPayerIds } from '../../src/payers/load-payer.js';
import { payerProfileSchema } from '../../src/payers/payer-schema.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';
import { runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';
import { extractText } from '../support/extract-text.js';

const codes = (raw: RawCase, payer?: string) => checkCase(raw, { today: TODAY, ...(payer ? { payer } : {}) }).diagnostics;
const wrongCode = (raw: RawCase) => codes(raw).filter((d) => d.code === 'preflight/hcpcs-wrong-code');

/** A cancer patient's E0765 nausea device, the valid request that must not be flagged. */
function nausea(change?: (c: RawCase) => void): RawCase {
  return buildCase((c) => {
    c.payer = 'generic-commercial';
    c.items = [{ hcpcs: 'E0765', description: 'Nerve stimulator for chemotherapy-induced nausea and vomiting', quantity: 1 }];
    change?.(c);
  });
}

const cpap = () => parse(readFileSync(path.join(ROOT, 'samples', 'cpap-initial.yaml'), 'utf8')) as RawCase;

describe('hcpcs-wrong-code (codes.json wrongFor / recognisedBy)', () => {
  it('E0711 with a brain-tumour diagnosis (C71) is the wrong code and names E0766', async () => {
    const [d] = wrongCode(buildCase((c) => ((c.items[0].hcpcs = 'E0711'), (c.items[0].description = 'Device, includes all accessories'), delete c.items[0].brand)));
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('the diagnosis C71.1 is one E0766 is billed for');
    expect(d?.hint).toContain('change `hcpcs` to E0766');
  });

  it('E0765 for chemotherapy-induced nausea with a breast-cancer diagnosis is a valid request: clean', async () => {
    expect(wrongCode(nausea((c) => ((c.diagnoses = [{ code: 'C50.911', primary: true }]), delete c.clinical)))).toEqual([]);
  });

  it('E0765 for nausea in a glioblastoma patient (temozolomide nausea) is not flagged either', async () => {
    expect(wrongCode(nausea())).toEqual([]);
  });

  it('E0765 on an item named as tumor treating fields is flagged', async () => {
    const [d] = wrongCode(nausea((c) => (c.items[0].description = 'Optune tumor treating fields delivery system')));
    expect(d?.message).toMatch(/described as (Optune|tumor treating field)/);
  });

  it('E0745 for a lung-cancer patient described as a neuromuscular stimulator is clean; with a C71 diagnosis it is flagged', async () => {
    const lung = buildCase((c) => {
      c.payer = 'generic-commercial';
      c.diagnoses = [{ code: 'C34.90', primary: true }];
      delete c.clinical;
      c.items = [{ hcpcs: 'E0745', description: 'Neuromuscular stimulator for disuse atrophy', quantity: 1 }];
    });
    expect(wrongCode(lung)).toEqual([]);
    expect(wrongCode(buildCase((c) => (c.items[0].hcpcs = 'E0745')))).toHaveLength(1);
  });
});

describe('profile scope (appliesTo, appliesToFamilies)', () => {
  it('every TTF profile declares the tumor-treating-fields scope; generic-commercial covers every item', async () => {
    for (const id of ['anthem-cg-dme-44', 'centene-cp-mp-145', 'aetna-cpb-0827', 'uhc-ttf', 'bcbsa-1-01-29', 'medicare-dme']) {
      const p = loadPayer(id, []);
      expect(p.appliesTo, id).toContain('E0766');
      expect(p.appliesToFamilies, id).toEqual(['tumor-treating-fields']);
    }
    const generic = loadPayer('generic-commercial', []);
    expect([generic.appliesTo, generic.appliesToFamilies]).toEqual([[], []]);
    expect(listPayerIds([])).toContain('generic-commercial');
  });

  it('a CPAP request under a TTF profile gets a scope warning and no TTF criteria', async () => {
    const raw = cpap();
    const r = checkCase(raw, { today: TODAY, payer: 'anthem-cg-dme-44' });
    const scope = r.diagnostics.filter((d) => d.code === 'preflight/item-outside-profile-scope');
    expect(scope.map((d) => d.path)).toEqual([['items', 0], ['items', 1]]);
    expect(scope[0]?.severity).toBe('warning');
    expect(scope[0]?.message).toContain('HCPCS E0601');
    expect(r.criteria).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('preflight/indication-not-covered');
  });

  it('a family the code table does not know is a profile error that lists the known families', async () => {
    const bad = payerProfileSchema.safeParse({ id: 'x', version: '2026-12-01', displayName: 'X', appliesToFamilies: ['cpap'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('positive-airway-pressure');
    expect(payerProfileSchema.safeParse({ id: 'x', version: '2026-12-01', displayName: 'X', appliesToFamilies: ['positive-airway-pressure'] }).success).toBe(true);
  });

  it('A4555 (a TTF supply, family tumor-treating-fields) is in a TTF profile\'s scope', async () => {
    const raw = buildCase((c) => c.items.push({ hcpcs: 'A4555', description: 'Transducer arrays' }));
    expect(codes(raw).map((d) => d.code)).not.toContain('preflight/item-outside-profile-scope');
  });
});

describe('CLI: payers scope and revision, letter citation', () => {
  it('`authpack payers` shows each profile\'s scope and never a profile-writing date as a revision', async () => {
    const r = await runAuthpack(['payers']);
    expect(r.code).toBe(0);
    const line = (id: string) => r.stdout.split('\n').find((l) => l.startsWith(`${id} `)) ?? '';
    expect(line('anthem-cg-dme-44')).toContain('covers E0766; family tumor-treating-fields');
    expect(line('anthem-cg-dme-44')).toContain('revision not confirmed');
    expect(line('generic-commercial')).toContain('covers every item');
    expect(r.stdout).not.toMatch(/rev(ision|\.) 2026-1[12]/);
  });

  it('a CPAP request rendered under a TTF profile (Anthem CG-DME-44) cites no TTF policy in the letter, and warns', async () => {
    const out = path.join(makeTempDir('authpack-scope-'), 'cpap.pdf');
    const r = await runAuthpack(['render', 'samples/cpap-initial.yaml', '--payer', 'anthem-cg-dme-44', '-o', out, '--date', '2026-12-01']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning[preflight/item-outside-profile-scope]');
    const { pages } = await extractText(new Uint8Array(readFileSync(out)));
    const text = pages.join('\n');
    expect(text).not.toContain('CG-DME-44');
    expect(text).not.toMatch(/Tumor Treatment Field|Coverage criteria/);
  });
});
