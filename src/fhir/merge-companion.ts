// Fills an imported draft from a companion case fragment (the narrative and choices FHIR cannot carry): objects are
// merged field by field and lists item by item (so `items: [{ modifiers: [KF] }]` adds to the first imported item),
// and any other value in the companion replaces the draft's.
import type { ImportReport } from './import-context.js';

export function mergeCompanion(draft: unknown, companion: unknown): unknown {
  if (Array.isArray(draft) && Array.isArray(companion) && companion.every(isObject)) {
    return [...companion.map((c, i) => (i < draft.length ? mergeCompanion(draft[i], c) : c)), ...draft.slice(companion.length)];
  }
  if (!isObject(draft) || !isObject(companion)) return companion === undefined ? draft : companion;
  const out: Record<string, unknown> = { ...draft };
  for (const [key, value] of Object.entries(companion)) {
    const merged = Object.hasOwn(draft, key) ? mergeCompanion(draft[key], value) : value;
    // defineProperty, not assignment: a `__proto__` key stays a plain field (which validation refuses by name)
    // instead of replacing the object's prototype.
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The report's gaps that are still empty (null, or an empty list) in `data`: a companion may have filled some. */
export function openGaps(report: ImportReport, data: unknown): ImportReport['gaps'] {
  return report.gaps.filter((g) => {
    const v = valueAt(data, g.field);
    return v == null || (Array.isArray(v) && v.length === 0);
  });
}

/** `priorTherapies[2].outcome` → the value there. */
export function valueAt(data: unknown, field: string): unknown {
  let at: unknown = data;
  for (const part of field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
