// Every part number, enclosure number, page, page range and Bates id printed in the packet is the one the packet
// plan gave that part: checked in the extracted text of packets with a payer form, a two-page cover, no history,
// and attachments listed but not merged.
import path from 'node:path';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePacket, type PacketResult } from '../../src/generate-packet.js';
import type { PacketPart } from '../../src/assemble/plan-packet.js';
import { RenderError } from '../../src/diagnostics/errors.js';
import { loadCase } from '../../src/load/load-case.js';
import { buildCase, ROOT, SAMPLES_DIR, TODAY } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';
import { readOutline } from '../support/read-outline.js';
import { makeTempDir } from '../support/temp.js';
import { cpapCase, manyDiagnosesCase, noHistoryCase } from './plan-cases.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const demo = loadCase(path.join(ROOT, 'samples', 'attachments-demo.yaml')).raw;

/** Example Health Plan with its form at the end of the packet instead of before the letter. */
function formAtEnd(): string {
  const dir = makeTempDir('plan-payers');
  cpSync(path.join(ROOT, 'templates', 'payers', 'example-health-plan'), path.join(dir, 'example-health-plan'), { recursive: true });
  const profile = path.join(dir, 'example-health-plan', 'profile.yaml');
  writeFileSync(profile, readFileSync(profile, 'utf8').replace('position: before-letter', 'position: end'));
  return dir;
}

const packets: [string, unknown, 'merge' | 'list', string[]?][] = [
  ['a payer form before the letter (attachments-demo)', demo, 'merge'],
  ['a payer form at the end', demo, 'merge', [formAtEnd()]],
  ['a two-page cover (12 diagnoses, expedited)', manyDiagnosesCase(), 'merge'],
  ['no prior-therapy history', noHistoryCase(), 'merge'],
  ['attachments listed, not merged (gbm-initial)', buildCase(), 'list'],
  ['criteria with evidence (gbm-initial)', buildCase(), 'merge'],
  ['a short CPAP request', cpapCase(), 'list'],
];

async function render(raw: unknown, attachments: 'merge' | 'list', payerDirs: string[] = []) {
  const result = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY, attachments, payerDirs });
  const { pages } = await extractText(result.bytes);
  return { result, pages, all: squash(pages.join('\n')) };
}

const range = (p: PacketPart) => (p.first === p.last ? `${p.first}` : `${p.first}–${p.last}`);
const batesOf = (r: PacketResult, p: PacketPart) => {
  const id = (n: number) => `${r.case.caseId}-${String(n).padStart(4, '0')}`;
  return p.first === p.last ? id(p.first) : `${id(p.first)}–${String(p.last).padStart(4, '0')}`;
};

