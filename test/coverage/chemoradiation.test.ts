// Issue 10 §1: radiation and concurrent temozolomide written as two therapy entries (overlapping dates) are
// chemoradiation wherever a criterion asks for it, and the start window runs from the later of their ends.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCriteria } from '../../src/coverage/evaluate-criteria.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';

const payer = loadPayer('test-ttf', [path.join(ROOT, 'test', 'fixtures', 'payers')]);
const CHEMORADIATION = 3; // the gbm-initial sample's single chemoradiation entry

/** The gbm-initial sample with its chemoradiation entry split into a radiation and a temozolomide entry. */
function split(radiation: { start?: string; end?: string; ongoing?: boolean }, tmz: { start?: string; end?: string; ongoing?: boolean }, change?: (c: RawCase) => void): RawCase {
  return buildCase((c) => {
    const entry = (name: string, category: string, d: { start?: string; end?: string; ongoing?: boolean }) => ({
      name,
      category,
      start: d.start ?? '2026-06-01',
      ...(d.ongoing ? {} : { end: d.end ?? '2026-07-10' }),
      outcome: 'Given as planned.',
      stoppedBecause: d.ongoing ? 'ongoing' : 'completed',
    });
    c.priorTherapies.splice(CHEMORADIATION, 1, entry('Radiotherapy 60 Gy in 30 fractions', 'radiation', radiation), entry('Temozolomide 75 mg/m² daily with radiotherapy', 'chemotherapy', tmz));
    change?.(c);
  });
}

function outcomes(raw: RawCase) {
  const { case: c, diagnostics } = validateCase(raw, { today: TODAY });
  if (!c) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return Object.fromEntries(evaluateCriteria(c, payer, TODAY).map((o) => [o.criterion.id, o.result]));
}
function codes(raw: RawCase) {
  const { case: c } = validateCase(raw, { today: TODAY });
  return runPreflight(c!, payer, { today: TODAY }).diagnostics;
}

describe('chemoradiation written as two entries (issue 10 §1; LCD L34823 initial criteria 2 and 3)', () => {
  it('LCD L34823 criterion 2: a radiation entry and an overlapping temozolomide entry count as completed chemoradiation', () => {
    const r = outcomes(split({}, {}));
    expect(r['chemoradiation']).toMatchObject({ status: 'met', paths: [['priorTherapies', 3], ['priorTherapies', 4]] });
    expect(r['chemoradiation']!.evidence).toBe('Radiotherapy 60 Gy in 30 fractions, 06/01/2026 to 07/10/2026, with concurrent Temozolomide 75 mg/m² daily with radiotherapy, 06/01/2026 to 07/10/2026: Given as planned.');
    expect(r['window']!.status).toBe('met');
    expect(codes(split({}, {})).map((d) => d.code)).not.toContain('preflight/chemoradiation-window');
  });

  it('LCD L34823 criterion 3: the 7-week window runs from the later of the last radiation and the last concomitant chemotherapy dose', () => {
    // Temozolomide stopped early (07/01), radiation ended 07/10: a start on 08/25 is 46 days after the later end
    // (within 49), though 55 days after the earlier one.
    const early = outcomes(split({}, { end: '2026-07-01' }, (c) => (c.request.requestedStart = '2026-08-25')));
    expect(early['window']).toMatchObject({ status: 'met', paths: [['request', 'requestedStart'], ['priorTherapies', 3, 'end']] });
    expect(early['window']!.evidence).toContain('46 days (6.6 weeks) after the last chemoradiation dose on 07/10/2026 (the later of the radiation and the concurrent temozolomide, Radiotherapy 60 Gy in 30 fractions)');
    // Radiation ended 07/01, temozolomide on to 07/10: the window runs from 07/10.
    const late = outcomes(split({ end: '2026-07-01' }, {}, (c) => (c.request.requestedStart = '2026-08-25')));
    expect(late['window']).toMatchObject({ status: 'met', paths: [['request', 'requestedStart'], ['priorTherapies', 4, 'end']] });
    // 53 days after the later end is outside the window: not met, and the rule reports it as an error.
    const over = split({}, { end: '2026-07-01' }, (c) => (c.request.requestedStart = '2026-09-01'));
    expect(outcomes(over)['window']!.status).toBe('not-met');
    expect(codes(over).find((d) => d.code === 'preflight/chemoradiation-window')?.severity).toBe('error');
  });

  it('LCD L34823 criterion 2: temozolomide that starts after the radiation ended (adjuvant) is not concurrent: no chemoradiation is shown', () => {
    const r = outcomes(split({}, { start: '2026-08-10', ongoing: true }));
    expect(r['chemoradiation']!.status).toBe('not-met');
    expect(r['chemoradiation']!.evidence).toBe('Radiotherapy 60 Gy in 30 fractions is listed, but no chemotherapy with temozolomide given during it (overlapping dates), so no chemoradiation is shown.');
    expect(r['window']!.status).toBe('unknown');
  });

  it('LCD L34823 criterion 2: radiation still under way is not completed; a temozolomide entry with no end leaves the last concomitant dose unknown, never met', () => {
    const running = outcomes(split({ ongoing: true }, { ongoing: true }));
    expect(running['chemoradiation']).toMatchObject({ status: 'not-met', evidence: 'Radiotherapy 60 Gy in 30 fractions has not been completed.' });
    const tmzOn = outcomes(split({}, { ongoing: true }));
    expect(tmzOn['chemoradiation']!.status).toBe('unknown');
    expect(tmzOn['chemoradiation']!.note).toContain('own entry with its end date');
    expect(tmzOn['window']).toMatchObject({ status: 'unknown', paths: [['priorTherapies', 4, 'end']] });
  });

  it('Anthem CG-DME-44 "TTF is used in combination with temozolomide": temozolomide given with a radiation still under way is not use with the device', () => {
    const noAdjuvant = (c: RawCase) => {
      delete c.necessity.adjunctTo;
      c.priorTherapies = c.priorTherapies.filter((t: RawCase) => !/^Adjuvant/.test(t.name));
    };
    expect(outcomes(split({ ongoing: true }, { ongoing: true }, noAdjuvant))['temozolomide']!.status).toBe('unknown');
    // Radiation over, temozolomide running on as one entry (concurrent, then adjuvant cycles): used with the device.
    expect(outcomes(split({}, { ongoing: true }, noAdjuvant))['temozolomide']).toMatchObject({ status: 'met', evidence: 'Ongoing: Temozolomide 75 mg/m² daily with radiotherapy.' });
    // A single chemoradiation entry still under way is chemoradiation, not adjunct use either.
    const single = buildCase((c) => {
      noAdjuvant(c);
      c.priorTherapies[CHEMORADIATION].stoppedBecause = 'ongoing';
      delete c.priorTherapies[CHEMORADIATION].end;
    });
    expect(outcomes(single)['temozolomide']!.status).toBe('unknown');
  });

  it('a single chemoradiation entry still reads as before', () => {
    const r = outcomes(buildCase());
    expect(r['chemoradiation']).toMatchObject({ status: 'met', paths: [['priorTherapies', 3]] });
    expect(r['window']!.evidence).toBe('Requested start 08/20/2026 is 41 days (5.9 weeks) after the last chemoradiation dose on 07/10/2026.');
  });
});
