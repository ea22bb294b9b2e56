// The data templates see: the case as typed, the payer profile, and values derived once for every template.
import type { PayerProfile } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import { ageOn, formatDate, fullName } from '../format/format.js';
import type { PageIdentity } from '../layout/page-furniture.js';
import type { CriterionOutcome } from '../coverage/evaluate-criteria.js';
import { planParts, type Enclosure, type PartsPlan, type PlannedPart } from '../plan/plan-parts.js';

export type { Enclosure } from '../plan/plan-parts.js';

export const DEFAULT_CONFIDENTIALITY_NOTICE =
  'CONFIDENTIALITY NOTICE: This transmission contains protected health information (PHI) that is privileged and confidential under HIPAA (45 CFR Parts 160 and 164) and applicable state law. It is intended only for the use of the recipient named above for treatment, payment or health care operations. If you are not the intended recipient, you are hereby notified that any review, disclosure, copying, distribution or use of this information is strictly prohibited. If you received this in error, please notify the sender immediately by telephone and destroy all copies.';
export const CONFIDENTIALITY_LINE = 'CONFIDENTIAL: contains protected health information. If received in error, notify the sender and destroy all copies.';

export interface PacketView extends Case {
  payerProfile: PayerProfile;
  packet: {
    date: string;
    payerName: string;
    payerFax?: string;
    payerPhone?: string;
    recipient: string;
    patientName: string;
    ageAtRequest: number;
    isContinuation: boolean;
    isExpedited: boolean;
    kindLabel: string;
    primaryDiagnosis: Case['diagnoses'][number];
    otherDiagnoses: Case['diagnoses'];
    itemCodes: { code: string; system: string; modifiers: string[]; line: Case['items'][number] }[];
    confidentialityNotice: string;
    confidentialityLine: string;
    /** The payer policy's criteria for this request and what the case shows for each; absent without criteria. */
    coverage?: CoverageView;
    /** The letter's Enclosures list (from the packet plan): the prior-therapy history, then the attachments. */
    enclosures: Enclosure[];
    /** Whether the attachments are merged into this packet. */
    merged: boolean;
    /** Every part of the packet, in order and numbered, for the index (from the packet plan). */
    parts: PartView[];
    /** Whether the packet has a prior-therapy history part (there is at least one prior therapy). */
    hasHistory: boolean;
    /** The attachments among the enclosures: how many, and their enclosure numbers ("2–8"). */
    records?: { count: number; numbers: string };
    /** The packet plan every part number, enclosure number, page and Bates id in the text comes from. */
    plan: PartsPlan;
    /** Title of the payer's own form when the packet includes it. */
    formTitle?: string;
    hasForm: boolean;
    /** As wide as a Bates range, for reserving its width. */
    batesSample: string;
    /** Prior therapies grouped by category, in the order each category first appears. */
    therapyGroups: { category: string; count: number; first: string; last?: string; ongoing: number }[];
  };
}

export interface CoverageView {
  /** `revision` is absent when the profile marks the policy's revision date unconfirmed: it is never printed as fact. */
  policy: { number: string; title: string; revision?: string; url: string; lastChecked: string };
  /** `enclosures`: entries of the letter's Enclosures list that document the criterion. */
  criteria: { n: number; text: string; quoted: boolean; status: 'Met' | 'Not met' | 'Not documented'; met: boolean; evidence: string; enclosures: Enclosure[] }[];
  /** Criteria left out of the letter because their wording is unconfirmed. */
  omitted: number;
}

/** A part of the packet, in packet order, for the index (page ranges are filled in after layout). */
export type PartView = PlannedPart;

export interface AssemblyView {
  /** Attachment indexes in merge order. */
  order: readonly number[];
  /** Whether attachments are merged into the packet (else only listed). */
  merged: boolean;
  /** Title of the payer's form when the packet includes it. */
  formTitle?: string;
  formPosition?: 'before-letter' | 'end';
  batesPrefix: string;
}

