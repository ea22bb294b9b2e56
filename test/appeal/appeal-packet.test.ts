// The appeal packet end to end: parts and enclosure order, the cover per level, each reason quoted and answered with
// Bates cites that resolve to the cited pages, the re-issued letter only without an original request, the
// peer-to-peer sheet on one page, the representative page only with a representative; requests are unchanged
// (the golden tests).
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generatePacket, type GenerateOptions } from '../../src/generate-packet.js';
import { PacketError } from '../../src/diagnostics/errors.js';
import { extractText } from '../support/extract-text.js';
import { ROOT, SAMPLES_DIR, TODAY, type RawCase } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';
import { buildAppealCase, DENIAL_FILE, EVIDENCE_FILE } from './appeal-case.js';

async function render(c: RawCase, options: GenerateOptions = {}) {
  const result = await generatePacket(c, { baseDir: SAMPLES_DIR, date: TODAY, ...options });
  const { pages, info } = await extractText(result.bytes);
  return { result, pages, info, text: pages.join('\n') };
}

async function failure(c: RawCase, options: GenerateOptions = {}): Promise<PacketError> {
  try {
    await generatePacket(c, { baseDir: SAMPLES_DIR, date: TODAY, ...options });
  } catch (err) {
    if (err instanceof PacketError) return err;
    throw err;
  }
  throw new Error('the render did not fail');
}

