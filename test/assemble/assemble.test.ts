// Packet assembly with real attachments: stamps on every page, order, index, outline, form values, rotated pages.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fillForm, listFormFields } from '../../src/assemble/fill-form.js';
import { loadFontSet } from '../../src/fonts/font-set.js';
import { generatePacket } from '../../src/generate-packet.js';
import { loadCase } from '../../src/load/load-case.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { loadPayerForm } from '../../src/payers/load-payer-form.js';
import { ROOT, TODAY, SAMPLES_DIR } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';
import { readOutline } from '../support/read-outline.js';

const demo = path.join(ROOT, 'samples', 'attachments-demo.yaml');
const rendered = (async () => {
  const { raw, source, baseDir } = loadCase(demo);
  const result = await generatePacket(raw, { source, baseDir, date: TODAY });
  return { result, text: await extractText(result.bytes) };
})();

describe('assembled packet (samples/attachments-demo.yaml)', () => {
  it('stamps every page, generated and attached alike, with the identity strip, Page X of Y and its Bates id', async () => {
    const { result, text } = await rendered;
    const n = text.pages.length;
    expect(n).toBe(result.pages);
    text.pages.forEach((page, i) => {
      expect(page).toContain('José Núñez-Łukasz');
      expect(page).toContain('DOB 04/02/1961');
      expect(page).toContain('Member ID W123456789');
      expect(page).toContain(`Page ${i + 1} of ${n}`);
      expect(page).toContain(`PA-2026-0455-${String(i + 1).padStart(4, '0')}`);
    });
  });

  it('puts the parts in order: cover, index, payer form, letter, history, then attachments in the payer\'s order', async () => {
    const { result } = await rendered;
    expect(result.parts.map((p) => p.id)).toEqual(['cover', 'index', 'form', 'letter', 'history', 'attachment-2', 'attachment-1', 'attachment-0']);
    // Contiguous, complete page ranges; a part may start on the page where the one before ends (the index on the
    // cover here), but only generated sections share a page.
    result.parts.forEach((p, i) => {
      const before = result.parts[i - 1];
      if (!before) return expect(p.first).toBe(1);
      expect([before.last, before.last + 1]).toContain(p.first);
      if (p.first === before.last) expect([p.kind, before.kind]).toEqual(['section', 'section']);
    });
    expect(result.parts.find((p) => p.id === 'index')!.first).toBe(1);
    expect(result.parts.at(-1)!.last).toBe(result.pages);
    const pathology = result.parts.find((p) => p.id === 'attachment-1')!;
    expect(pathology.last - pathology.first + 1).toBe(3);
  });

  it('lists every part in the index with its correct page range and Bates ids', async () => {
    const { result, text } = await rendered;
    const index = text.pages[result.parts.find((p) => p.id === 'index')!.first - 1]!.split('\n').map((l) => l.replace(/\s+/g, ' '));
    result.parts.forEach((p, i) => {
      const range = p.first === p.last ? `${p.first}` : `${p.first}–${p.last}`;
      const bates = p.first === p.last ? `PA-2026-0455-${String(p.first).padStart(4, '0')}` : `PA-2026-0455-${String(p.first).padStart(4, '0')}–${String(p.last).padStart(4, '0')}`;
      const row = index.find((l) => l.startsWith(`${i + 1} `) && l.includes(` ${range} `));
      expect(row, `index row for ${p.title}`).toBeDefined();
      expect(row).toContain(bates);
    });
  });

  it('has an outline with a bookmark per part pointing at its first page', async () => {
    const { result } = await rendered;
    const outline = await readOutline(result.bytes);
    expect(outline).toEqual(result.parts.map((p) => ({ title: p.title, page: p.first })));
  });

  it("cites each enclosure's Bates ids in the letter", async () => {
    const { result, text } = await rendered;
    const letter = text.pages.join('\n').replace(/\s+/g, ' ');
    for (const p of result.parts.filter((x) => x.id.startsWith('attachment-'))) {
      expect(letter).toContain(`PA-2026-0455-${String(p.first).padStart(4, '0')}`);
    }
  });

  it('shows the filled payer form, flattened, with the case values', async () => {
    const { result, text } = await rendered;
    const form = result.parts.find((p) => p.id === 'form')!;
    const page = text.pages[form.first - 1]!;
    expect(page).toContain('W123456789');
    expect(page).toContain('E0766');
    expect(page).toContain('C71.1');
    const doc = await PDFDocument.load(result.bytes);
    expect(doc.getForm().getFields()).toHaveLength(0);
  });

  it('keeps a rotated scanned page upright and every attached page inside the margins', async () => {
    const { result } = await rendered;
    const doc = await PDFDocument.load(result.bytes);
    for (const page of doc.getPages()) {
      expect(page.getRotation().angle).toBe(0);
      expect(page.getSize()).toEqual({ width: 612, height: 792 });
    }
    const rotated = result.parts.find((p) => p.id === 'attachment-2')!;
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(result.bytes), verbosity: 0 }).promise;
    const content = await (await pdf.getPage(rotated.first)).getTextContent();
    const body = content.items.filter((it) => 'str' in it && it.str.trim() && (it.transform[5] as number) < 730 && (it.transform[5] as number) > 70) as { transform: number[] }[];
    expect(body.length).toBeGreaterThan(3);
    // Upright text: no rotation in the text matrix (b and c are 0).
    for (const it of body) {
      expect(Math.abs(it.transform[1]!)).toBeLessThan(0.01);
      expect(Math.abs(it.transform[2]!)).toBeLessThan(0.01);
    }
  });
});

