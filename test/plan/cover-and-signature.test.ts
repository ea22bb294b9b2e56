// The cover keeps the confidentiality notice on its first page whatever its length; the signature prints its date once.
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/format/format.js';
import { generatePacket } from '../../src/generate-packet.js';
import { buildCase, SAMPLES_DIR, TODAY, type RawCase } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';
import { manyDiagnosesCase } from './plan-cases.js';

async function pagesOf(raw: RawCase) {
  const result = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY, attachments: 'list' });
  return (await extractText(result.bytes)).pages;
}

describe('the confidentiality notice', () => {
  it('stays on the first cover page with the longest expedited reason, names and 12 diagnoses', async () => {
    const raw = manyDiagnosesCase();
    const words = (n: number, w: string) => Array.from({ length: n }, () => w).join(' ').slice(0, n * (w.length + 1) - 1);
    raw.request.expeditedReason = words(2000 / 10, 'Expedited').slice(0, 2000);
    raw.coverage.payerName = words(12, 'Northwind').slice(0, 120);
    raw.prescriber.name = words(12, 'Whitfield').slice(0, 120);
    raw.prescriber.organization = words(12, 'Oncologic').slice(0, 120);
    raw.prescriber.contactName = words(12, 'Coordinat').slice(0, 120);
    const pages = await pagesOf(raw);
    expect(pages[0]).toContain('CONFIDENTIALITY NOTICE');
    expect(pages[0]).toContain('destroy all copies.\n');
    expect(pages.slice(1).some((p) => p.includes('CONFIDENTIALITY NOTICE'))).toBe(false);
  });
});

describe('the date signed', () => {
  const signed = formatDate('2026-08-12');
  const count = (text: string, needle: string) => text.split(needle).length - 1;

  it('is printed once in an electronic signature: in the "Electronically signed by" line', async () => {
    const pages = await pagesOf(buildCase());
    const page = pages.find((p) => p.includes('Sincerely,'))!;
    const block = page.slice(page.indexOf('Sincerely,'));
    expect(block).toContain(`Electronically signed by Ada Whitfield, MD on ${signed}`);
    expect(count(block, signed)).toBe(1);
    expect(block).not.toContain('Date signed');
  });

  it('is printed once under a handwritten signature: as "Date signed"', async () => {
    const pages = await pagesOf(buildCase((c) => (c.signature.method = 'wet')));
    const page = pages.find((p) => p.includes('Sincerely,'))!;
    const block = page.slice(page.indexOf('Sincerely,'));
    expect(block).toContain(`Date signed: ${signed}`);
    expect(count(block, signed)).toBe(1);
    expect(block).not.toContain('Electronically signed');
  });
});
