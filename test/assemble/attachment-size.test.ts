// An attachment adds about its own size to the packet: fonts and images its pages share are copied once, and page
// content is copied compressed (pdf-lib's embedPage copied shared resources per page: 4 MB became 40 MB).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { generatePacket } from '../../src/generate-packet.js';
import { buildCase, TODAY } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';
import { makeTempDir } from '../support/temp.js';
import { sharedResourcesPdf } from '../hostile/make-attachments.js';

const dir = makeTempDir('size');
const render = (attachments: string[]) =>
  generatePacket(
    buildCase((c) => {
      c.payer = 'generic-commercial';
      c.attachments = attachments.map((file) => ({ file, kind: 'other', title: 'Shared resources' }));
    }),
    { date: TODAY, baseDir: dir },
  );

describe('attachment size in the packet', () => {
  it('a 12-page attachment whose pages share one big image adds at most 10 % over its own size', async () => {
    const attachment = await sharedResourcesPdf(12);
    writeFileSync(path.join(dir, 'shared.pdf'), attachment);
    const without = await render([]);
    const withIt = await render(['shared.pdf']);
    expect(withIt.pages - without.pages).toBe(12);
    expect(withIt.bytes.length - without.bytes.length).toBeLessThanOrEqual(1.1 * attachment.length);
    // The image is in the packet once.
    const packet = await PDFDocument.load(withIt.bytes);
    const images = packet.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    expect(images).toHaveLength(1);
    const text = await extractText(withIt.bytes);
    expect(text.pages.at(-1)).toContain('Shared resources, page 12 of 12');
  });
});
