// `authpack check CASE...`: preflight denial checks and the attachments; exit 4 when any error remains (--strict: any
// warning too).
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { ExitCode, InputError, PacketError } from '../../diagnostics/errors.js';
import { summarize } from '../../diagnostics/format-diagnostics.js';
import { loadCase } from '../../load/load-case.js';
import { isoDay, resolvePacketDate } from '../../packet-date.js';
import { checkCase } from '../../preflight/check-case.js';
import { loadAttachments } from '../../assemble/load-attachments.js';
import { orderAttachments } from '../../assemble/order-attachments.js';
import { formatCheckReport } from '../../preflight/format-check-report.js';
import type { CommandContext } from '../program.js';

export interface CheckFlags {
  date?: string;
  payer?: string;
  payers?: string[];
  strict?: boolean;
  allowOutside?: boolean;
  maxAttachmentMb?: number;
  maxAttachmentPages?: number;
  /** `list`: the attachments are sent separately, so their files are neither looked for nor read. */
  attachments?: 'merge' | 'list';
}

export async function checkCommand(files: string[], opts: CheckFlags, { reporter }: CommandContext): Promise<number> {
  const today = isoDay(resolvePacketDate(opts.date));
  let worst: number = ExitCode.ok;
  for (const file of files) {
    try {
      const { raw, source, baseDir } = loadCase(file);
      const merged = opts.attachments !== 'list';
      const allowOutside = opts.allowOutside ?? false;
      const result = checkCase(raw, {
        today,
        source,
        ...(opts.payer ? { payer: opts.payer } : {}),
        payerDirs: opts.payers ?? [],
        attachmentFiles: { baseDir, allowOutside, listed: !merged },
      });
      // The attachments are read too, so a file that cannot be used shows up before the packet is rendered.
      if (merged) {
        try {
          const loaded = await loadAttachments(result.case, orderAttachments(result.case, result.payer), {
            baseDir,
            allowOutside,
            ...(opts.maxAttachmentMb ? { maxBytes: Math.round(opts.maxAttachmentMb * 1048576) } : {}),
            ...(opts.maxAttachmentPages ? { maxPages: opts.maxAttachmentPages } : {}),
          });
          for (const a of loaded) result.diagnostics.push(...a.diagnostics.map((d) => (d.path ? { ...d, place: source.locate(d.path) } : d)));
        } catch (err) {
          // A file gone since validation looked (InputError) is an input problem like any missing file.
          if (err instanceof InputError) throw err;
          if (!(err instanceof PacketError)) throw err;
          result.diagnostics.push(...err.diagnostics.map((d) => (d.path ? { ...d, place: source.locate(d.path) } : d)));
        }
      }
      reporter.status(formatCheckReport(file, result) + '\n');
      reporter.diagnostics(result.diagnostics);
      const errors = hasErrors(result.diagnostics);
      const blocked = errors || (opts.strict === true && result.diagnostics.some((d) => d.severity === 'warning'));
      const advice = errors ? ' — fix the errors before submitting' : blocked ? ' — with --strict, fix the warnings before submitting' : '';
      reporter.status(`${blocked ? '✗' : '✓'} ${file}: ${summarize(result.diagnostics)}${advice}\n`);
      if (blocked && worst === ExitCode.ok) worst = ExitCode.preflightBlocked;
    } catch (err) {
      if (!(err instanceof PacketError)) throw err;
      reporter.diagnostics(err.diagnostics);
      reporter.status(`✗ ${file}: invalid case\n`);
      worst = ExitCode.inputInvalid;
    }
  }
  return worst;
}
