// Issue 10 §1, concurrent agents a policy treats as experimental with the device: Aetna CPB 0827 lists "Combined
// ETTF therapy and chemo-immuno-therapy other than temozolomide (e.g., ... bevacizumab ... lomustine ...)" as
// experimental/investigational. A case listing such an agent as ongoing (or as what the device is used with) is warned.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPayer } from '../../src/payers/load-payer.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';

const payer = loadPayer('test-ttf', [path.join(ROOT, 'test', 'fixtures', 'payers')]);
const therapy = (name: string, ongoing = true) => ({ name, category: 'chemotherapy', start: '2026-08-10', ...(ongoing ? {} : { end: '2026-08-30' }), outcome: 'Given.', stoppedBecause: ongoing ? 'ongoing' : 'completed' });

function warnings(change: (c: RawCase) => void) {
  const { case: c, diagnostics } = validateCase(buildCase(change), { today: TODAY });
  if (!c) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return runPreflight(c, payer, { today: TODAY }).diagnostics.filter((d) => d.code === 'preflight/experimental-combination');
}

describe('experimental-combination (Aetna CPB 0827: TTF combined with agents other than temozolomide is experimental)', () => {
  it('an ongoing bevacizumab is a warning naming the agent, the policy and the therapy', () => {
    const w = warnings((c) => c.priorTherapies.push(therapy('Bevacizumab 10 mg/kg every 2 weeks')));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', path: ['priorTherapies', 5, 'name'] });
    expect(w[0]!.message).toBe('Prior therapy 6 ("Bevacizumab 10 mg/kg every 2 weeks") is ongoing and names bevacizumab; TEST-1 (Test policy for tumor treating fields) treats bevacizumab together with E0766 as experimental or investigational. Test: the device combined with chemotherapy other than temozolomide is investigational.');
  });

  it('the agent named in necessity.adjunctTo is a warning on that field', () => {
    const w = warnings((c) => (c.necessity.adjunctTo = 'Temozolomide and lomustine (CeTeG regimen)'));
    expect(w.map((x) => x.path)).toEqual([['necessity', 'adjunctTo']]);
    expect(w[0]!.message).toContain('names lomustine');
  });

  it('an unconfirmed combination still warns, and says it is unconfirmed', () => {
    const w = warnings((c) => c.priorTherapies.push(therapy('Pembrolizumab 200 mg every 3 weeks')));
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toContain("This position is unconfirmed: Test: this combination's position is not confirmed.");
  });

  it('a stopped agent, a name only containing the agent inside a longer word, and temozolomide are not flagged', () => {
    expect(warnings((c) => c.priorTherapies.push(therapy('Bevacizumab 10 mg/kg', false)))).toEqual([]);
    expect(warnings((c) => c.priorTherapies.push(therapy('Antibevacizumabfoo (fictional)')))).toEqual([]);
    expect(warnings(() => {})).toEqual([]);
  });

  it('a profile without experimentalCombinations raises nothing', () => {
    const { case: c } = validateCase(buildCase((x) => x.priorTherapies.push(therapy('Bevacizumab'))), { today: TODAY });
    const codes = runPreflight(c!, { ...payer, experimentalCombinations: [] }, { today: TODAY }).diagnostics.map((d) => d.code);
    expect(codes).not.toContain('preflight/experimental-combination');
  });
});
