// Goal 4 of issue 13: generated pages average at most 6,000 bytes each.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { sampleDate } from '../../src/cli/commands/demo.js';
import { generatePacket } from '../../src/generate-packet.js';
import { loadCase } from '../../src/load/load-case.js';
import { ROOT } from '../support/build-case.js';

/** Bytes of the embedded font programs: a per-packet cost, the same for 4 pages or 40. */
async function fontBytes(bytes: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  let n = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const file = obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('FontDescriptor') ? obj.get(PDFName.of('FontFile2')) : undefined;
    const stream = file && doc.context.lookup(file);
    if (stream instanceof PDFRawStream) n += stream.contents.length;
  }
  return n;
}

const render = async (file: string, date?: string) => {
  const { raw, source, baseDir } = loadCase(path.join(ROOT, 'samples', file));
  return generatePacket(raw, { source, baseDir, date: date ?? sampleDate(raw), attachments: 'list' });
};

describe('bytes per generated page (enclosures listed, not merged)', () => {
  it('long-history, the bench packet, averages at most 6,000 bytes a page, fonts included', async () => {
    const r = await render('long-history.yaml', '2026-11-26');
    expect(r.pages).toBeGreaterThanOrEqual(10);
    expect(r.bytes.length / r.pages).toBeLessThanOrEqual(6000);
  });

  it('the samples average at most 6,000 bytes a page besides their font programs', async () => {
    let bytes = 0;
    let pages = 0;
    for (const file of readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.yaml'))) {
      const r = await render(file);
      const fonts = await fontBytes(r.bytes);
      expect(fonts).toBeGreaterThan(0);
      bytes += r.bytes.length - fonts;
      pages += r.pages;
    }
    expect(pages).toBeGreaterThan(30);
    expect(bytes / pages).toBeLessThanOrEqual(6000);
  });
});
