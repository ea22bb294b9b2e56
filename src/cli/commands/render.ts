// `authpack render CASE -o OUT.pdf`: the whole pipeline for one case, written atomically.
import { summarize } from '../../diagnostics/format-diagnostics.js';
import { ExitCode } from '../../diagnostics/errors.js';
import { generatePacket } from '../../generate-packet.js';
import { loadCase } from '../../load/load-case.js';
import { writePacket } from '../../write/write-packet.js';
import type { CommandContext, RenderFlags } from '../program.js';

export async function renderCommand(file: string, opts: RenderFlags, { reporter }: CommandContext): Promise<number> {
  const { raw, source, baseDir } = loadCase(file);
  const result = await generatePacket(raw, {
    source,
    baseDir,
    attachments: opts.attachments ?? 'merge',
    allowOutside: opts.allowOutside ?? false,
    ...(opts.maxAttachmentMb ? { maxAttachmentBytes: Math.round(opts.maxAttachmentMb * 1048576) } : {}),
    ...(opts.maxAttachmentPages ? { maxAttachmentPages: opts.maxAttachmentPages } : {}),
    ...(opts.batesPrefix ? { batesPrefix: opts.batesPrefix } : {}),
    split: opts.split ?? false,
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
  if (result.split) {
    // Every part is complete before any is renamed into place.
    for (const part of result.split) {
      const name = partName(target, part.part, part.of);
      writePacket(part.bytes, name);
      reporter.status(`wrote ${name} (part ${part.part} of ${part.of}: packet pages ${part.first}–${part.last}, ${(part.bytes.length / 1024).toFixed(0)} KB)`);
    }
    return ExitCode.ok;
  }
  writePacket(result.bytes, target);
  const kb = (result.bytes.length / 1024).toFixed(0);
  reporter.status(`wrote ${target} (${result.pages} pages, ${kb} KB${shown.length ? `; ${summarize(shown)}` : ''})${result.draft ? ' — DRAFT: preflight errors were overridden; do not submit' : ''}`);
  return ExitCode.ok;
}

/** `out/packet.pdf` → `out/packet-part1-of-3.pdf` */
export function partName(target: string, k: number, n: number): string {
  return target.replace(/(\.pdf)?$/i, `-part${k}-of-${n}.pdf`);
}
