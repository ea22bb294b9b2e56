// The render step `render`, `fhir export` and `render --fhir` share: generate the packet, or, when preflight stops it,
// report the findings and one closing line saying nothing was written and the two ways on.
import { PreflightError } from '../../diagnostics/errors.js';
import { generatePacket, type GenerateOptions, type PacketResult } from '../../generate-packet.js';
import type { Reporter } from '../report.js';

/** The packet, or undefined when preflight stopped it (already reported; the command exits 4). */
export async function generateOrStop(raw: unknown, options: GenerateOptions, reporter: Reporter, stopped: (errors: number) => string): Promise<PacketResult | undefined> {
  try {
    return await generatePacket(raw, options);
  } catch (err) {
    if (!(err instanceof PreflightError)) throw err;
    reporter.diagnostics(err.diagnostics.filter((d) => reporter.format === 'json' || d.severity !== 'info'));
    reporter.status(stopped(err.diagnostics.filter((d) => d.severity === 'error').length));
    return undefined;
  }
}
