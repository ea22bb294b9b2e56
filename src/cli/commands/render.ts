// `authpack render CASE -o OUT.pdf`: the whole pipeline for one case, written atomically.
import { summarize } from '../../diagnostics/format-diagnostics.js';
import { ExitCode } from '../../diagnostics/errors.js';
import { generatePacket } from '../../generate-packet.js';
import { loadCase } from '../../load/load-case.js';
import { writePacket } from '../../write/write-packet.js';
import type { CommandContext, RenderFlags } from '../program.js';

export async function renderCommand(file: string, opts: RenderFlags, { reporter }: CommandContext): Promise<number> {
  const { raw, source } = loadCase(file);
  const result = await generatePacket(raw, {
    source,
    ...(opts.payer ? { payer: opts.payer } : {}),
    payerDirs: opts.payers ?? [],
    templateDirs: opts.templates ?? [],
    ...(opts.date ? { date: opts.date } : {}),
    ...(opts.force ? { force: true } : {}),
  });
  // Notes (the decision clock, codes outside the table) belong to `check`; render shows what needs attention.
  const shown = reporter.format === 'json' ? result.diagnostics : result.diagnostics.filter((d) => d.severity !== 'info');
  reporter.diagnostics(shown);
  const target = opts.output ?? `${result.case.caseId}.pdf`;
  writePacket(result.bytes, target);
  const kb = (result.bytes.length / 1024).toFixed(0);
  reporter.status(`wrote ${target} (${result.pages} pages, ${kb} KB${shown.length ? `; ${summarize(shown)}` : ''})${result.draft ? ' — DRAFT: preflight errors were overridden; do not submit' : ''}`);
  return ExitCode.ok;
}
