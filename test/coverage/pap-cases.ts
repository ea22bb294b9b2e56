// PAP cases for the policy tests: the cpap-initial sample moved to a payer profile, with its sleep-test figures,
// conditions, device start, adherence figures and re-evaluation note set by each test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkCase } from '../../src/preflight/check-case.js';
import { ROOT, type RawCase } from '../support/build-case.js';

const sample = parse(readFileSync(path.join(ROOT, 'samples', 'cpap-initial.yaml'), 'utf8')) as RawCase;
/** The day the sample's letter is signed; the packet date of these checks. */
export const PAP_TODAY = '2026-11-20';

export interface Sleep {
  /** Apnea-hypopnea index, events an hour. */
  ahi: number;
  /** Apneas and hypopneas recorded in the whole test (none given when omitted). */
  events?: number;
  /** ICD-10-CM codes besides G47.33. */
  conditions?: string[];
  epworth?: number;
}

/** An initial request under `payer`: the sample with only the given sleep test, conditions and Epworth score. */
export function initialCase(payer: string, sleep: Sleep, change?: (c: RawCase) => void): RawCase {
  const c = structuredClone(sample);
  c.payer = payer;
  if (payer.startsWith('medicare')) {
    c.coverage.lineOfBusiness = 'medicare-ffs';
    c.patient.mbi = '1EG4TE5MK73';
  }
  c.diagnoses = [{ code: 'G47.33', primary: true }, ...(sleep.conditions ?? []).map((code) => ({ code }))];
  c.clinical.measurements = [
    { name: 'Apnea-hypopnea index (AHI)', value: sleep.ahi, unit: 'events/hour', date: '2026-10-02' },
    ...(sleep.events !== undefined ? [{ name: 'Apneas and hypopneas recorded', value: sleep.events, date: '2026-10-02' }] : []),
    ...(sleep.epworth !== undefined ? [{ name: 'Epworth Sleepiness Scale', value: sleep.epworth, unit: 'of 24', date: '2026-09-18' }] : []),
  ];
  change?.(c);
  return c;
}

export interface Followup {
  /** Share of nights with 4 hours of use or more in a 30-day period ending `periodEnd`. */
  nightsPercent: number;
  averageHours: number;
  periodEnd?: string;
  /** Date of the enclosed re-evaluation note; none enclosed when omitted. */
  reevaluation?: string;
}

/** A continuation under `payer`: CPAP started 2026-08-25, the adherence figures and the re-evaluation note given. */
export function continuationCase(payer: string, f: Followup): RawCase {
  return initialCase(payer, { ahi: 32.4, events: 220 }, (c) => {
    c.request = { kind: 'continuation', urgency: 'standard', requestedStart: '2026-11-24', requestedMonths: 10 };
    c.priorTherapies.push({ name: 'Auto-titrating CPAP (E0601) with heated humidifier', category: 'device', start: '2026-08-25', outcome: 'Used nightly; sleepiness improved.', stoppedBecause: 'ongoing' });
    const end = f.periodEnd ?? '2026-11-21';
    c.clinical.measurements.push(
      { name: 'Nights with 4 hours or more of CPAP use (30 consecutive days)', value: f.nightsPercent, unit: '%', date: end },
      { name: 'Average CPAP use per night (30 consecutive days)', value: f.averageHours, unit: 'hours', date: end },
    );
    c.attachments = f.reevaluation ? [{ file: 'attachments/reevaluation.pdf', kind: 'clinic-note', title: 'Sleep clinic re-evaluation', date: f.reevaluation }] : [];
    c.attestations = { 'symptoms-improved': 'Seen in person: Epworth down from 15 to 7, no witnessed apneas.' };
  });
}

/** `check`'s verdict on each of the profile's criteria for the case, by criterion id. */
export function verdicts(raw: RawCase, today = PAP_TODAY): Record<string, string> {
  const r = checkCase(raw, { today });
  return Object.fromEntries(r.criteria.map((o) => [o.criterion.id, o.result.status]));
}

export function check(raw: RawCase, today = PAP_TODAY) {
  return checkCase(raw, { today });
}
