// Hostile attachments through the built CLI: broken images and PDFs are refused (exit 5) naming the file, bombs are
// stopped within the memory and time limits, degenerate page boxes and damaged-but-readable PDFs render with a
// warning naming the attachment and page, filled form values print, and pdf-lib's console noise never reaches stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseYaml, checkHostile, type HostileCase } from './run-hostile.js';
import { filledFormPdf, hostileJpeg, hostilePdf, hostilePng, letterScan600Rgba, sharedResourcesPdf } from './make-attachments.js';
import { BIN, runAuthpack } from '../support/run-cli.js';

const RENDER = ['render', 'case.yaml', '-o', 'out.pdf', '--date', '2026-11-26'];
const CASE_ID = 'PA-2026-0142';

// The built CLI is used as is (`npm test` builds first): rebuilding here emptied dist/ under the test files running
// beside this one.
beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('run `npm run build --silent` first');
});

/** One attachment at att/<name>, rendered. */
function attached(name: string, bytes: () => Uint8Array, extra: Partial<HostileCase> = {}): HostileCase {
  return { name, files: { 'case.yaml': caseYaml(`att/${name}`), [`att/${name}`]: bytes }, args: RENDER, exit: 5, mentions: [`att/${name}`], ...extra };
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  expect(r.status, `${cmd} ${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
  return r.stdout;
}

/** The packet is valid PDF, and its last page (the attachment) carries the page number and Bates id. */
function lastPageStamped(dir: string): string {
  const out = path.join(dir, 'out.pdf');
  run('qpdf', ['--check', out]);
  const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [out]))![1]);
  const text = run('pdftotext', ['-f', String(pages), '-l', String(pages), '-layout', out, '-']);
  expect(text).toContain(`Page ${pages} of ${pages}`);
  expect(text).toContain(`${CASE_ID}-${String(pages).padStart(4, '0')}`);
  return text;
}

describe('broken images are refused with the file named (exit 5)', () => {
  it.each([
    ['truncated RGBA PNG (hung before)', 'x.png', hostilePng.truncatedRgba, /cut short/],
    ['truncated RGB PNG (a blank page before)', 'x.png', hostilePng.truncatedRgb, /cut short/],
    ['PNG colour type 5 (exit 1 before)', 'x.png', hostilePng.colorType5, /colour type 5 does not exist/],
    ['header-only PNG (exit 1 before)', 'x.png', hostilePng.headerOnly, /no image data/],
    ['PNG rows with filter type 7', 'x.png', hostilePng.badFilter, /image data is damaged/],
    ['truncated JPEG (a corrupt page before)', 'x.jpg', hostileJpeg.truncated, /cut short/],
    ['0 × 0 JPEG (NaN on the page before)', 'x.jpg', hostileJpeg.zeroSize, /0 × 0 pixels/],
  ])('%s', async (name, file, bytes, why) => {
    const r = await checkHostile(attached(file, bytes, { name, mentions: [`att/${file}`, 'assemble/attachment-damaged', why] }));
    expect(r.stderr).not.toContain('wrote ');
  });
});

describe('bombs are stopped before they allocate (exit 5, under 1 GB and a few seconds)', () => {
  it.each([
    ['1.2 MB PNG declaring 20000 × 20000 pixels (4.8 GB before)', 'x.png', hostilePng.bomb20k, 'assemble/attachment-too-many-pixels'],
    ['40000 × 40000 PNG (exit 1 before)', 'x.png', hostilePng.huge40k, 'assemble/attachment-too-many-pixels'],
    ['PNG of 100 × 100 pixels whose data inflates to 400 MB', 'x.png', hostilePng.lyingSize, 'assemble/attachment-damaged'],
    ['JPEG declaring 65000 × 65000 pixels', 'x.jpg', hostileJpeg.huge, 'assemble/attachment-too-many-pixels'],
    ['1.5 MB PDF whose page inflates to 1.5 GB (4.2 GB before)', 'x.pdf', hostilePdf.contentBomb, 'assemble/attachment-too-large'],
    ['PDF whose object stream inflates to 1 GB', 'x.pdf', hostilePdf.objectStreamBomb, 'assemble/attachment-too-large'],
    ['PDF of 50,000 pages (over a minute before)', 'x.pdf', () => hostilePdf.manyPages(50_000), 'assemble/attachment-too-many-pages'],
  ])('%s', async (name, file, bytes, code) => {
    await checkHostile(attached(file, bytes, { name, mentions: [`att/${file}`, code], maxMs: 15_000, maxRssMiB: 600 }));
  });

  const twoPages = () => hostilePdf.manyPages(2);
  it('the page limit is a flag', async () => {
    await checkHostile(attached('two.pdf', twoPages, { name: 'render --max-attachment-pages 1', args: [...RENDER, '--max-attachment-pages', '1'], mentions: ['att/two.pdf', 'over the limit of 1 page for', '--max-attachment-pages'] }));
  });

  it('`check` applies the same limits', async () => {
    await checkHostile(attached('two.pdf', twoPages, { name: 'check --max-attachment-pages 1', args: ['check', 'case.yaml', '--date', '2026-11-26', '--max-attachment-pages', '1', '--format', 'json'], exit: 4, mentions: ['att/two.pdf', 'assemble/attachment-too-many-pages'] }));
  });

  it('`check` stops a bomb too', async () => {
    await checkHostile(attached('bomb.pdf', hostilePdf.contentBomb, { name: 'check on a PDF bomb', args: ['check', 'case.yaml', '--date', '2026-11-26', '--format', 'json'], exit: 4, mentions: ['att/bomb.pdf', 'assemble/attachment-too-large'], maxRssMiB: 600 }));
  });

  it('a real 600 dpi Letter scan with transparency (34 megapixels, decoded) still renders under 1 GB', async () => {
    // A legitimately big decode: more time than the bombs get (seconds on an idle machine, more on a busy one).
    await checkHostile(attached('scan.png', letterScan600Rgba, { name: '5100 × 6600 RGBA scan', exit: 0, absent: [], maxMs: 40_000, mentions: ['wrote out.pdf'], then: (_r, dir) => void lastPageStamped(dir) }));
  });

  it('every broken attachment is reported at once', async () => {
    await checkHostile({
      name: 'three broken attachments',
      files: {
        'case.yaml': caseYaml('att/a.png', (c) => c.attachments.push({ file: 'att/b.jpg', kind: 'other', title: 'B' }, { file: 'att/c.pdf', kind: 'other', title: 'C' })),
        'att/a.png': hostilePng.truncatedRgba,
        'att/b.jpg': hostileJpeg.zeroSize,
        'att/c.pdf': hostilePdf.contentBomb,
      },
      args: RENDER,
      exit: 5,
      mentions: ['att/a.png', 'att/b.jpg', 'att/c.pdf'],
    });
  });
});

describe('degenerate page boxes are normalised with a warning naming the attachment and page', () => {
  it.each([
    ['media box [0 0 0 0] (an infinite scale in the content stream before)', hostilePdf.zeroBox, /\(page 1\): it has no usable page size/],
    ['media box of names (refused as a damaged page tree before)', hostilePdf.namesBox, /\(page 1\): it has no usable page size/],
    ['a side of 10^40 points', hostilePdf.hugeBox, /\(page 1\): it has no usable page size/],
    ['no media box', hostilePdf.missingBox, /\(page 1\): it has no usable page size/],
    ['crop box of zero size', hostilePdf.zeroCropBox, /\(page 1\): its crop box is not a usable rectangle/],
  ])('%s', async (name, bytes, why) => {
    await checkHostile(
      attached('x.pdf', bytes, {
        name,
        exit: 0,
        absent: [],
        mentions: ['att/x.pdf', 'assemble/attachment-page-box', why],
        then: (_run, dir) => expect(lastPageStamped(dir)).toContain('Hostile page'),
      }),
    );
  });

  it('a box given corner-to-corner the other way round is simply used', async () => {
    const r = await checkHostile(attached('x.pdf', hostilePdf.reversedBox, { name: 'reversed box', exit: 0, absent: [], mentions: ['wrote out.pdf'], then: (_r, dir) => expect(lastPageStamped(dir)).toContain('Hostile page') }));
    // No warning about the attachment (the case itself starts before the packet date: a retroactive-request warning).
    expect(r.stderr).not.toContain('warning[assemble/');
  });
});

describe('damaged and unusual PDFs render or are refused, never exit 1', () => {
  it('a page without /Contents is a blank page (exit 1 before)', async () => {
    await checkHostile(attached('x.pdf', hostilePdf.noContents, { name: 'no /Contents', exit: 0, absent: [], mentions: ['wrote out.pdf'], then: (_r, dir) => void lastPageStamped(dir) }));
  });

  it('a page tree that loops back on itself', async () => {
    await checkHostile(attached('x.pdf', hostilePdf.cyclicTree, { name: 'cyclic page tree', exit: 0, absent: [], mentions: ['wrote out.pdf'], then: (_r, dir) => expect(lastPageStamped(dir)).toContain('Cyclic page tree') }));
  });

  it('a content stream cut short keeps what can be read, with a warning (exit 1 before)', async () => {
    await checkHostile(
      attached('x.pdf', hostilePdf.damagedSecondStream, {
        name: 'second content stream cut short',
        exit: 0,
        absent: [],
        mentions: ['att/x.pdf', 'assemble/attachment-repaired', 'page 1'],
        then: (_r, dir) => expect(lastPageStamped(dir)).toContain('First stream survives'),
      }),
    );
  });

  it("pdf-lib's console messages become a warning naming the file, nothing raw on stderr", async () => {
    const r = await checkHostile(
      attached('x.pdf', hostilePdf.junkObject, {
        name: 'object pdf-lib cannot parse',
        exit: 0,
        absent: [],
        mentions: ['att/x.pdf', 'assemble/attachment-repaired'],
        then: (_r, dir) => expect(lastPageStamped(dir)).toContain('Page next to a broken object'),
      }),
    );
    expect(r.stderr).not.toMatch(/Trying to parse|Invalid object ref/);
  });

  it("in a batch (worker threads) pdf-lib's messages stay out of the terminal too, and reach the report", async () => {
    await checkHostile(
      attached('x.pdf', hostilePdf.junkObject, {
        name: 'batch with an object pdf-lib cannot parse',
        args: ['batch', 'case.yaml', '-o', 'out', '--date', '2026-11-26', '--quiet'],
        exit: 0,
        absent: [],
        mentions: ['1 written'],
        then: (run, dir) => {
          expect(run.stderr).not.toMatch(/Trying to parse|Invalid object ref/);
          expect(readFileSync(path.join(dir, 'out', 'report.json'), 'utf8')).toContain('assemble/attachment-repaired');
        },
      }),
    );
  });
});

describe('filled form fields print', () => {
  let withAppearance: Uint8Array;
  let needAppearances: Uint8Array;
  beforeAll(async () => {
    withAppearance = await filledFormPdf('Tumor treating fields device');
    needAppearances = await filledFormPdf('Tumor treating fields device', false);
  });

  it.each([
    ['values with appearance streams', () => withAppearance],
    ['values the viewer was asked to draw (NeedAppearances)', () => needAppearances],
  ])('%s', async (name, bytes) => {
    await checkHostile(
      attached('order.pdf', bytes, {
        name,
        exit: 0,
        absent: [],
        mentions: ['wrote out.pdf'],
        then: (_r, dir) => {
          const text = lastPageStamped(dir);
          expect(text).toContain('Item ordered:');
          expect(text).toContain('Tumor treating fields device');
        },
      }),
    );
  });
});

describe('packet size', () => {
  let shared: Uint8Array;
  beforeAll(async () => {
    shared = await sharedResourcesPdf(12);
  });

  it('a 12-page attachment whose pages share a big image adds at most 10 % over its own size (the image was copied per page before)', async () => {
    await checkHostile(
      attached('shared.pdf', () => shared, {
        name: 'shared resources',
        exit: 0,
        absent: [],
        mentions: ['wrote out.pdf'],
        then: async (_r, dir) => {
          const listed = await runAuthpack([...RENDER.slice(0, 3), 'bare.pdf', ...RENDER.slice(4), '--attachments', 'list'], { cwd: dir });
          expect(listed.code).toBe(0);
          const added = statSync(path.join(dir, 'out.pdf')).size - statSync(path.join(dir, 'bare.pdf')).size;
          expect(added).toBeLessThanOrEqual(1.1 * shared.length);
        },
      }),
    );
  });
});
