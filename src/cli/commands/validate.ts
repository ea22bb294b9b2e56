// `authpack validate CASE...`: schema and cross-field checks only; exit 3 if any case is invalid.
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { ExitCode, PacketError } from '../../diagnostics/errors.js';
import { summarize } from '../../diagnostics/format-diagnostics.js';
import { loadCase } from '../../load/load-case.js';
import { isoDay, resolvePacketDate } from '../../packet-date.js';
import { validateCase } from '../../validate/validate-case.js';
import { loadPayer } from '../../payers/load-payer.js';
import type { CommandContext } from '../program.js';

export function validateCommand(files: string[], opts: { date?: string; payers?: string[] }, { reporter }: CommandContext): number {
  const today = isoDay(resolvePacketDate(opts.date));
  let invalid = 0;
  for (const file of files) {
    try {
      const { raw, source } = loadCase(file);
      const result = validateCase(raw, { source, today });
      // A valid case must also name a payer profile that exists.
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
