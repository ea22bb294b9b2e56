// Medicare fee-for-service has no prior authorization for E0766 (CMS Required Prior Authorization List, 42 CFR
// 414.234(c)(1), updated 2026-07-29: E0766 not listed; LCD L34823 / A52711 gatekeep by KX on the claim). A packet
// for `medicare-ffs` under a `claim-only` profile is claim documentation, under `adr-response` an ADR response:
// cover title, RE line, addressee and salutation change and nothing says "prior authorization".
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generatePacket } from '../../src/generate-packet.js';
import { builtInPayerDir } from '../../src/payers/load-payer.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';
import { makeTempDir } from '../support/temp.js';

const ffs = (change?: (c: RawCase) => void) =>
  buildCase((c) => {
    c.payer = 'medicare-dme';
    c.coverage.lineOfBusiness = 'medicare-ffs';
    delete c.coverage.payerName;
    c.patient.mbi = '1EG4TE5MK73';
    c.items[0].modifiers = ['KF', 'KX'];
    c.orders = { writtenOrderDate: '2026-08-12', deliveryDate: '2026-08-19' };
    change?.(c);
  });

async function text(raw: RawCase, payerDirs: string[] = []): Promise<{ all: string; cover: string; meta: string }> {
  const result = await generatePacket(raw, { date: TODAY, attachments: 'list', baseDir: ROOT, payerDirs, force: true });
  const { pages } = await extractText(result.bytes);
  const flat = (p: string) => p.replace(/\s+/g, ' ');
  return { all: flat(pages.join('\n')), cover: flat(pages[0]!), meta: Buffer.from(result.bytes).toString('latin1') };
}

const NO_PA = /prior authori[sz]ation|request for (continued |prior )?authori[sz]ation|re-?authori[sz]ation/i;

describe('Medicare fee-for-service packet framing (no prior authorization for E0766)', () => {
  it('claim-only: a Medicare documentation packet to the Medical Review Department, never a prior-authorization request', async () => {
    const { all, cover } = await text(ffs());
    expect(cover).toContain('Medicare Documentation Packet · Claim Documentation');
    expect(cover).toMatch(/To Medicare \(DME MAC jurisdiction\) From .* Medical Review Department/);
    expect(all).toContain('RE: Medicare claim documentation · initial coverage · Letter of medical necessity');
    expect(all).toContain('Medical Review Department Medicare (DME MAC jurisdiction)');
    expect(all).toContain('Dear Medical Reviewer:');
    expect(all).toMatch(/I am writing to document the medical necessity of tumor treating fields/);
    expect(all).not.toMatch(NO_PA);
    expect(all).not.toContain('Dear Medical Director');
    // A claim has no review urgency: the cover does not print one.
    expect(cover).not.toContain('Urgency');
  });

  it('claim-only continuation: continued coverage, use since therapy began', async () => {
    const raw = parse(readFileSync(path.join(ROOT, 'samples', 'gbm-continuation.yaml'), 'utf8')) as RawCase;
    Object.assign(raw, { payer: 'medicare-dme' });
    raw.coverage.lineOfBusiness = 'medicare-ffs';
    delete raw.coverage.payerName;
    raw.patient.mbi = '1EG4TE5MK73';
    const { all } = await text(raw);
    expect(all).toContain('RE: Medicare claim documentation · continued coverage');
    expect(all).toMatch(/I am writing to document the continued medical necessity of/);
    expect(all).toContain('Use and response since therapy began');
    expect(all).not.toMatch(NO_PA);
  });

  it('adr-response: titled as the response to an additional documentation request', async () => {
    const dir = makeTempDir('adr-profile');
    mkdirSync(path.join(dir, 'medicare-dme-adr'));
    const yaml = readFileSync(path.join(builtInPayerDir(), 'medicare-dme', 'profile.yaml'), 'utf8').replace(/^id: medicare-dme$/m, 'id: medicare-dme-adr').replace(/channel: claim-only/, 'channel: adr-response');
    writeFileSync(path.join(dir, 'medicare-dme-adr', 'profile.yaml'), yaml);
    const { all, cover } = await text(ffs((c) => (c.payer = 'medicare-dme-adr')), [dir]);
    expect(cover).toContain('Response to Additional Documentation Request · Fax Cover Sheet');
    expect(all).toContain('RE: Response to additional documentation request · initial coverage');
    expect(all).toMatch(/In response to the additional documentation request, I am writing to document the medical necessity of/);
    expect(all).not.toMatch(NO_PA);
  });

  it('commercial and Medicare Advantage packets stay prior-authorization requests', async () => {
    const commercial = await text(buildCase());
    expect(commercial.cover).toContain('Prior Authorization Request · Fax Cover Sheet');
    expect(commercial.all).toContain('RE: Request for prior authorization · Letter of medical necessity');
    expect(commercial.all).toContain('Dear Medical Director:');
    expect(commercial.cover).toMatch(/Urgency Standard/);
    const ma = await text(buildCase((c) => ((c.payer = 'medicare-advantage-ttf'), (c.coverage.lineOfBusiness = 'medicare-advantage'))));
    expect(ma.cover).toContain('Prior Authorization Request · Fax Cover Sheet');
    expect(ma.all).toMatch(/I am writing to request authorization of/);
  });
});
