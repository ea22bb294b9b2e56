// Every kind of bad attachment fails the case, naming the file and the reason; good odd ones are accepted.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { InputError, RenderError } from '../../src/diagnostics/errors.js';
import { generatePacket } from '../../src/generate-packet.js';
import { buildCase, ROOT, TODAY } from '../support/build-case.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'attachments');
const root = makeTempDir('att');
const dir = path.join(root, 'case');
mkdirSync(dir);
mkdirSync(path.join(dir, 'att'));
for (const f of ['encrypted.pdf', 'damaged.pdf', 'zero-pages.pdf', 'not-a-pdf.pdf', 'repairable.pdf', 'tiny.png', 'tiny.jpg']) copyFileSync(path.join(FIXTURES, f), path.join(dir, 'att', f));
copyFileSync(path.join(ROOT, 'samples', 'attachments', 'pathology-report-3-pages.pdf'), path.join(dir, 'att', 'big.pdf'));
writeFileSync(path.join(root, 'outside.pdf'), 'x');

const withAttachment = (file: string) => buildCase((c) => ((c.payer = 'generic-commercial'), (c.attachments = [{ file, kind: 'other', title: 'Test document' }])));
const run = (file: string, options: object = {}) => generatePacket(withAttachment(file), { date: TODAY, baseDir: dir, ...options });

async function failure(file: string, options: object = {}, kind: typeof RenderError | typeof InputError = RenderError) {
  try {
    await run(file, options);
  } catch (err) {
    if (err instanceof kind) return err.diagnostics[0]!;
    throw err;
  }
  throw new Error(`expected ${file} to be rejected`);
}

describe('attachment files that are not there are input problems (InputError, exit 3)', () => {
  it.each([
    ['att/nope.pdf', 'validate/attachment-missing', /does not exist/],
    ['att', 'validate/attachment-not-file', /is a folder, not a file/],
    ['/dev/null', 'validate/attachment-not-file', /is not a regular file/],
    ['../outside.pdf', 'validate/attachment-outside', /outside the case folder/],
  ])('%s → %s', async (file, code, message) => {
    const d = await failure(file, {}, InputError);
    expect(d.code).toBe(code);
    expect(d.message).toContain(`Attachment 1 (${file}) `);
    expect(d.message).toMatch(message);
    expect(d.path).toEqual(['attachments', 0, 'file']);
    expect(d.hint).toBeTruthy();
  });

  it('names --attachments list for a missing file', async () => {
    expect((await failure('att/nope.pdf', {}, InputError)).hint).toContain('--attachments list');
  });
});

describe('bad attachments', () => {
  it.each([
    ['att/not-a-pdf.pdf', 'assemble/attachment-not-supported', /not a PDF, PNG or JPEG file \(it looks like a text file\)/],
    ['att/encrypted.pdf', 'assemble/attachment-encrypted', /encrypted/],
    ['att/damaged.pdf', 'assemble/attachment-damaged', /damaged beyond repair/],
    ['att/zero-pages.pdf', 'assemble/attachment-empty', /has no pages/],
  ])('%s → %s', async (file, code, message) => {
    const d = await failure(file);
    expect(d.code).toBe(code);
    expect(d.message).toContain(file);
    expect(d.message).toMatch(message);
    expect(d.path).toEqual(['attachments', 0, 'file']);
    expect(d.hint).toBeTruthy();
  });

  it('rejects an attachment over the size limit', async () => {
    const d = await failure('att/big.pdf', { maxAttachmentBytes: 1000 });
    expect(d.code).toBe('assemble/attachment-too-large');
  });

  it('reports every bad attachment at once', async () => {
    const raw = buildCase((c) => ((c.payer = 'generic-commercial'), (c.attachments = ['att/encrypted.pdf', 'att/damaged.pdf', 'att/tiny.png'].map((file) => ({ file, kind: 'other', title: file })))));
    await expect(generatePacket(raw, { date: TODAY, baseDir: dir })).rejects.toMatchObject({ diagnostics: [expect.objectContaining({ code: 'assemble/attachment-encrypted' }), expect.objectContaining({ code: 'assemble/attachment-damaged' })] });
  });

  it('reports every missing file at once, before any is read', async () => {
    const raw = buildCase((c) => ((c.payer = 'generic-commercial'), (c.attachments = ['att/nope.pdf', 'att/damaged.pdf', 'att/gone.png'].map((file) => ({ file, kind: 'other', title: file })))));
    const err = await generatePacket(raw, { date: TODAY, baseDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).diagnostics.map((d) => d.code)).toEqual(['validate/attachment-missing', 'validate/attachment-missing']);
  });

  it('accepts a path outside the folder with allowOutside, a repairable PDF, and PNG and JPEG images', async () => {
    expect((await run('../outside.pdf', { allowOutside: true }).catch((e: RenderError) => e.diagnostics[0]))).toMatchObject({ code: 'assemble/attachment-not-supported' });
    for (const file of ['att/repairable.pdf', 'att/tiny.png', 'att/tiny.jpg']) {
      const result = await run(file);
      expect(result.parts.at(-1)).toMatchObject({ id: 'attachment-0', first: result.pages, last: result.pages });
    }
  });

  it('with attachments: list, does not read the files and says they are sent separately', async () => {
    const result = await run('att/nope.pdf', { attachments: 'list' });
    expect(result.parts.map((p) => p.id)).toEqual(['cover', 'index', 'letter', 'history']);
  });
});