describe.each(packets)('cross-references in a packet with %s', (name, raw, attachments, payerDirs) => {
  const rendered = render(raw, attachments, payerDirs);

  it('has its parts in the order of the plan', async () => {
    const { result } = await rendered;
    const form = name.includes('payer form') ? (name.includes('end') ? 'end' : 'before-letter') : undefined;
    const ids = result.parts.map((p) => p.id);
    expect(ids.slice(0, 2)).toEqual(['cover', 'index']);
    if (form === 'before-letter') expect(ids[2]).toBe('form');
    if (form === 'end') expect(ids.at(-1)).toBe('form');
    result.parts.forEach((p, i) => expect(p.number).toBe(i + 1));
    expect(result.parts.at(-1)!.last).toBe(result.pages);
  });

  it('the cover says where the packet index is, and the notice is on the first page', async () => {
    const { result, pages } = await rendered;
    const index = result.parts.find((p) => p.id === 'index')!;
    expect(squash(pages[0]!)).toContain(index.first === 1 ? 'Packet index on this page' : `Packet index on page ${index.first}`);
    expect(pages[0]).toContain('CONFIDENTIALITY NOTICE');
  });

  it('the index lists every part with the number, caption, pages and Bates ids the plan gave it', async () => {
    const { result, pages } = await rendered;
    const index = result.parts.find((p) => p.id === 'index')!;
    const lines = pages.slice(index.first - 1, index.last).flatMap((p) => p.split('\n').map(squash));
    for (const p of result.parts) {
      const firstWords = p.title.split(' ').slice(0, 3).join(' ');
      const row = lines.find((l) => l.startsWith(`${p.number} ${firstWords}`));
      expect(row, `index row ${p.number} (${p.title})`).toBeDefined();
      expect(row).toContain(` ${range(p)} `);
      expect(row!.endsWith(batesOf(result, p))).toBe(true);
    }
  });

  it("each page's footer names every part on that page, and the bookmarks open each part's first page", async () => {
    const { result, pages } = await rendered;
    pages.forEach((page, i) => {
      const expected = result.parts.filter((p) => p.first <= i + 1 && i + 1 <= p.last).map((p) => p.title).join(' · ');
      const footer = page.split('\n').map(squash).find((l) => l.endsWith(`Page ${i + 1} of ${pages.length}`));
      expect(footer, `footer of page ${i + 1}`).toBe(`${expected} Page ${i + 1} of ${pages.length}`);
    });
    expect(await readOutline(result.bytes)).toEqual(result.parts.map((p) => ({ title: p.title, page: p.first })));
  });

  it("the letter's Enclosures list numbers each enclosure as the index does, with its Bates ids or \"sent separately\"", async () => {
    const { result, all } = await rendered;
    const c = result.case;
    const listed = [...(c.priorTherapies.length ? [{ title: 'Prior-therapy history', id: 'history' }] : []), ...c.attachments.map((a, i) => ({ title: a.title, id: `attachment-${i}` }))];
    const start = all.lastIndexOf('Enclosures 1. ');
    expect(start).toBeGreaterThan(0);
    const list = all.slice(start, all.indexOf('Thank you for your prompt review', start));
    const numbers = [...list.matchAll(/(?:^Enclosures | )(\d+)\. /g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(listed.map((_, i) => i + 1));
    for (const entry of listed) {
      const n = Number(new RegExp(`(\\d+)\\. ${entry.title.replace(/[()]/g, '\\$&')}`).exec(list)?.[1]);
      const part = result.parts.find((p) => p.id === entry.id);
      if (part) {
        expect(part.enclosure, entry.title).toBe(n);
        const after = list.slice(list.indexOf(`${n}. `));
        expect(after.slice(0, after.search(/ \d+\. |$/))).toContain(batesOf(result, part));
      } else {
        expect(attachments).toBe('list');
        expect(list).toMatch(new RegExp(`${n}\\. [^]*?; sent separately`));
      }
    }
    const history = result.parts.find((p) => p.id === 'history');
    if (history) expect(list).toContain(`Prior-therapy history (${c.priorTherapies.length} treatment${c.priorTherapies.length === 1 ? '' : 's'}), part ${history.number} of this packet`);
    expect(all).not.toContain('section 3');
  });

  it('the letter cites the history by its enclosure number and first page, and only when there is one', async () => {
    const { result, all } = await rendered;
    const history = result.parts.find((p) => p.id === 'history');
    const cited = [...all.matchAll(/enclosure (\d+),? \(?Prior-therapy history, page (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    if (history) expect(cited).toEqual([[history.enclosure, history.first]]);
    else {
      expect(cited).toEqual([]);
      expect(all).not.toContain('Prior-therapy history');
    }
  });

  it("the criteria table cites each enclosure by the same number, with that enclosure's Bates ids when it is in the packet", async () => {
    const { result, all } = await rendered;
    const table = all.slice(Math.max(0, all.indexOf('Coverage criteria')), all.indexOf('Plan and follow-up'));
    const cites = [...table.matchAll(/Enclosures? ((?:\d+(?: \([^)]*\))?(?:; )?)+)\./g)].flatMap((m) => [...m[1]!.matchAll(/(\d+)(?: \(([^)]*)\))?/g)].map((x) => ({ n: Number(x[1]), bates: x[2] })));
    if (!all.includes('Coverage criteria')) return expect(result.criteria.filter((o) => o.documents.length)).toEqual([]);
    expect(cites.length).toBeGreaterThan(0);
    for (const { n, bates } of cites) {
      const part = result.parts.find((p) => p.enclosure === n);
      if (part) expect(bates).toBe(batesOf(result, part));
      else {
        expect(attachments).toBe('list');
        expect(bates).toBeUndefined();
      }
    }
  });
});

describe('the packet plan and the templates', () => {
  it('a two-page cover pushes the index to page 2 and the cover says so', async () => {
    const { result } = await render(manyDiagnosesCase(), 'merge');
    expect(result.parts.find((p) => p.id === 'cover')).toMatchObject({ first: 1, last: 2 });
    expect(result.parts.find((p) => p.id === 'index')!.first).toBe(2);
  });

  it('the index sits on the cover when it fits', async () => {
    const { result } = await render(cpapCase(), 'list');
    expect(result.parts.slice(0, 2).map((p) => [p.id, p.first, p.last])).toEqual([['cover', 1, 1], ['index', 1, 1]]);
  });

  it('a template that cites the history of a case without one stops the render, naming the template', async () => {
    const dir = makeTempDir('plan-templates');
    writeFileSync(path.join(dir, 'plan.hbs'), '<p>The history starts on page {{pageOf "history"}}.</p>\n');
    const err = await generatePacket(noHistoryCase(), { baseDir: SAMPLES_DIR, date: TODAY, templateDirs: [dir] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    const d = (err as RenderError).diagnostics[0]!;
    expect(d.code).toBe('compose/template-error');
    expect(d.message).toContain('plan.hbs');
    expect(d.message).toContain('"history"');
    expect(d.hint).toContain('packet.hasHistory');
  });

  it('a section the plan does not know stops the render instead of leaving the index incomplete', async () => {
    const dir = makeTempDir('plan-templates');
    writeFileSync(path.join(dir, 'therapy-history.hbs'), '<section data-id="appendix" data-title="Appendix"><p>More.</p></section>\n');
    const err = await generatePacket(buildCase(), { baseDir: SAMPLES_DIR, date: TODAY, templateDirs: [dir], attachments: 'list' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect((err as RenderError).diagnostics[0]).toMatchObject({ code: 'assemble/plan-mismatch' });
    expect((err as RenderError).diagnostics[0]!.message).toContain('"appendix"');
  });
});
