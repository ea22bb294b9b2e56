// `authpack demo`: renders every bundled sample (samples/*.yaml) into a folder, as the README's quick start does,
// then imports and renders the FHIR samples (samples/fhir, demo-fhir.ts).
// Each sample is dated the day its letter was signed (the day such a packet is sent), unless --date says otherwise,
// so that no sample reads as a late or retroactive request and the output is the same on every run.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ExitCode, PacketError } from '../../diagnostics/errors.js';
import { generatePacket } from '../../generate-packet.js';
import { loadCase } from '../../load/load-case.js';
import { packageRoot } from '../../package-root.js';
import { writePacket } from '../../write/write-packet.js';
import type { CommandContext } from '../program.js';

export async function demoCommand(opts: { out: string; date?: string }, { reporter }: CommandContext): Promise<number> {
  const dir = path.join(packageRoot(), 'samples');
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  let failed = 0;
  for (const f of files) {
    try {
      const { raw, source, baseDir } = loadCase(path.join(dir, f));
      const result = await generatePacket(raw, { source, baseDir, date: opts.date ?? sampleDate(raw) });
      reporter.diagnostics(result.diagnostics.filter((d) => d.severity !== 'info'));
      const target = path.join(opts.out, f.replace(/\.(ya?ml|json)$/, '.pdf'));
      writePacket(result.bytes, target);
      reporter.status(`wrote ${target} (${result.pages} pages, ${(result.bytes.length / 1024).toFixed(0)} KB)`);
    } catch (err) {
      if (!(err instanceof PacketError)) throw err;
      failed++;
      reporter.diagnostics(err.diagnostics);
      reporter.status(`✗ samples/${f} failed`);
    }
  }
  failed += await (await import('./demo-fhir.js')).demoFhir(opts, reporter);
  return failed ? ExitCode.batchPartial : ExitCode.ok;
}

/** The day a sample's letter was signed, as its packet date; the library's default (now) when it has none. */
export function sampleDate(raw: unknown): string | undefined {
  const signed = (raw as { signature?: { date?: unknown } } | null)?.signature?.date;
  return typeof signed === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(signed) ? signed : undefined;
}