function coverageView(c: Case, payer: PayerProfile, outcomes: readonly CriterionOutcome[], enclosures: readonly Enclosure[]): CoverageView | undefined {
  if (!payer.policy || outcomes.length === 0) return undefined;
  // An unconfirmed criterion is never quoted to the payer as its policy.
  const cited = outcomes.filter((o) => !o.criterion.unconfirmed);
  const label = { met: 'Met', 'not-met': 'Not met', unknown: 'Not documented' } as const;
  return {
    policy: { number: payer.policy.number, title: payer.policy.title, ...(payer.policy.unconfirmed ? {} : { revision: payer.policy.revision }), url: payer.policy.url, lastChecked: payer.policy.lastChecked },
    criteria: cited.map((o, i) => ({
      n: i + 1,
      text: o.criterion.text,
      quoted: o.criterion.wording === 'quoted',
      status: label[o.result.status],
      met: o.result.status === 'met',
      evidence: o.result.evidence,
      enclosures: o.documents.map((d) => enclosures.find((e) => e.attachment === d)!).sort((a, b) => a.n - b.n),
    })),
    omitted: outcomes.length - cited.length,
  };
}

export function buildPacketView(c: Case, payer: PayerProfile, date: string, criteria: readonly CriterionOutcome[] = [], assembly?: AssemblyView): PacketView {
  const layout: AssemblyView = assembly ?? { order: c.attachments.map((_, i) => i), merged: false, batesPrefix: c.caseId };
  const plan = planParts(c, layout);
  const enclosures = plan.enclosures;
  const coverage = coverageView(c, payer, criteria, enclosures);
  const primary = c.diagnoses.find((d) => d.primary) ?? c.diagnoses[0]!;
  const payerFax = c.coverage.payerFax ?? payer.fax;
  const payerPhone = c.coverage.payerPhone ?? payer.phone;
  return {
    ...c,
    // Exactly one diagnosis is primary: the one marked, else the first.
    diagnoses: c.diagnoses.map((d) => ({ ...d, primary: d === primary })),
    payerProfile: payer,
    packet: {
      date,
      payerName: c.coverage.payerName ?? payer.displayName,
      ...(payerFax ? { payerFax } : {}),
      ...(payerPhone ? { payerPhone } : {}),
      recipient: payer.recipient,
      patientName: fullName(c.patient),
      ageAtRequest: ageOn(c.patient.dateOfBirth, date),
      isContinuation: c.request.kind === 'continuation',
      isExpedited: c.request.urgency === 'expedited',
      kindLabel: c.request.kind === 'continuation' ? 'Continuation (re-authorization)' : 'Initial request',
      primaryDiagnosis: primary,
      otherDiagnoses: c.diagnoses.filter((d) => d !== primary),
      itemCodes: c.items.map((line) =>
        line.hcpcs ? { code: line.hcpcs, system: 'HCPCS', modifiers: line.modifiers, line }
        : line.cpt ? { code: line.cpt, system: 'CPT', modifiers: line.modifiers, line }
        : { code: line.ndc!, system: 'NDC', modifiers: line.modifiers, line },
      ),
      confidentialityNotice: payer.confidentialityNotice ?? DEFAULT_CONFIDENTIALITY_NOTICE,
      confidentialityLine: CONFIDENTIALITY_LINE,
      therapyGroups: groupTherapies(c.priorTherapies),
      enclosures,
      merged: layout.merged,
      parts: plan.parts,
      hasHistory: plan.hasHistory,
      ...(plan.records ? { records: plan.records } : {}),
      plan,
      batesSample: `${layout.batesPrefix}-0000–0000`,
      hasForm: layout.formTitle !== undefined,
      ...(layout.formTitle ? { formTitle: layout.formTitle } : {}),
      ...(coverage ? { coverage } : {}),
    },
  };
}

export function pageIdentity(view: PacketView): PageIdentity {
  return {
    patientName: view.packet.patientName,
    dateOfBirth: formatDate(view.patient.dateOfBirth),
    memberId: view.patient.memberId,
    payerName: view.packet.payerName,
    caseId: view.caseId,
    confidentiality: view.packet.confidentialityLine,
    ...(view.coverage.payerName ? { payerNamePath: ['coverage', 'payerName'] } : {}),
  };
}

function groupTherapies(therapies: Case['priorTherapies']): PacketView['packet']['therapyGroups'] {
  const groups = new Map<string, PacketView['packet']['therapyGroups'][number]>();
  for (const t of therapies) {
    let g = groups.get(t.category);
    if (!g) groups.set(t.category, (g = { category: t.category, count: 0, first: t.start, ongoing: 0 }));
    g.count++;
    if (t.start < g.first) g.first = t.start;
    const end = t.end ?? t.start;
    if (!g.last || end > g.last) g.last = end;
    if (t.stoppedBecause === 'ongoing') g.ongoing++;
  }
  return [...groups.values()];
}
