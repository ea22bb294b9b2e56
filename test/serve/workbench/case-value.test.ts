// Editing the case by field path, and what the workbench sends: emptied fields removed, numbers read as numbers.
import { describe, expect, it } from 'vitest';
import { getAt, inputFromValue, parsePathKey, pathKey, setAt, tidyCase, valueFromInput } from '../../../src/serve/workbench/case-value.js';

describe('case value by path', () => {
  it('round-trips path keys', () => {
    expect(pathKey(['priorTherapies', 0, 'end'])).toBe('priorTherapies.0.end');
    expect(parsePathKey('priorTherapies.0.end')).toEqual(['priorTherapies', 0, 'end']);
    expect(parsePathKey('')).toEqual([]);
  });

  it('creates groups and lists on the way, and removes a value set to undefined', () => {
    const c: Record<string, unknown> = {};
    setAt(c, ['patient', 'address', 'city'], 'Portland');
    setAt(c, ['priorTherapies', 1, 'name'], 'Temozolomide');
    expect(c).toEqual({ patient: { address: { city: 'Portland' } }, priorTherapies: [undefined, { name: 'Temozolomide' }] });
    expect(getAt(c, ['patient', 'address', 'city'])).toBe('Portland');
    expect(getAt(c, ['patient', 'nope', 'city'])).toBeUndefined();
    setAt(c, ['patient', 'address', 'city'], undefined);
    expect(getAt(c, ['patient', 'address'])).toEqual({});
  });

  it('sends no empty text and no empty group, but keeps lists and their rows', () => {
    const c = { version: 1, caseId: '  ', patient: { firstName: 'Ana', middleName: '', address: { city: '' } }, priorTherapies: [], items: [undefined, { description: 'x' }] };
    expect(tidyCase(c)).toEqual({ version: 1, patient: { firstName: 'Ana' }, priorTherapies: [], items: [{}, { description: 'x' }] });
  });

  it('reads what was typed as the case stores it', () => {
    expect(valueFromInput('text', 'Ana')).toBe('Ana');
    expect(valueFromInput('text', '')).toBeUndefined();
    expect(valueFromInput('number', '12')).toBe(12);
    expect(valueFromInput('number', '20.5')).toBe(20.5);
    // Not a number: kept as typed, so validation can say so instead of the value silently vanishing.
    expect(valueFromInput('number', '1e2')).toBe('1e2');
    expect(valueFromInput('yesno', 'yes')).toBe(true);
    expect(valueFromInput('yesno', 'no')).toBe(false);
    expect(valueFromInput('yesno', '')).toBeUndefined();
    expect(valueFromInput('lines', 'KF\n\n  KX \n')).toEqual(['KF', 'KX']);
    expect(valueFromInput('lines', ' \n')).toBeUndefined();
  });

  it('shows a stored value in its control', () => {
    expect(inputFromValue('yesno', false)).toBe('no');
    expect(inputFromValue('lines', ['KF', 'KX'])).toBe('KF\nKX');
    expect(inputFromValue('number', 6)).toBe('6');
    expect(inputFromValue('text', undefined)).toBe('');
    expect(inputFromValue('text', null)).toBe('');
  });
});
