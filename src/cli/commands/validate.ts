// `authpack validate CASE...`: the case format, the cross-field rules, the payer id and that every attachment file is
// there, all reported in one pass; exit 3 if any case is invalid. Attachments are not read (`check` reads them).
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { ExitCode, PacketError } from '../../diagnostics/errors.js';
import { summarize } from '../../diagnostics/format-diagnostics.js';
import { loadCase } from '../../load/load-case.js';
import { isoDay, resolvePacketDate } from '../../packet-date.js';
import { validateCase } from '../../validate/validate-case.js';
import { loadPayer } from '../../payers/load-payer.js';
import type { CommandContext } from '../program.js';

export interface ValidateFlags {
  date?: string;
  payers?: string[];
  allowOutside?: boolean;
  /** `list`: the attachments are sent separately, so their files are not looked for. */
  attachments?: 'merge' | 'list';
}

export function validateCommand(files: string[], opts: ValidateFlags, { reporter }: CommandContext): number {
  const today = isoDay(resolvePacketDate(opts.date));
  let invalid = 0;
  for (const file of files) {
    try {
      const { raw, source, baseDir } = loadCase(file);
      const result = validateCase(raw, {
        source,
        today,
        payerDirs: opts.payers ?? [],
        attachmentFiles: { baseDir, allowOutside: opts.allowOutside ?? false, listed: opts.attachments === 'list' },
      });
      // The payer profile itself must also be readable (a broken profile of your own is named here).
      if (result.case) {
        try {
          loadPayer(result.case.payer, opts.payers ?? []);
        } catch (err) {
          if (!(err instanceof PacketError)) throw err;
          for (const d of err.diagnostics) result.diagnostics.push(d.path ? { ...d, place: source.locate(d.path) } : d);
        }
      }
      reporter.diagnostics(result.diagnostics);
      if (hasErrors(result.diagnostics)) {
        invalid++;
        reporter.status(`✗ ${file}: invalid (${summarize(result.diagnostics)})`);
      } else reporter.status(`✓ ${file}: valid${result.diagnostics.length ? ` (${summarize(result.diagnostics)})` : ''}`);
    } catch (err) {
      if (!(err instanceof PacketError)) throw err;
      invalid++;
      reporter.diagnostics(err.diagnostics);
      reporter.status(`✗ ${file}: cannot be read`);
    }
  }
  return invalid > 0 ? ExitCode.inputInvalid : ExitCode.ok;
}
