import { describe, expect, it } from 'vitest';
import { rowToCase } from '../../src/batch/row-to-case.js';
import { formatPath } from '../../src/diagnostics/diagnostic.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { TODAY } from '../support/build-case.js';
import { flatRow } from '../hostile/make-input.js';

describe('rowToCase', () => {
  it('types cells by the case format and builds lists from numbered columns', () => {
    const raw = rowToCase({ 'request.requestedMonths': '6', 'consent.obtained': 'yes', 'items.0.modifiers': 'KF; KX', 'items.1.hcpcs': 'E0766', 'patient.memberId': '00123' });
    expect(raw).toEqual({ request: { requestedMonths: 6 }, consent: { obtained: true }, items: [{ modifiers: ['KF', 'KX'] }, { hcpcs: 'E0766' }], patient: { memberId: '00123' } });
  });

  it('makes a prototype key an own field (which the validator refuses), never a write into a prototype', () => {
    const raw = rowToCase({ '__proto__.polluted': 'yes', 'extra.constructor.prototype.polluted': 'yes' }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
    expect(Object.keys(raw)).toEqual(['__proto__', 'extra']);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object).not.toHaveProperty('prototype.polluted');
  });

  it('keeps an index too long for a list as a name, so the validator reports it instead of dropping the column', () => {
    const raw = rowToCase({ ...flatRow(), 'items.99999999999.hcpcs': 'E0766' });
    const errors = validateCase(raw, { today: TODAY }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => formatPath(d.path))).toContain('items.99999999999');
  });

  it('makes a list as long as its highest index, which the validator refuses by its length', () => {
    const raw = rowToCase({ ...flatRow(), 'priorTherapies.999999999.name': 'x' });
    const [d] = validateCase(raw, { today: TODAY }).diagnostics;
    expect(d).toMatchObject({ code: 'validate/too-many-values', path: ['priorTherapies'] });
  });
});