/** The packet page (1-based) whose footer carries a Bates id. */
const pageOfBates = (pages: string[], id: string) => pages.findIndex((p) => p.split('\n').some((line) => line.trim() === id)) + 1;
/** Flattens the extracted text so that a sentence broken across lines still matches. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('appeal packet', () => {
  it('orders the parts: cover, index, appeal letter, denial letter, re-issued letter, history, other records', async () => {
    const { result } = await render(buildAppealCase());
    const titles = result.parts.map((p) => p.title);
    expect(titles.slice(0, 6)).toEqual([
      'Fax cover sheet',
      'Packet index',
      'Appeal letter',
      'Enclosure 1: Denial notice',
      'Enclosure 2: Letter of medical necessity (re-issued with this appeal)',
      'Enclosure 3: Prior-therapy history',
    ]);
    expect(titles.at(-1)).toBe('Enclosure 11: Addendum pathology report');
    // Every part after the appeal letter starts where the one before it ends or later: page order is plan order.
    for (let i = 1; i < result.parts.length; i++) expect(result.parts[i]!.first).toBeGreaterThanOrEqual(result.parts[i - 1]!.last);
  });

  it('puts an original request in place of the re-issued letter, right after the denial letter', async () => {
    const { result, text } = await render(buildAppealCase((c) => {
      c.attachments.push({ file: 'attachments/standard-written-order.pdf', kind: 'original-request', title: 'Original request as sent', date: '2026-08-12' });
    }));
    const titles = result.parts.map((p) => p.title);
    expect(titles).not.toContain('Enclosure 2: Letter of medical necessity (re-issued with this appeal)');
    expect(result.parts.some((p) => p.id === 'letter')).toBe(false);
    expect(titles.slice(3, 6)).toEqual(['Enclosure 1: Denial notice', 'Enclosure 2: Original request as sent', 'Enclosure 3: Prior-therapy history']);
    expect(text).not.toContain('re-issued');
  });

  it('quotes each reason and answers it with its criterion, the response and evidence cited by Bates id', async () => {
    const { pages, text } = await render(buildAppealCase());
    const letter = flat(text);
    expect(letter).toContain('The denial states: “Concurrent temozolomide is not documented.”');
    expect(letter).toContain('The denial states: “Therapy start is beyond 7 weeks after chemoradiation.”');
    expect(letter).toContain('Criterion: Used with temozolomide as an adjunct. Met.');
    expect(letter).toContain('Criterion: Newly diagnosed GBM, after chemotherapy and radiation therapy.');
    expect(letter).toContain('Response: Temozolomide was given with radiation and continues as adjuvant therapy.');
    const cite = /Evidence, new since the original request: Enclosure 11, Addendum pathology report, page 2 \((PA-2026-0142-\d{4})\)/.exec(letter);
    expect(cite).not.toBeNull();
    // The cited Bates id is the page of this packet that holds page 2 of the attached report.
    const page = pageOfBates(pages, cite![1]!);
    expect(pages[page - 1]).toContain('Surgical Pathology Report - page 2 of 3');
    // The second reason's evidence is the whole enclosure, by its Bates id.
    const record = /Evidence: Enclosure 9, Temozolomide administration record, concurrent and adjuvant cycle 1 \((PA-2026-0142-\d{4})\)/.exec(letter);
    expect(pages[pageOfBates(pages, record![1]!) - 1]).toContain('Temozolomide');
  });

  it('cites a page range as a Bates range', async () => {
    const { pages, text } = await render(buildAppealCase((c) => (c.denial.reasons[0].evidence = [{ file: EVIDENCE_FILE, pages: '2-3' }])));
    const cite = /Addendum pathology report, pages 2-3 \((PA-2026-0142-(\d{4}))–(\d{4})\)/.exec(flat(text));
    expect(cite).not.toBeNull();
    expect(Number(cite![3]) - Number(cite![2])).toBe(1);
    expect(pages[pageOfBates(pages, cite![1]!) - 1]).toContain('page 2 of 3');
  });

  it('titles the cover and the letter for the level, with the denial reference and date', async () => {
    const cases: [string, string][] = [
      ['internal-appeal-1', 'Level 1 Appeal · Fax Cover Sheet'],
      ['external-review', 'Request for External Review · Fax Cover Sheet'],
      ['peer-to-peer', 'Peer-to-Peer Review Request · Fax Cover Sheet'],
    ];
    for (const [level, title] of cases) {
      const { pages, info } = await render(buildAppealCase((c) => (c.denial.level = level)));
      expect(pages[0]).toContain(title);
      expect(flat(pages[0]!)).toContain('Reference DN-55120');
      expect(flat(pages[0]!)).toContain('Denial date 11/02/2026');
      expect(flat(pages[0]!)).toContain('Denied request Request Initial request');
      expect(String(info.Title)).toContain(title.replace(' · Fax Cover Sheet', ''));
      expect(String(info.Keywords)).toContain('appeal');
      expect(String(info.Keywords)).not.toContain('prior authorization');
    }
  });

  it('sends the appeal to the case’s appeals fax first, then the profile’s, else names the field to fill in', async () => {
    const none = await render(buildAppealCase());
    expect(flat(none.pages[0]!)).toContain('not stated: fill in denial.appealsFax');
    const own = await render(buildAppealCase((c) => (c.denial.appealsFax = '+1 555 010 0977')));
    expect(own.pages[0]).toContain('(555) 010-0977');

    const dir = makeTempDir('appeal-payers');
    const profile = parse(readFileSync(path.join(ROOT, 'templates', 'payers', 'aetna-cpb-0827', 'profile.yaml'), 'utf8')) as RawCase;
    profile.appeals = { name: 'Appeals Unit (test)', fax: '+1 555 010 0988', source: { title: 'test', url: 'https://example.org/appeals', checked: '2026-11-01' } };
    mkdirSync(path.join(dir, 'aetna-cpb-0827'));
    writeFileSync(path.join(dir, 'aetna-cpb-0827', 'profile.yaml'), stringify(profile));
    const fromProfile = await render(buildAppealCase(), { payerDirs: [dir] });
    expect(fromProfile.pages[0]).toContain('(555) 010-0988');
    expect(fromProfile.pages[0]).toContain('Appeals Unit (test)');
    const caseFirst = await render(buildAppealCase((c) => (c.denial.appealsFax = '+1 555 010 0977')), { payerDirs: [dir] });
    expect(caseFirst.pages[0]).toContain('(555) 010-0977');
    expect(caseFirst.pages[0]).not.toContain('(555) 010-0988');
  });

  it('says when the case gives no answer to a reason, and warns', async () => {
    const { text, result } = await render(buildAppealCase((c) => c.denial.reasons.push({ text: 'Not medically necessary.' })));
    expect(flat(text)).toContain('“Not medically necessary.” The case gives no answer to this reason');
    expect(result.diagnostics.find((d) => d.code === 'preflight/appeal-reason-unanswered')?.path).toEqual(['denial', 'reasons', 2]);
  });

  it('states the next-level rights for the line of business and asks for the remedies', async () => {
    const { text } = await render(buildAppealCase((c) => {
      c.denial.remedies = ['overturn', 'expedited-review', 'peer-to-peer'];
      c.request.urgency = 'expedited';
      c.request.expeditedReason = 'Delay risks tumor progression.';
    }));
    const letter = flat(text);
    expect(letter).toContain('external review by an independent review organization under 45 CFR 147.136');
    expect(letter).toContain('I ask that the denial be overturned');
    expect(letter).toContain('I ask for an expedited review. Delay risks tumor progression.');
    expect(letter).toContain('a peer-to-peer conversation with a reviewer of my specialty, Neuro-oncology');
  });

  it('keeps the peer-to-peer sheet on one page, with the talking points and the call-back number', async () => {
    const { result, pages } = await render(buildAppealCase((c) => (c.denial.remedies = ['overturn', 'peer-to-peer'])));
    const p2p = result.parts.find((p) => p.id === 'p2p')!;
    expect(p2p.first).toBe(p2p.last);
    const sheet = flat(pages[p2p.first - 1]!);
    expect(sheet).toContain('Peer-to-peer review request');
    expect(sheet).toContain('(555) 010-0200');
    expect(sheet).toContain('Used with temozolomide as an adjunct.');
    expect(sheet).toContain('Temozolomide was');
    expect(sheet).toContain('given with radiation');
    // An enclosure cited by the criterion and again, whole, as the reason's evidence is listed once.
    expect(sheet.match(/Encl\. 9 /g)).toHaveLength(2);
  });

  it('shortens long talking points to fit six reasons on the one page', async () => {
    const long = 'The record documents this in detail across several notes and reports, with dates and doses. '.repeat(8);
    const { result } = await render(buildAppealCase((c) => {
      c.denial.level = 'peer-to-peer';
      for (let i = 0; i < 4; i++) c.denial.reasons.push({ text: `Reason ${i + 3}: ${long}`, response: long });
      c.denial.reasons[0].response = long;
    }));
    const p2p = result.parts.find((p) => p.id === 'p2p')!;
    expect(p2p.first).toBe(p2p.last);
  });

  it('fails with an input error naming the reasons when the sheet cannot fit on one page', async () => {
    const long = 'The record documents this in detail across several notes and reports, with dates and doses. '.repeat(8);
    const err = await failure(buildAppealCase((c) => {
      c.denial.level = 'peer-to-peer';
      for (let i = 0; i < 18; i++) c.denial.reasons.push({ text: `Reason ${i + 3}: ${long}`, response: long });
    }));
    expect(err.exitCode).toBe(3);
    expect(err.diagnostics[0]).toMatchObject({ code: 'appeal/p2p-too-long', path: ['denial', 'reasons'] });
  });

  it('adds the representative page only with a representative: CMS-1696 information for Medicare, else a generic authorization', async () => {
    const without = await render(buildAppealCase());
    expect(without.result.parts.some((p) => p.id === 'representative')).toBe(false);

    const generic = await render(buildAppealCase((c) => (c.representative = { name: 'Maria Example', relationship: 'daughter' })));
    const page = generic.pages[generic.result.parts.find((p) => p.id === 'representative')!.first - 1]!;
    expect(page).toContain('Authorization of representative');
    expect(flat(page)).toContain('Signature of the representative');
    expect(flat(page)).toContain('Signature of the patient or legal');

    const medicare = await render(buildAppealCase((c) => {
      c.coverage.lineOfBusiness = 'medicare-ffs';
      c.payer = 'medicare-dme';
      c.patient.mbi = '1EG4TE5MK72';
      c.denial.level = 'medicare-redetermination';
      c.representative = { name: 'Maria Example', relationship: 'daughter' };
    }), { force: true });
    expect(medicare.pages[0]).toContain('Request for Medicare Redetermination');
    const aor = flat(medicare.pages[medicare.result.parts.find((p) => p.id === 'representative')!.first - 1]!);
    expect(aor).toContain('Form CMS-1696');
    expect(aor).toContain('it is not the official form');
    expect(aor).toContain('1EG4TE5MK72');
    expect(aor).toContain('Acceptance of appointment');
    expect(aor).toContain('Professional status or relationship');
    expect(aor).toContain('daughter');
    expect(flat(medicare.text)).toContain('reconsideration by a Qualified Independent Contractor within 180 days');
  });

  it('refuses a cited page the enclosure does not have, and evidence that is not attached', async () => {
    const page = await failure(buildAppealCase((c) => (c.denial.reasons[0].evidence = [{ file: EVIDENCE_FILE, pages: '2, 4' }])));
    expect(page.exitCode).toBe(3);
    expect(page.diagnostics[0]).toMatchObject({ code: 'appeal/evidence-page-missing', path: ['denial', 'reasons', 0, 'evidence', 0, 'pages'] });
    expect(page.diagnostics[0]!.message).toContain('which has 3 pages');

    const missing = await failure(buildAppealCase((c) => (c.denial.reasons[0].evidence = [{ file: 'attachments/not-attached.pdf' }])));
    expect(missing.exitCode).toBe(3);
    expect(JSON.stringify(missing.diagnostics)).toContain('not-attached.pdf');
  });

  it('uses the denial letter file given', () => {
    expect(buildAppealCase().attachments[0]).toMatchObject({ file: DENIAL_FILE, kind: 'denial-letter' });
  });
});
