// Golden check reports: what `authpack check` says about each sample, and every shipped profile against the samples.
import { sampleDate } from '../../src/cli/commands/demo.js';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../src/diagnostics/format-diagnostics.js';
import { generatePacket } from '../../src/generate-packet.js';
import { loadCase } from '../../src/load/load-case.js';
import { listPayerIds, loadPayer } from '../../src/payers/load-payer.js';
import { checkCase } from '../../src/preflight/check-case.js';
import { formatCheckReport } from '../../src/preflight/format-check-report.js';
import { ROOT, TODAY } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';

const samples = readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.yaml')).sort();
const rel = (f: string) => path.relative(ROOT, f);
/** Samples whose payer profile has a coverage policy (example-health-plan, a form-only payer, has none). */
function hasPolicy(file: string): boolean {
  const { raw } = loadCase(path.join(ROOT, 'samples', file));
  return loadPayer((raw as { payer: string }).payer).policy !== undefined;
}

describe.each(samples)('check report for %s', (file) => {
  const full = path.join(ROOT, 'samples', file);
  it('matches the expected report and has no errors', async () => {
    const { raw, source } = loadCase(full);
    const r = checkCase(raw, { today: sampleDate(raw)!, source: { ...source, file: rel(full), locate: (p, o) => ({ ...source.locate(p, o), file: rel(full) }) } });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await expect(`${formatCheckReport(`samples/${file}`, r)}\n\n${formatDiagnostics(r.diagnostics)}\n`).toMatchFileSnapshot(`./expected/${file.replace('.yaml', '.check.txt')}`);
  });

});

describe.each(samples.filter(hasPolicy))('criteria in the letter of %s', (file) => {
  const full = path.join(ROOT, 'samples', file);
  it("prints the payer's criteria, the evidence and the policy number and date in the letter", async () => {
    const { raw, baseDir } = loadCase(full);
    const result = await generatePacket(raw, { baseDir, date: sampleDate(raw) });
    const payer = loadPayer(result.case.payer);
    const pages = (await extractText(result.bytes)).pages;
    const letter = pages.join('\n').replace(/\s+/g, ' ');
    expect(letter).toContain(`policy ${payer.policy!.number}`);
    // The citation says the criteria are summarised (or quoted) and never dates them after the letter's own date.
    const citation = /The criteria below are (summarised|quoted|taken) from (.+?)\. /.exec(letter);
    expect(citation?.[2]).toContain(`policy ${payer.policy!.number}`);
    const signed = result.case.signature.date.replace(/(\d{4})-(\d\d)-(\d\d)/, '$2/$3/$1');
    const toIso = (us: string) => us.replace(/(\d\d)\/(\d\d)\/(\d{4})/, '$3-$1-$2');
    for (const d of citation![2]!.match(/\d\d\/\d\d\/\d{4}/g) ?? []) expect(toIso(d) <= toIso(signed), `${d} cited in a letter of ${signed}`).toBe(true);
    expect(letter).not.toMatch(/criteria as published/);
    const cited = result.criteria.filter((o) => !o.criterion.unconfirmed);
    expect(cited.length).toBeGreaterThan(0);
    // Each criterion is a table row: its number, the first words of the criterion, its status and evidence on one line.
    // A quoted criterion's row opens with its quotation mark: "1 “no sooner …".
    const lines = pages.flatMap((p) => p.split('\n').map((l) => l.replace(/\s+/g, ' ').trim().replace(/^(\d+) [“"]/, '$1 ')));
    const status = { met: 'Met', 'not-met': 'Not met', unknown: 'Not documented' } as const;
    cited.forEach((o, i) => {
      const words = (s: string) => s.replace(/^[“"]/, '').split(/\s+/).slice(0, 2).join(' ');
      // A quoted criterion opens with a quotation mark.
      const row = lines.find((l) => (l.startsWith(`${i + 1} ${words(o.criterion.text)}`) || l.startsWith(`${i + 1} “${words(o.criterion.text)}`)) && l.includes(status[o.result.status]));
      expect(row, `criterion ${i + 1}: ${o.criterion.text}`).toBeDefined();
      expect(row).toContain(words(o.result.evidence));
    });
    // An unconfirmed criterion is never quoted to the payer.
    for (const o of result.criteria.filter((x) => x.criterion.unconfirmed)) expect(letter).not.toContain(o.criterion.text.replace(/\s+/g, ' ').slice(0, 40));
  });
});

describe('shipped payer profiles', () => {
  it.each(listPayerIds())('%s loads and renders every sample (forced where its criteria are not met)', async (id) => {
    const profile = loadPayer(id);
    expect(profile.id).toBe(id);
    for (const file of samples) {
      const { raw, baseDir } = loadCase(path.join(ROOT, 'samples', file));
      const result = await generatePacket(raw, { date: TODAY, baseDir, payer: id, force: true });
      expect(result.pages).toBeGreaterThan(3);
      expect(result.draft).toBe(result.diagnostics.some((d) => d.severity === 'error'));
    }
  });
});
