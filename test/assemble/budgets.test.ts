// Page and byte budgets: over one, render fails with a clear message, or --split writes parts "k of n".
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { parse, stringify } from 'yaml';
import { RenderError } from '../../src/diagnostics/errors.js';
import { generatePacket } from '../../src/generate-packet.js';
import { loadCase } from '../../src/load/load-case.js';
import { ROOT, TODAY } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';

/** A copy of example-health-plan under a new id with the given budgets. */
function payerWithBudgets(budgets: object): string {
  const dir = makeTempDir('payers');
  cpSync(path.join(ROOT, 'templates', 'payers', 'example-health-plan'), path.join(dir, 'tight-plan'), { recursive: true });
  const file = path.join(dir, 'tight-plan', 'profile.yaml');
  const profile = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, stringify({ ...profile, id: 'tight-plan', budgets }));
  return dir;
}

const demo = loadCase(path.join(ROOT, 'samples', 'attachments-demo.yaml'));
const render = (payerDir: string, split: boolean) => generatePacket(demo.raw, { date: TODAY, baseDir: demo.baseDir, payer: 'tight-plan', payerDirs: [payerDir], split });

describe('budgets', () => {
  it('fails with the page count and the limit when the packet is over the page budget', async () => {
    const err = await render(payerWithBudgets({ maxPages: 5 }), false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect((err as RenderError).diagnostics[0]).toMatchObject({ code: 'assemble/over-budget', message: expect.stringMatching(/\d+ pages \(limit 5\)/), hint: expect.stringContaining('--split') });
  });

  it('with split, writes parts that each fit, open with "part k of n", and keep every packet page once, in order', async () => {
    const result = await render(payerWithBudgets({ maxPages: 5 }), true);
    const parts = result.split!;
    expect(parts.length).toBe(Math.ceil(result.pages / 4));
    let next = 1;
    for (const p of parts) {
      expect(p.pages).toBeLessThanOrEqual(5);
      expect(p.first).toBe(next);
      next = p.last + 1;
      const text = await extractText(p.bytes);
      expect(text.pages[0]).toContain(`part ${p.part} of ${parts.length}`);
      expect(text.pages[0]).toContain(`pages ${p.first}–${p.last} of the ${result.pages}-page packet`);
      text.pages.slice(1).forEach((page, i) => expect(page).toContain(`Page ${p.first + i} of ${result.pages}`));
    }
    expect(next).toBe(result.pages + 1);
  });

  it('splits by size when the packet is over the byte budget', async () => {
    const whole = await render(payerWithBudgets({}), false);
    const result = await render(payerWithBudgets({ maxBytes: Math.floor(whole.bytes.length * 0.8) }), true);
    expect(result.split!.length).toBeGreaterThan(1);
    for (const p of result.split!) expect(p.bytes.length).toBeLessThanOrEqual(Math.floor(whole.bytes.length * 0.8));
  });
});
