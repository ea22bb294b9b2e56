// Golden tests: render every sample and check, page by page, what a payer reviewer would check.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatDate, fullName } from '../../src/compose/helpers/format-helpers.js';
import { LEVEL_WORDING } from '../../src/appeal/appeal-levels.js';
import { packetFraming } from '../../src/compose/packet-framing.js';
import { generatePacket } from '../../src/generate-packet.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { loadCase } from '../../src/load/load-case.js';
import { normalizeNdc } from '../../src/validate/formats.js';
import { sampleDate } from '../../src/cli/commands/demo.js';
import { ROOT, TODAY } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';

const samples = readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.yaml')).sort();
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.each(samples)('sample %s', (file) => {
  const full = path.join(ROOT, 'samples', file);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const data = parse(readFileSync(full, 'utf8')) as any;
  // What the packet calls itself: a prior-authorization request, or Medicare fee-for-service claim documentation.
  const framing = packetFraming(validateCase(loadCase(full).raw, { today: TODAY }).case!, loadPayer(data.payer, []));
  // An appeal's cover is titled for the review it asks for.
  const appeal = data.request.kind === 'appeal';
  const coverTitle = appeal ? `${LEVEL_WORDING[data.denial.level as keyof typeof LEVEL_WORDING].title} · Fax Cover Sheet` : framing.coverTitle;
  const rendered = (async () => {
    const { raw, source, baseDir } = loadCase(full);
    // Dated as `authpack demo` dates it: the day the sample's letter was signed.
    const result = await generatePacket(raw, { source, baseDir, date: sampleDate(raw) });
    return { result, text: await extractText(result.bytes) };
  })();

  it('renders without errors and with no warnings', async () => {
    const { result, text } = await rendered;
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(text.pages).toHaveLength(result.pages);
    await expect(text.pages.map((p, i) => `=== page ${i + 1}/${text.pages.length} ===\n${p}`).join('\n')).toMatchFileSnapshot(`./expected/${file.replace('.yaml', '.txt')}`);
  });

  it('prints the patient identity and "Page i of N" on every page', async () => {
    const { text } = await rendered;
    const n = text.pages.length;
    text.pages.forEach((page, i) => {
      expect(page).toContain(fullName(data.patient));
      expect(page).toContain(`DOB ${formatDate(data.patient.dateOfBirth)}`);
      expect(page).toContain(`Member ID ${data.patient.memberId}`);
      expect(page).toContain(data.coverage.payerName);
      expect(page).toContain(`Case ${data.caseId}`);
      expect(page).toContain(`Page ${i + 1} of ${n}`);
      expect(page).toMatch(/CONFIDENTIAL: contains protected health information/);
    });
  });

  it('has a one-page cover sheet that states the total page count', async () => {
    const { text } = await rendered;
    expect(squash(text.pages[0]!)).toContain(coverTitle);
    expect(squash(text.pages[0]!)).toMatch(new RegExp(`Pages ${text.pages.length} ?, including this cover`));
    expect(text.pages[0]).toContain('CONFIDENTIALITY NOTICE');
    expect(text.pages[1]).not.toContain('CONFIDENTIALITY NOTICE');
  });

  it('lists every prior therapy exactly once, in order, with the header on each page of the table', async () => {
    const { text } = await rendered;
    const { result } = await rendered;
    const history = result.parts.find((p) => p.id === 'history')!;
    const tablePages = text.pages.slice(history.first - 1, history.last);
    expect(tablePages[0]).toContain('Prior-therapy history\n');
    // The header row; a header cell may wrap ("Reason / stopped"), so its first line starts with the first words.
    const header = '# Therapy Category Dates Outcome Reason';
    for (const page of tablePages) expect(page.split('\n').map(squash).filter((l) => l.startsWith(header))).toHaveLength(1);
    // A row starts with its number followed by the first word of that therapy's name.
    const names: string[] = data.priorTherapies.map((t: { name: string }) => t.name);
    const rows = tablePages
      .flatMap((p) => p.split('\n').map(squash))
      .map((l) => /^(\d+) (\S+)/.exec(l))
      .filter((m): m is RegExpExecArray => !!m && names[Number(m[1]) - 1]?.split(/\s+/)[0] === m[2])
      .map((m) => Number(m[1]));
    expect(rows).toEqual(names.map((_, i) => i + 1));
  });

  it('keeps the signature block on one page with name, NPI, contact and the date, printed once', async () => {
    const { text } = await rendered;
    const page = text.pages.find((p) => p.includes('Sincerely,'));
    expect(page).toBeDefined();
    expect(page).toContain(`${data.prescriber.name}, ${data.prescriber.credentials}`);
    expect(page).toContain(`NPI ${data.prescriber.npi}`);
    const signed = formatDate(data.signature.date);
    if (data.signature.method === 'electronic') {
      expect(page).toContain(`Electronically signed by ${data.signature.signer} on ${signed}`);
      expect(page).not.toContain('Date signed');
    } else expect(page).toContain(`Date signed: ${signed}`);
  });

  it('extracts in reading order: sections and letter parts in the order a reviewer reads them', async () => {
    const { text } = await rendered;
    // Each of these is a line of its own (a heading or the salutation); find the first such line.
    const lines = text.pages.join('\n').split('\n').map(squash);
    // An appeal: its letter answers the denial, then the re-issued letter of medical necessity and the history follow as enclosures.
    const order = appeal
      ? [coverTitle, 'The reasons for the denial and the answers', 'Request', 'Enclosures', 'Sincerely,', 'Patient history and diagnosis', 'Medical necessity', 'Prior-therapy history']
      : [framing.coverTitle, framing.salutation, 'Patient history and diagnosis', 'Prior therapies', 'Medical necessity', 'Plan and follow-up', 'Enclosures', 'Sincerely,', 'Prior-therapy history'];
    if (data.request.kind === 'continuation') order.splice(4, 0, framing.sinceHeading);
    // A long cover title may wrap: its first line starts it.
    const positions = order.map((s, k) => (k === 0 ? lines.findIndex((l) => l === s || (l.length > 20 && s.startsWith(l))) : lines.indexOf(s)));
    expect(positions.every((p) => p >= 0), order.filter((_, i) => positions[i]! < 0).join(', ')).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // On every page the header comes first and the footer last.
    for (const page of text.pages) {
      expect(page.startsWith(fullName(data.patient))).toBe(true);
      expect(page.trimEnd().endsWith('destroy all copies.')).toBe(true);
    }
  });

  it('names the requested codes and the diagnoses on the cover', async () => {
    const { text } = await rendered;
    for (const item of data.items) {
      if (item.hcpcs) expect(text.pages[0]).toContain(`HCPCS ${item.hcpcs}`);
      if (item.cpt) expect(text.pages[0]).toContain(`CPT ${item.cpt}`);
      // An NDC is printed in its 11-digit billing form (and, from a 10-digit shape, as written on the package).
      if (item.ndc) expect(text.pages[0]).toContain(`NDC ${normalizeNdc(String(item.ndc))}`);
    }
    for (const d of data.diagnoses) expect(text.pages[0]).toContain(d.code);
  });
});

describe('PDF hygiene', () => {
  it('writes metadata and is byte-identical for the same date', async () => {
    const { raw, baseDir } = loadCase(path.join(ROOT, 'samples', 'gbm-initial.yaml'));
    const a = await generatePacket(raw, { baseDir, date: TODAY });
    const b = await generatePacket(raw, { baseDir, date: TODAY });
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const { info } = await extractText(a.bytes);
    expect(info).toMatchObject({ Title: 'Prior authorization request PA-2026-0142', Author: 'Ada Whitfield, MD', Creator: expect.stringMatching(/^authpack /) });
    expect(String(info.Keywords)).toContain('E0766');
    expect(info.CreationDate).toBe('D:20261126120000Z');
  });

  it('takes its date from SOURCE_DATE_EPOCH when no date is given', async () => {
    const { raw, baseDir } = loadCase(path.join(ROOT, 'samples', 'gbm-initial.yaml'));
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2026, 10, 26, 12) / 1000);
    try {
      const a = await generatePacket(raw, { baseDir });
      const b = await generatePacket(raw, { baseDir, date: TODAY });
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});
