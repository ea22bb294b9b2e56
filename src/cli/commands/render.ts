// `authpack render CASE -o OUT.pdf`: the whole pipeline for one case. The output is checked and reserved before
// anything is rendered (never the case file, an attachment, a device or a non-PDF without --overwrite), written
// atomically, and `-o -` sends it to standard output; an interrupt removes the temp file (exit 130/143).
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { summarize } from '../../diagnostics/format-diagnostics.js';
import { ExitCode, PacketError } from '../../diagnostics/errors.js';
import { exportPas } from '../../fhir/export-pas.js';
import { loadCase } from '../../load/load-case.js';
import { resolvePacketDate } from '../../packet-date.js';
import { caseInputFiles } from '../../write/input-files.js';
import { cleanUpOnInterrupt } from '../../write/interrupt.js';
import { prepareWrite, type PendingWrite, type WriteOptions } from '../../write/write-packet.js';
import { partName, removeStaleOutputs, writeParts } from '../../write/write-parts.js';
import { checkStdout, writeStdout } from '../../write/write-stdout.js';
import type { CommandContext, RenderFlags } from '../program.js';
import { generateOrStop } from './generate-or-stop.js';

export async function renderCommand(file: string, opts: RenderFlags, { reporter }: CommandContext): Promise<number> {
  const toStdout = opts.output === '-';
  if (toStdout && opts.split) {
    throw new PacketError(
      [{ code: 'write/split-to-stdout', severity: 'error', message: '--split writes several files, so it cannot write to standard output (-o -).', hint: 'Give a file name with -o (for example -o packet.pdf gives packet-part1-of-N.pdf …), or leave out --split.' }],
      ExitCode.usage,
    );
  }
  const stopHandling = cleanUpOnInterrupt('authpack render');
  let pending: PendingWrite | undefined;
  let fhirPending: PendingWrite | undefined;
  try {
    const { raw, source, baseDir } = loadCase(file);
    const rules: WriteOptions = { replace: opts.overwrite ? 'any' : 'pdf', protect: caseInputFiles(file === '-' ? undefined : file, raw, baseDir) };
    // Fail fast: a target that is refused or a folder that cannot be written stops the run before rendering.
    if (toStdout) checkStdout();
    else {
      const early = opts.output ?? rawCaseFileName(raw);
      if (early) pending = prepareWrite(early, rules);
    }
    // The PAS bundle (--fhir) is reserved up front too, and gets the same packet date as the PDF.
    const fhirTarget = opts.fhir ? prepareWrite(opts.fhir, { replace: opts.overwrite ? 'any' : 'json', protect: [...(rules.protect ?? []), ...(pending ? [{ path: pending.target.path, label: 'the packet PDF' }] : [])] }) : undefined;
    fhirPending = fhirTarget;
    const date = resolvePacketDate(opts.date);
    // When preflight stops the render: its findings, then one line saying nothing was written and the two ways on.
    const result = await generateOrStop(raw, {
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
      date,
      ...(opts.force ? { force: true } : {}),
    }, reporter, (errors) =>
      `✗ ${file}: not rendered; nothing was written (preflight found ${errors === 1 ? '1 error' : `${errors} errors`}). Fix ${errors === 1 ? 'it' : 'them'} and render again, or pass --force for a draft marked "DRAFT · NOT FOR SUBMISSION" on every page.`);
    if (!result) return ExitCode.preflightBlocked;
    // Notes (the decision clock, codes outside the table) belong to `check`; render shows what needs attention.
    const shown = result.diagnostics.filter((d) => reporter.format === 'json' || d.severity !== 'info');
    reporter.diagnostics(shown);
    const kb = (n: number) => (n / 1024).toFixed(0);
    if (fhirTarget) {
      const exported = await exportPas(result, { date, ...(opts.payer ? { payer: opts.payer } : {}), payerDirs: opts.payers ?? [], baseDir, allowOutside: opts.allowOutside ?? false });
      reporter.diagnostics(exported.diagnostics);
      fhirTarget.fill(new TextEncoder().encode(exported.json));
      fhirTarget.commit();
      reporter.status(`wrote ${opts.fhir} (PAS request bundle: ${exported.bundle.entry?.length ?? 0} resources)`);
    }
    const draft = result.draft ? ' — DRAFT: preflight errors were overridden; do not submit' : '';

    if (toStdout) {
      await writeStdout(result.bytes);
      reporter.status(`wrote the packet to standard output (${result.pages} pages, ${kb(result.bytes.length)} KB${shown.length ? `; ${summarize(shown)}` : ''})${draft}`);
      return ExitCode.ok;
    }

    const target = opts.output ?? `${result.case.caseId}.pdf`;
    if (result.split) {
      pending?.abort();
      const named = result.split.map((part) => ({ ...part, name: partName(target, part.part, part.of) }));
      writeParts(named, rules);
      for (const part of named) reporter.status(`wrote ${part.name} (part ${part.part} of ${part.of}: packet pages ${part.first}–${part.last}, ${kb(part.bytes.length)} KB)`);
      reportStale(target, named.length, rules, reporter);
      return ExitCode.ok;
    }
    if (!pending || pending.target.given !== target) {
      pending?.abort();
      pending = prepareWrite(target, rules);
    }
    pending.fill(result.bytes);
    pending.commit();
    reporter.status(`wrote ${target} (${result.pages} pages, ${kb(result.bytes.length)} KB${shown.length ? `; ${summarize(shown)}` : ''})${draft}`);
    reportStale(target, 0, rules, reporter);
    return ExitCode.ok;
  } finally {
    pending?.abort();
    fhirPending?.abort();
    stopHandling();
  }
}

/** `<caseId>.pdf` from the unvalidated case, when the id is usable as a name (validation decides the rest). */
function rawCaseFileName(raw: unknown): string | undefined {
  const id = (raw as { caseId?: unknown } | null)?.caseId;
  return typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id.trim()) ? `${id.trim()}.pdf` : undefined;
}

/** Removes an earlier render's leftovers for the same target (other part counts, the unsplit packet) and says so. */
function reportStale(target: string, parts: number, rules: WriteOptions, reporter: CommandContext['reporter']): void {
  const stale = removeStaleOutputs(target, parts, rules);
  for (const f of stale.removed) reporter.status(`authpack render: removed ${f} (left by an earlier render to ${target})`);
  const kept: Diagnostic[] = stale.kept.map((f) => ({
    code: 'write/stale-output-kept',
    severity: 'warning',
    message: `${f} looks like an earlier render to ${target} but is not a PDF file authpack can replace, so it was left as it is.`,
    hint: 'Check it is not part of an old packet before sending the new one; remove or rename it.',
  }));
  reporter.diagnostics(kept);
}
