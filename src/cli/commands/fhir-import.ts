// `authpack fhir import BUNDLE [-o case.yaml]`: maps an EHR's FHIR R4 export to a case, writes attachments carried
// inline next to it, optionally a JSON report, and lists the gaps FHIR cannot fill as warnings (exit 0).
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { ExitCode, UsageError } from '../../diagnostics/errors.js';
import { runImport } from '../../fhir/run-import.js';
import { writePacket } from '../../write/write-packet.js';
import type { CommandContext } from '../program.js';

export interface FhirImportFlags {
  output?: string;
  with?: string;
  report?: string;
  overwrite?: boolean;
}

export function fhirImportCommand(file: string, opts: FhirImportFlags, { io, reporter }: CommandContext): number {
  const result = runImport(file, { ...(opts.output ? { output: opts.output } : {}), ...(opts.with ? { companion: opts.with } : {}) });
  if (result.inline.length && !opts.output) {
    throw new UsageError([{ code: 'fhir/needs-output', severity: 'error', message: `${file} carries ${result.inline.length} attachment${result.inline.length === 1 ? '' : 's'} inline, which must be saved as files beside the case.`, hint: 'Give -o case.yaml; the attachments are written to a folder next to it.' }]);
  }
  // Never replace the FHIR file or the companion; an existing case or report only with --overwrite.
  const rules = { replace: opts.overwrite ? ('any' as const) : ('pdf' as const), protect: [file, ...(opts.with ? [opts.with] : [])] };
  for (const f of result.inline) writePacket(f.bytes, path.join(result.caseDir, f.file), rules);
  if (opts.output) writePacket(Buffer.from(result.yaml), opts.output, rules);
  else io.out(result.yaml.trimEnd());
  if (opts.report) writePacket(Buffer.from(JSON.stringify(result.report, null, 2) + '\n'), opts.report, rules);
  const gaps: Diagnostic[] = result.report.gaps.map((g) => ({
    code: 'fhir/gap',
    severity: 'warning',
    message: `\`${g.field}\` is left to fill: ${g.reason}.`,
    hint: opts.output ? `Write it in ${opts.output} (it is null, marked TO FILL), or give it in a --with file.` : 'Write it in the case (it is null, marked TO FILL), or give it in a --with file.',
  }));
  reporter.diagnostics(gaps);
  const { mapped, ignored } = result.report;
  reporter.status(`${opts.output ? `wrote ${opts.output}` : 'imported'}: ${mapped.length} fields mapped, ${ignored.length} resources or elements ignored${opts.report ? ` (see ${opts.report})` : ' (--report lists them)'}, ${gaps.length} to fill`);
  return ExitCode.ok;
}
