// The packet plan, made once before layout: which parts the packet has and in what order, each part's number, and
// the one enclosure numbering that the cover, the index, the letter, the criteria table and the footers all print.
// Layout and the page planner (assemble/plan-packet.ts) only add pages to these parts; they never renumber them.
import type { Case } from '../validate/case-schema.js';
import { isAppeal } from '../appeal/coverage-kind.js';
import { planAppealParts } from './plan-appeal-parts.js';

export const SECTION_TITLES = { cover: 'Fax cover sheet', index: 'Packet index', letter: 'Letter of medical necessity', history: 'Prior-therapy history' } as const;

export interface PlannedPart {
  /** `cover`, `index`, `form`, `letter`, `history`, `attachment-<case index>`. */
  id: string;
  kind: 'section' | 'form' | 'attachment';
  /** 1-based place in the packet: the index's "#" column and "part 4 of this packet". */
  number: number;
  /** The part's own title, without its enclosure number. */
  title: string;
  /** Its number in the letter's Enclosures list, when it is an enclosure in this packet. */
  enclosure?: number;
  /** As printed in the index, the footers and the bookmarks: "Enclosure 2: Operative note". */
  caption: string;
}

/** An entry of the letter's Enclosures list: the prior-therapy history (when there is one), then the attachments. */
export interface Enclosure {
  n: number;
  /** Part id, for page-range and Bates fields. */
  partId: string;
  title: string;
  date?: string;
  kind: string;
  /** Index in the case's attachments (absent for the prior-therapy history). */
  attachment?: number;
  /** False for an attachment listed in the letter but sent separately (`--attachments list`). */
  inPacket: boolean;
}

export interface PartsPlan {
  parts: PlannedPart[];
  enclosures: Enclosure[];
  /** Whether the packet has a prior-therapy history part (there is at least one prior therapy). */
  hasHistory: boolean;
  /** The attachments among the enclosures: how many, and their enclosure numbers ("2–8", "1"). */
  records?: { count: number; numbers: string };
}

export interface PlanInput {
  /** Attachment indexes in merge order. */
  order: readonly number[];
  /** Whether the attachments are merged into the packet (else only listed in the letter). */
  merged: boolean;
  /** Title of the payer's form when the packet includes it. */
  formTitle?: string;
  formPosition?: 'before-letter' | 'end';
}

/** Whether a case has any prior therapy to tabulate (also when the list is replaced by a "none" marker). */
export function hasPriorTherapies(c: Pick<Case, 'priorTherapies'>): boolean {
  const list: unknown = c.priorTherapies;
  return Array.isArray(list) && list.length > 0;
}

export function planParts(c: Case, input: PlanInput): PartsPlan {
  if (isAppeal(c)) return planAppealParts(c, input);
  const hasHistory = hasPriorTherapies(c);
  const enclosures: Enclosure[] = [];
  if (hasHistory) enclosures.push({ n: 1, partId: 'history', title: historyEnclosureTitle(c), kind: 'history', inPacket: true });
  for (const i of input.order) {
    const a = c.attachments[i]!;
    enclosures.push({ n: enclosures.length + 1, partId: `attachment-${i}`, title: a.title, ...(a.date ? { date: a.date } : {}), kind: a.kind, attachment: i, inPacket: input.merged });
  }
  const enclosureOf = (id: string) => enclosures.find((e) => e.partId === id && e.inPacket)?.n;

  const form = input.formTitle ? [{ id: 'form', kind: 'form' as const, title: input.formTitle }] : [];
  const order: { id: string; kind: PlannedPart['kind']; title: string }[] = [
    { id: 'cover', kind: 'section', title: SECTION_TITLES.cover },
    { id: 'index', kind: 'section', title: SECTION_TITLES.index },
    ...(input.formPosition !== 'end' ? form : []),
    { id: 'letter', kind: 'section', title: SECTION_TITLES.letter },
    ...(hasHistory ? [{ id: 'history', kind: 'section' as const, title: SECTION_TITLES.history }] : []),
    ...(input.merged ? input.order.map((i) => ({ id: `attachment-${i}`, kind: 'attachment' as const, title: c.attachments[i]!.title })) : []),
    ...(input.formPosition === 'end' ? form : []),
  ];
  const parts = order.map((p, k) => plannedPart(p, k + 1, enclosureOf(p.id)));
  const records = enclosures.filter((e) => e.attachment !== undefined);
  return {
    parts,
    enclosures,
    hasHistory,
    ...(records.length ? { records: { count: records.length, numbers: numberRange(records[0]!.n, records[records.length - 1]!.n) } } : {}),
  };
}

/** The history's entry in the Enclosures list: "Prior-therapy history (12 treatments)". */
export function historyEnclosureTitle(c: Pick<Case, 'priorTherapies'>): string {
  const n = c.priorTherapies.length;
  return `${SECTION_TITLES.history} (${n} ${n === 1 ? 'treatment' : 'treatments'})`;
}

/** A part at its place in the packet, captioned with its enclosure number when it is one. */
export function plannedPart(p: Pick<PlannedPart, 'id' | 'kind' | 'title'>, number: number, enclosure: number | undefined): PlannedPart {
  return { id: p.id, kind: p.kind, title: p.title, number, ...(enclosure ? { enclosure } : {}), caption: enclosure ? `Enclosure ${enclosure}: ${p.title}` : p.title };
}

/** "3" or "2–8": the numbers are consecutive by construction. */
export function numberRange(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}