describe('Bates ids', () => {
  it('use a configurable prefix on every page', async () => {
    const { raw, baseDir } = loadCase(demo);
    const result = await generatePacket(raw, { baseDir, date: TODAY, batesPrefix: 'NWH-2026-11' });
    const { pages } = await extractText(result.bytes);
    pages.forEach((page, i) => expect(page).toContain(`NWH-2026-11-${String(i + 1).padStart(4, '0')}`));
  });
});

describe('payer form', () => {
  it('fills every mapped field; values read back with pdf-lib', async () => {
    const payer = loadPayer('example-health-plan');
    const form = loadPayerForm(payer)!;
    const { raw } = loadCase(demo);
    const result = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY, attachments: 'list' });
    const data = { ...result.case, packet: { patientName: 'José Núñez-Łukasz', primaryDiagnosis: result.case.diagnoses[0] } };
    const filled = await fillForm(form.bytes, { ...form.map, flatten: false }, data, loadFontSet(), { form: form.formFile, map: form.mapFile });
    const f = filled.doc.getForm();
    expect(f.getTextField('member_name').getText()).toBe('José Núñez-Łukasz');
    expect(f.getTextField('member_dob').getText()).toBe('04/02/1961');
    expect(f.getTextField('member_id').getText()).toBe('W123456789');
    expect(f.getTextField('hcpcs_code').getText()).toBe('E0766');
    expect(f.getTextField('modifiers').getText()).toBe('KF');
    expect(f.getTextField('prescriber_phone').getText()).toBe('(555) 010-0200');
    expect(f.getRadioGroup('request_type').getSelected()).toBe('new');
    expect(f.getCheckBox('urgent').isChecked()).toBe(false);
    expect(f.getCheckBox('attestation').isChecked()).toBe(true);
  });

  it('rejects a map that names a field the form does not have, suggesting the close one', async () => {
    const form = loadPayerForm(loadPayer('example-health-plan'))!;
    const map = { ...form.map, fields: { ...form.map.fields, member_nme: { from: 'patient.memberId', format: 'text' as const } } };
    await expect(fillForm(form.bytes, map, {}, loadFontSet(), { form: 'form.pdf', map: 'form-map.yaml' })).rejects.toMatchObject({ diagnostics: expect.arrayContaining([expect.objectContaining({ code: 'assemble/form-map', hint: expect.stringContaining('"member_name"') })]) });
  });

  it('lists the fields and their types', async () => {
    const form = loadPayerForm(loadPayer('example-health-plan'))!;
    const fields = listFormFields((await PDFDocument.load(form.bytes)).getForm());
    expect(fields.find((f) => f.name === 'request_type')).toEqual({ name: 'request_type', type: 'radio', options: ['new', 'renewal'] });
    expect(fields.filter((f) => f.type === 'checkbox').map((f) => f.name).sort()).toEqual(['attestation', 'urgent']);
    const map = parse(readFileSync(form.mapFile, 'utf8')) as { fields: Record<string, unknown> };
    expect(Object.keys(map.fields).sort()).toEqual(fields.map((f) => f.name).sort());
  });
});
