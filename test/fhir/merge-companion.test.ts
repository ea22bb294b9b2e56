// The --with merge: objects by field, lists item by item, other values replace; a `__proto__` key stays data.
import { describe, expect, it } from 'vitest';
import { mergeCompanion, openGaps } from '../../src/fhir/merge-companion.js';

describe('mergeCompanion', () => {
  it('merges objects by field and lists of objects by item, and replaces everything else', () => {
    const draft = { caseId: null, items: [{ hcpcs: 'E0601' }, { hcpcs: 'E0562' }], diagnoses: [{ code: 'G47.33' }], tags: ['a'] };
    const merged = mergeCompanion(draft, { caseId: 'PA-1', items: [{ modifiers: ['KF'] }], tags: ['b', 'c'], extra: { x: 1 } });
    expect(merged).toEqual({ caseId: 'PA-1', items: [{ hcpcs: 'E0601', modifiers: ['KF'] }, { hcpcs: 'E0562' }], diagnoses: [{ code: 'G47.33' }], tags: ['b', 'c'], extra: { x: 1 } });
    expect(draft.items[0]).toEqual({ hcpcs: 'E0601' });
  });

  it('keeps a __proto__ key as a plain field and never changes a prototype', () => {
    const merged = mergeCompanion({ patient: {} }, JSON.parse('{"patient": {"__proto__": {"polluted": true}}}')) as { patient: Record<string, unknown> };
    expect(Object.getPrototypeOf(merged.patient)).toBe(Object.prototype);
    expect(Object.keys(merged.patient)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists as open only the gaps still null or empty', () => {
    const report = { mapped: [], ignored: [], gaps: [{ field: 'caseId', reason: 'r' }, { field: 'items', reason: 'r' }, { field: 'priorTherapies[0].outcome', reason: 'r' }] };
    expect(openGaps(report, { caseId: 'PA-1', items: [], priorTherapies: [{ outcome: null }] }).map((g) => g.field)).toEqual(['items', 'priorTherapies[0].outcome']);
  });
});
