// Page economy, measured from the layout: no page but the last of a part is less than 60 % full unless a table row
// or a kept block forced the break; the signature stays with the paragraph before it; a short CPAP request (about
// a page and a half of letter) renders in at most 4 pages, cover and index included.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePacket } from '../../src/generate-packet.js';
import { loadCase } from '../../src/load/load-case.js';
import { extractText } from '../support/extract-text.js';
import { ROOT, SAMPLES_DIR, TODAY } from '../support/build-case.js';
import { fill, layOutCase } from './lay-out-case.js';
import { cpapCase, manyDiagnosesCase, noHistoryCase } from './plan-cases.js';

const samples = readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.yaml')).sort();
const cases: [string, unknown, 'merge' | 'list'][] = [
  ...samples.map((f): [string, unknown, 'merge'] => [`samples/${f}`, loadCase(path.join(ROOT, 'samples', f)).raw, 'merge']),
  ['the CPAP case', cpapCase(), 'list'],
  ['the 12-diagnosis case', manyDiagnosesCase(), 'merge'],
  ['the case without prior therapy', noHistoryCase(), 'merge'],
];

/** Breaks the keep rules allow to leave a page part empty: a table row or a block kept whole did not fit. */
const KEPT = /^(table row|table header|keep-together block|signature block|box|field row)/;
const MIN_FILL = 0.6;

describe.each(cases)('page fill of %s', (_name, raw, attachments) => {
  it(`fills every page but the last of a part to ${MIN_FILL * 100} % unless a kept row or block moved on`, () => {
    const doc = layOutCase(raw, { attachments });
    expect(doc.pages.length).toBeGreaterThan(1);
    doc.pages.forEach((page, i) => {
      const next = doc.pages[i + 1];
      // The page's last section goes on overleaf: this is not the last page of that part.
      const continued = next !== undefined && next.sections[0]!.id === page.sections[page.sections.length - 1]!.id;
      if (!continued) return;
      const forced = (page.pushed ?? []).some((label) => KEPT.test(label));
      expect(fill(doc, i) >= MIN_FILL || forced, `page ${i + 1} (${page.sections.map((s) => s.id).join(', ')}) is ${Math.round(fill(doc, i) * 100)} % full; pushed: ${page.pushed?.join(', ') ?? 'nothing'}`).toBe(true);
    });
  });

  it('keeps the signature on the page of the closing paragraph', async () => {
    const result = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY, attachments });
    const { pages } = await extractText(result.bytes);
    const page = pages.findIndex((p) => p.includes('Sincerely,'));
    expect(page).toBeGreaterThanOrEqual(0);
    // An appeal letter (the first one signed in an appeal packet) closes by asking the reviewer to call.
    const appeal = (raw as { request: { kind: string } }).request.kind === 'appeal';
    expect(pages[page]).toContain(appeal ? 'Please contact my office at' : 'Thank you for your prompt review');
  });
});

describe('a short request', () => {
  const cpap = [['the CPAP test case', cpapCase()] as const, ...samples.filter((f) => /^cpap/i.test(f)).map((f) => [`samples/${f}`, loadCase(path.join(ROOT, 'samples', f)).raw] as const)
    // A continuation adds the continued-coverage criteria and its enclosures' rows: the four-page goal is for initial requests.
    .filter(([, raw]) => (raw as { request: { kind: string } }).request.kind === 'initial')];
  it.each(cpap)('%s renders in at most 4 pages, cover and index included (attachments sent separately)', async (_name, raw) => {
    const result = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY, attachments: 'list' });
    expect(result.pages).toBeLessThanOrEqual(4);
    expect(result.parts.find((p) => p.id === 'index')!.first).toBe(1);
  });
});
