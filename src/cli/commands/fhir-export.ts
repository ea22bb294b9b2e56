// `authpack fhir export CASE -o pas-bundle.json`: renders the packet (validate, preflight, render, as `render` does)
// and writes the Da Vinci PAS request Bundle that carries it, atomically and readable by the owner only.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { summarize } from '../../diagnostics/format-diagnostics.js';
import { ExitCode } from '../../diagnostics/errors.js';
import { exportPas } from '../../fhir/export-pas.js';
import { loadCase } from '../../load/load-case.js';
import { resolvePacketDate } from '../../packet-date.js';
import { caseInputFiles } from '../../write/input-files.js';
import { cleanUpOnInterrupt } from '../../write/interrupt.js';
import { prepareWrite, type PendingWrite, type WriteOptions } from '../../write/write-packet.js';
import type { CommandContext, RenderFlags } from '../program.js';
import { generateOrStop } from './generate-or-stop.js';

/** `render`'s flags that also apply to an export, and the bundle's path (required). */
export type FhirExportFlags = Pick<RenderFlags, 'overwrite' | 'payer' | 'payers' | 'templates' | 'date' | 'force' | 'allowOutside'> & { output: string };

export async function fhirExportCommand(file: string, opts: FhirExportFlags, { reporter }: CommandContext): Promise<number> {
  const { raw, source, baseDir } = loadCase(file);
  const rules: WriteOptions = { replace: opts.overwrite ? 'any' : 'json', protect: caseInputFiles(file === '-' ? undefined : file, raw, baseDir) };
  const stopHandling = cleanUpOnInterrupt('authpack fhir export');
  let pending: PendingWrite | undefined;
  try {
    pending = prepareWrite(opts.output, rules);
    const date = resolvePacketDate(opts.date);
    const result = await generateOrStop(raw, {
      source,
      baseDir,
      allowOutside: opts.allowOutside ?? false,
      ...(opts.payer ? { payer: opts.payer } : {}),
      payerDirs: opts.payers ?? [],
      templateDirs: opts.templates ?? [],
      date,
      ...(opts.force ? { force: true } : {}),
    }, reporter, () =>
      `✗ ${file}: not exported; nothing was written (preflight found errors). Fix them and export again, or pass --force for a bundle whose packet is marked DRAFT.`);
    if (!result) return ExitCode.preflightBlocked;
    const exported = await exportPas(result, { date, ...(opts.payer ? { payer: opts.payer } : {}), payerDirs: opts.payers ?? [], baseDir, allowOutside: opts.allowOutside ?? false });
    const shown: Diagnostic[] = [...result.diagnostics, ...exported.diagnostics].filter((d) => reporter.format === 'json' || d.severity !== 'info');
    reporter.diagnostics(shown);
    pending.fill(new TextEncoder().encode(exported.json));
    pending.commit();
    const entries = exported.bundle.entry?.length ?? 0;
    reporter.status(`wrote ${opts.output} (PAS request bundle: ${entries} resources, packet of ${result.pages} pages inline${shown.length ? `; ${summarize(shown)}` : ''})${result.draft ? ' — DRAFT: preflight errors were overridden; do not submit' : ''}`);
    return ExitCode.ok;
  } finally {
    pending?.abort();
    stopHandling();
  }
}
