// A forced packet (preflight errors overridden) carries a visible DRAFT mark on every page.
import { describe, expect, it } from 'vitest';
import { PreflightError } from '../../src/diagnostics/errors.js';
import { generatePacket } from '../../src/generate-packet.js';
import { buildCase, TODAY, SAMPLES_DIR } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';

describe('DRAFT packets', () => {
  const raw = buildCase((c) => (c.items[0].hcpcs = 'E0711'));

  it('refuses to render with preflight errors unless forced', async () => {
    await expect(generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY })).rejects.toBeInstanceOf(PreflightError);
  });

  it('marks every page of a forced packet', async () => {
    const result = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY, force: true });
    expect(result.draft).toBe(true);
    const { pages, info } = await extractText(result.bytes);
    for (const page of pages) expect(page).toContain('DRAFT · NOT FOR SUBMISSION');
    expect(String(info.Title)).toMatch(/^DRAFT /);
  });

  it('does not mark a packet without errors', async () => {
    const result = await generatePacket(buildCase(), { baseDir: SAMPLES_DIR, date: TODAY });
    expect(result.draft).toBe(false);
    const { pages } = await extractText(result.bytes);
    expect(pages.join('\n')).not.toContain('DRAFT');
  });
});
