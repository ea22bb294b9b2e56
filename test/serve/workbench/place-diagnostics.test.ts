// Each diagnostic goes next to its own field, else the nearest group or list the form shows, else the general list.
import { describe, expect, it } from 'vitest';
import { gapKey, nearestShown, placeDiagnostics, type WorkbenchDiagnostic } from '../../../src/serve/workbench/place-diagnostics.js';

const shown = new Set(['prescriber.npi', 'prescriber', 'items', 'items.0', 'items.0.hcpcs', 'priorTherapies', 'priorTherapies.0', 'priorTherapies.0.end']);
const d = (path: (string | number)[] | undefined, code = 'validate/x'): WorkbenchDiagnostic => ({ code, severity: 'error', message: code, ...(path ? { path } : {}) });

describe('placing diagnostics on fields', () => {
  it('finds the field itself, else the nearest shown group', () => {
    expect(nearestShown(['prescriber', 'npi'], shown)).toBe('prescriber.npi');
    expect(nearestShown(['priorTherapies', 0, 'end'], shown)).toBe('priorTherapies.0.end');
    expect(nearestShown(['items', 0], shown)).toBe('items.0');
    expect(nearestShown(['items', 3, 'cpt'], shown)).toBe('items');
    expect(nearestShown(['extra', 'x'], shown)).toBeUndefined();
    expect(nearestShown([], shown)).toBeUndefined();
  });

  it('groups by field and keeps the rest for the general list', () => {
    const placed = placeDiagnostics([d(['prescriber', 'npi'], 'a'), d(['prescriber', 'npi'], 'b'), d(['items', 0], 'c'), d(undefined, 'd'), d(['payer'], 'e')], shown);
    expect(placed.byField.get('prescriber.npi')?.map((x) => x.code)).toEqual(['a', 'b']);
    expect(placed.byField.get('items.0')?.map((x) => x.code)).toEqual(['c']);
    expect(placed.general.map((x) => x.code)).toEqual(['d', 'e']);
  });

  it('reads a FHIR gap path in any of its forms', () => {
    expect(gapKey('patient.memberId')).toBe('patient.memberId');
    expect(gapKey('items[0].hcpcs')).toBe('items.0.hcpcs');
    expect(gapKey(['priorTherapies', 2, 'end'])).toBe('priorTherapies.2.end');
  });
});
