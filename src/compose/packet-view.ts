// The data templates see: the case as typed, the payer profile, and values derived once for every template.
import type { PayerProfile } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import { ageOn, formatDate, fullName } from '../format/format.js';
import type { PageIdentity } from '../layout/page-furniture.js';
import type { CriterionOutcome } from '../coverage/evaluate-criteria.js';

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
    hasClinical: boolean;
    /** The payer policy's criteria for this request and what the case shows for each; absent without criteria. */
    coverage?: CoverageView;
    /** Prior therapies grouped by category, in the order each category first appears. */
    therapyGroups: { category: string; count: number; first: string; last?: string; ongoing: number }[];
  };
}

export interface CoverageView {
  /** `revision` is absent when the profile marks the policy's revision date unconfirmed: it is never printed as fact. */
  policy: { number: string; title: string; revision?: string; url: string; lastChecked: string };
  /** `enclosures`: numbers in the letter's Enclosures list (1 is the prior-therapy history, attachments follow). */
  criteria: { n: number; text: string; quoted: boolean; status: 'Met' | 'Not met' | 'Not documented'; met: boolean; evidence: string; enclosures: number[] }[];
  /** Criteria left out of the letter because their wording is unconfirmed. */
  omitted: number;
}

/** Enclosure 1 is the prior-therapy history; attachment i is enclosure i + 2. */
export const ENCLOSURE_OFFSET = 2;

function coverageView(c: Case, payer: PayerProfile, outcomes: readonly CriterionOutcome[]): CoverageView | undefined {
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
      enclosures: o.documents.map((d) => d + ENCLOSURE_OFFSET),
    })),
    omitted: outcomes.length - cited.length,
  };
}

export function buildPacketView(c: Case, payer: PayerProfile, date: string, criteria: readonly CriterionOutcome[] = []): PacketView {
  const coverage = coverageView(c, payer, criteria);
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
      hasClinical: c.clinical !== undefined,
      therapyGroups: groupTherapies(c.priorTherapies),
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
