// Puts each diagnostic next to the field it is about: its own field when the form shows one, else the nearest
// group or list that holds it (a row that "needs exactly one code", a list that "is empty"), else the general list.
import { pathKey, type PathKey } from './case-value.js';

export interface WorkbenchDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  path?: (string | number)[];
  hint?: string;
}

export interface PlacedDiagnostics {
  /** By the key of the field or group that shows them. */
  byField: Map<PathKey, WorkbenchDiagnostic[]>;
  /** Those about no field of the form (the case as a whole, a payer profile). */
  general: WorkbenchDiagnostic[];
}

export function placeDiagnostics(diagnostics: readonly WorkbenchDiagnostic[], shown: ReadonlySet<PathKey>): PlacedDiagnostics {
  const byField = new Map<PathKey, WorkbenchDiagnostic[]>();
  const general: WorkbenchDiagnostic[] = [];
  for (const d of diagnostics) {
    const key = nearestShown(d.path ?? [], shown);
    if (key === undefined) {
      general.push(d);
      continue;
    }
    const list = byField.get(key) ?? [];
    list.push(d);
    byField.set(key, list);
  }
  return { byField, general };
}

/** The longest prefix of `path` that the form shows, or undefined. */
export function nearestShown(path: readonly (string | number)[], shown: ReadonlySet<PathKey>): PathKey | undefined {
  for (let n = path.length; n > 0; n--) {
    const key = pathKey(path.slice(0, n));
    if (shown.has(key)) return key;
  }
  return undefined;
}

/** A FHIR import gap's path, given as `patient.memberId`, `items[0].hcpcs` or an array, as a field key. */
export function gapKey(path: unknown): PathKey {
  if (Array.isArray(path)) return pathKey(path as (string | number)[]);
  return String(path ?? '').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}
