// Checks that the case's payer id names a payer profile, so `validate` reports an unknown payer together with every
// other problem of the case instead of after them.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import { loadPayer } from '../payers/load-payer.js';

const PAYER_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The unknown-payer diagnostic, or none. A malformed id is the schema's to report; a profile that exists but is
 * broken is reported when it is loaded for use. */
export function checkPayerId(data: unknown, payerDirs: readonly string[]): Diagnostic[] {
  const id = (data as { payer?: unknown } | null)?.payer;
  if (typeof id !== 'string' || !PAYER_ID.test(id)) return [];
  try {
    loadPayer(id, payerDirs);
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics;
  }
  return [];
}
