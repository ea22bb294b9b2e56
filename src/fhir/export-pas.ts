// The export step shared by `fhir export` and `render --fhir`: from a rendered packet result to the PAS request
// Bundle as JSON text (2-space indented, newline-terminated), plus the warnings for what the case does not state. A
// bundle that breaks a PAS rule or profile is never returned: that is a RenderError (exit 5).
import type { Bundle } from '@medplum/fhirtypes';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isAppeal } from '../appeal/coverage-kind.js';
import { InputError, RenderError } from '../diagnostics/errors.js';
import type { PacketResult } from '../generate-packet.js';
import { loadPayer } from '../payers/load-payer.js';
import { buildPasBundle } from './build-pas-bundle.js';
import { checkPasBundle } from './check-pas-bundle.js';
import { checkPasProfiles } from './check-pas-profiles.js';
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

export async function exportPas(result: Pick<PacketResult, 'case' | 'bytes'>, options: PasExportOptions): Promise<PasExport> {
  const c = result.case;
  // PAS carries prior-authorization requests (X12 278 requests and their responses); an appeal is not one.
  if (isAppeal(c)) {
    throw new InputError([
      {
        code: 'fhir/appeal-not-pas',
        severity: 'error',
        path: ['request', 'kind'],
        message: 'An appeal case cannot be exported as a Da Vinci PAS request bundle: PAS carries prior-authorization requests, not appeals of their denials.',
        hint: 'Send the appeal packet (`authpack render`) by the route on the denial notice; export the original request (request.kind initial or continuation) if the payer takes PAS.',
      },
    ]);
  }
  const payer = loadPayer(options.payer ?? c.payer, options.payerDirs ?? []);
  const bundle = buildPasBundle(c, {
    date: options.date,
    payerName: c.coverage.payerName ?? payer.displayName,
    packet: result.bytes,
    attachments: readAttachmentData(c, options.baseDir, options.allowOutside ?? false),
  });
  const rules = checkPasBundle(bundle);
  const profile = [...new Map((await checkPasProfiles(bundle)).flatMap((d) => caseGap(d, c, rules)).map((d) => [d.message, d])).values()];
  const diagnostics = [...rules, ...profile];
  // An error here is a fault in authpack's export, not in the case: nothing is written (exit 5).
  if (hasErrors(diagnostics)) throw new RenderError(diagnostics);
  return { bundle, json: `${JSON.stringify(bundle, null, 2)}\n`, diagnostics };
}

/**
 * Profile findings that come from what the case does not state, rather than from a fault in the export, are said once
 * in the case's terms: a missing place of service is already the `fhir/pas-item-location` warning; PAS requires the
 * policyholder's relationship to the patient, and the policyholder when it is not the patient (PASCoverage invariant
 * self-beneficiary), which a case without `coverage.subscriber` does not give and authpack does not guess; a
 * policyholder other than the patient is a PASSubscriber, whose member ID and sex the case format does not carry.
 */
function caseGap(d: Diagnostic, c: PacketResult['case'], rules: readonly Diagnostic[]): Diagnostic[] {
  if (/\.item\[\d+\]\.location\[x\]: Missing required property/.test(d.message) && rules.some((r) => r.code === 'fhir/pas-item-location')) return [];
  const subscriberGap = (slug: string, message: string, hint: string): Diagnostic[] => [{ code: `fhir/${slug}`, severity: 'warning', path: ['coverage', 'subscriber'], message, hint }];
  if (d.message.includes('self-beneficiary') && !c.coverage.subscriber) {
    return subscriberGap('pas-subscriber',
      "coverage.subscriber is not stated: a PAS Coverage needs the policyholder's relationship to the patient (and the policyholder, unless it is the patient), so a payer's PAS endpoint may reject this bundle.",
      'Add `coverage.subscriber` (name, and relationship: self, spouse, child or other) and export again.');
  }
  if (d.message.includes('does not conform to PASSubscriber')) {
    return subscriberGap('pas-subscriber-details',
      "PAS describes a policyholder other than the patient with a member ID, sex and name parts (PASSubscriber); the case gives only the name and relationship, so the bundle names the policyholder by name alone and a payer's PAS endpoint may ask for more.",
      "Nothing to change in the case (its format has no such fields yet); be ready to give the policyholder's member ID and sex if the payer asks.");
  }
  return [d];
}
