// The export step shared by `fhir export` and `render --fhir`: from a rendered packet result to the PAS request
// Bundle as JSON text (2-space indented, newline-terminated), plus the PAS rule findings.
import type { Bundle } from '@medplum/fhirtypes';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PacketResult } from '../generate-packet.js';
import { loadPayer } from '../payers/load-payer.js';
import { buildPasBundle } from './build-pas-bundle.js';
import { checkPasBundle } from './check-pas-bundle.js';
import { readAttachmentData } from './read-attachment-data.js';

export interface PasExportOptions {
  /** The packet date the packet was rendered with (resolve it once, so bundle and PDF agree). */
  date: Date;
  payer?: string;
  payerDirs?: readonly string[];
  baseDir: string;
  allowOutside?: boolean;
}

export interface PasExport {
  bundle: Bundle;
  json: string;
  diagnostics: Diagnostic[];
}

export function exportPas(result: Pick<PacketResult, 'case' | 'bytes'>, options: PasExportOptions): PasExport {
  const c = result.case;
  const payer = loadPayer(options.payer ?? c.payer, options.payerDirs ?? []);
  const bundle = buildPasBundle(c, {
    date: options.date,
    payerName: c.coverage.payerName ?? payer.displayName,
    packet: result.bytes,
    attachments: readAttachmentData(c, options.baseDir, options.allowOutside ?? false),
  });
  const diagnostics = checkPasBundle(bundle);
  return { bundle, json: `${JSON.stringify(bundle, null, 2)}\n`, diagnostics };
}
