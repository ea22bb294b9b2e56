// Finds the chemoradiation a case records: one `chemoradiation` entry, or a radiation entry together with a
// temozolomide entry whose dates overlap it (concurrent chemoradiation written as two therapies, as treatment records
// often list it). Its last dose is the LATER end of the two (LCD L34823: "within 7 weeks from the last dose of
// concomitant chemotherapy or radiotherapy, whichever is later").
import { formatDate } from '../format/format.js';
import type { Case } from '../validate/case-schema.js';

export const TMZ = /temozolomide|\bTMZ\b|temodar/i;
/** Categories a temozolomide entry may be recorded under (it is an oral medication as well as chemotherapy). */
const CHEMO_CATEGORIES = new Set(['chemotherapy', 'systemic', 'medication']);

type Therapy = Case['priorTherapies'][number];

export interface Chemoradiation {
  /** The entries it is made of (indexes into `priorTherapies`): one chemoradiation entry, or the radiation then the
   * concurrent temozolomide. */
  parts: number[];
  start: string;
  /** Last dose: the later end of its parts; absent while a part has no end date. */
  end?: string;
  /** The part whose end is `end`. */
  endIndex?: number;
  /** A part with no end date or still ongoing, if any (the radiation first). */
  open?: number;
  /** The therapies and their dates, in words. */
  description: string;
  /** The outcome recorded for it (the radiation's, for two entries). */
  outcome: string;
}

const ended = (t: Therapy) => t.end !== undefined && t.stoppedBecause !== 'ongoing';
const dates = (t: Therapy) => `${formatDate(t.start)}${t.end ? ` to ${formatDate(t.end)}` : ', ongoing'}`;
/** Two date ranges share at least one day; an open end runs on. */
const overlap = (a: Therapy, b: Therapy) => b.start <= (a.end ?? '9999-12-31') && a.start <= (b.end ?? '9999-12-31');

function episode(c: Case, parts: number[]): Chemoradiation {
  const list = parts.map((i) => ({ t: c.priorTherapies[i]!, i }));
  const open = list.find(({ t }) => !ended(t))?.i;
  const last = open === undefined ? list.reduce((a, b) => (b.t.end! >= a.t.end! ? b : a)) : undefined;
  const [first, second] = list;
  const description = second ? `${first!.t.name}, ${dates(first!.t)}, with concurrent ${second.t.name}, ${dates(second.t)}` : `${first!.t.name}, ${dates(first!.t)}`;
  return {
    parts,
    start: first!.t.start,
    ...(last ? { end: last.t.end!, endIndex: last.i } : {}),
    ...(open !== undefined ? { open } : {}),
    description,
    outcome: first!.t.outcome,
  };
}

/** Every chemoradiation the case records, oldest first. */
export function chemoradiations(c: Case): Chemoradiation[] {
  const out: Chemoradiation[] = [];
  c.priorTherapies.forEach((t, i) => {
    if (t.category === 'chemoradiation') out.push(episode(c, [i]));
    if (t.category !== 'radiation') return;
    // The concurrent course is the temozolomide entry overlapping the radiation that started first.
    const chemo = c.priorTherapies
      .map((x, j) => ({ x, j }))
      .filter(({ x }) => CHEMO_CATEGORIES.has(x.category) && TMZ.test(x.name) && overlap(t, x))
      .sort((a, b) => (a.x.start < b.x.start ? -1 : a.x.start > b.x.start ? 1 : a.j - b.j))[0];
    if (chemo) out.push(episode(c, [i, chemo.j]));
  });
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.parts[0]! - b.parts[0]!));
}

/** The most recent chemoradiation, if the case records one. */
export function lastChemoradiation(c: Case): Chemoradiation | undefined {
  return chemoradiations(c).at(-1);
}

/** The latest radiation entry, for saying what is there when no chemoradiation is. */
export function lastRadiation(c: Case): number | undefined {
  const i = c.priorTherapies.map((t, j) => (t.category === 'radiation' ? j : -1)).filter((j) => j >= 0).pop();
  return i;
}
