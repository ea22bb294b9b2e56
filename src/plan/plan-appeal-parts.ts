// The packet plan of an appeal: cover, index, the appeal letter, the peer-to-peer sheet and the appointment of
// representative when they apply, then the enclosures in the order a reviewer reads them: the denial letter(s), the
// original request (or, without one, the letter of medical necessity re-issued from the case), the prior-therapy
// history, the other records. One numbering for the index, the letters, the footers and the Bates cites.
import type { Case } from '../validate/case-schema.js';
import { hasPriorTherapies, historyEnclosureTitle, numberRange, plannedPart, SECTION_TITLES, type Enclosure, type PartsPlan, type PlanInput, type PlannedPart } from './plan-parts.js';

export const APPEAL_SECTION_TITLES = {
  appealLetter: 'Appeal letter',
  p2p: 'Peer-to-peer review request',
  representative: 'Appointment of representative',
  reissued: 'Letter of medical necessity (re-issued with this appeal)',
} as const;

/** Whether the appeal asks for a peer-to-peer conversation (as the level requested or as a remedy). */
export function wantsPeerToPeer(c: Pick<Case, 'denial'>): boolean {
  return c.denial !== undefined && (c.denial.level === 'peer-to-peer' || c.denial.remedies.includes('peer-to-peer'));
}

/** Whether the packet re-issues the letter of medical necessity: no attachment is the original request. */
export function reissuesLetter(c: Pick<Case, 'attachments'>): boolean {
  return !c.attachments.some((a) => a.kind === 'original-request');
}

export function planAppealParts(c: Case, input: PlanInput): PartsPlan {
  const hasHistory = hasPriorTherapies(c);
  const ofKind = (kind: string) => input.order.filter((i) => c.attachments[i]!.kind === kind);
  const denials = ofKind('denial-letter');
  const originals = ofKind('original-request');
  const others = input.order.filter((i) => !denials.includes(i) && !originals.includes(i));
  const reissue = reissuesLetter(c);

  type Entry = { id: string; kind: PlannedPart['kind']; title: string; enclosure?: Omit<Enclosure, 'n'> };
  const attachment = (i: number): Entry => {
    const a = c.attachments[i]!;
    return {
      id: `attachment-${i}`,
      kind: 'attachment',
      title: a.title,
      enclosure: { partId: `attachment-${i}`, title: a.title, ...(a.date ? { date: a.date } : {}), kind: a.kind, attachment: i, inPacket: input.merged },
    };
  };
  const section = (id: string, title: string, kind: string, enclosureTitle = title): Entry => ({ id, kind: 'section', title, enclosure: { partId: id, title: enclosureTitle, kind, inPacket: true } });
  const sequence: Entry[] = [
    { id: 'cover', kind: 'section', title: SECTION_TITLES.cover },
    { id: 'index', kind: 'section', title: SECTION_TITLES.index },
    { id: 'appeal-letter', kind: 'section', title: APPEAL_SECTION_TITLES.appealLetter },
    ...(wantsPeerToPeer(c) ? [{ id: 'p2p', kind: 'section' as const, title: APPEAL_SECTION_TITLES.p2p }] : []),
    ...(c.representative ? [{ id: 'representative', kind: 'section' as const, title: APPEAL_SECTION_TITLES.representative }] : []),
    ...denials.map(attachment),
    ...(reissue ? [section('letter', APPEAL_SECTION_TITLES.reissued, 'letter')] : originals.map(attachment)),
    ...(hasHistory ? [section('history', SECTION_TITLES.history, 'history', historyEnclosureTitle(c))] : []),
    ...others.map(attachment),
  ];
  const enclosures: Enclosure[] = [];
  for (const e of sequence) if (e.enclosure) enclosures.push({ n: enclosures.length + 1, ...e.enclosure });
  // Listed attachments (`--attachments list`) are enclosures of the letter but not parts of this packet.
  const inPacket = sequence.filter((e) => e.kind !== 'attachment' || input.merged);
  const parts = inPacket.map((e, k) => plannedPart(e, k + 1, enclosures.find((x) => x.partId === e.id && x.inPacket)?.n));
  const records = enclosures.filter((e) => e.attachment !== undefined);
  return {
    parts,
    enclosures,
    hasHistory,
    ...(records.length ? { records: { count: records.length, numbers: consecutive(records.map((r) => r.n)) } } : {}),
  };
}

/** "2, 5–7": an appeal's records are not always consecutive (the re-issued letter and history sit among them). */
function consecutive(ns: readonly number[]): string {
  const runs: string[] = [];
  let start = ns[0]!;
  let prev = start;
  for (const n of [...ns.slice(1), Number.NaN]) {
    if (n === prev + 1) {
      prev = n;
      continue;
    }
    runs.push(numberRange(start, prev));
    start = prev = n;
  }
  return runs.join(', ');
}
