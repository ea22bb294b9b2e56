// The data templates see: the case as typed, the payer profile, and values derived once for every template.
import type { PayerProfile } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import { ageOn, formatDate, fullName } from '../format/format.js';
import type { PageIdentity } from '../layout/page-furniture.js';
import type { CriterionOutcome } from '../coverage/evaluate-criteria.js';
import { itemCodeViews, requestNoun, servicePeriod, usageView, type ItemCodeView, type ServicePeriod, type UsageView } from './request-view.js';
import { placeOfServiceName } from '../codes/code-table.js';
import { packetFraming, type PacketFraming } from './packet-framing.js';
import { planParts, type Enclosure, type PartsPlan, type PlannedPart } from '../plan/plan-parts.js';
import { confirmedRevision } from '../payers/policy-revision.js';
import { coverageKind } from '../appeal/coverage-kind.js';
import { buildAppealView, type AppealView } from './appeal-view.js';
import { STATUS_LABEL } from './status-label.js';

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
    /** Age in whole years on the letter's date (the signature date). */
    ageAtRequest: number;
    /** Medicare fee-for-service with an MBI: the MBI is printed on the cover and in the RE block. */
    showMbi: boolean;
    isContinuation: boolean;
    isExpedited: boolean;
    kindLabel: string;
    /** Prior-authorization request, or Medicare fee-for-service claim documentation / ADR response: titles and wording. */
    framing: PacketFraming;
    primaryDiagnosis: Case['diagnoses'][number];
    otherDiagnoses: Case['diagnoses'];
    itemCodes: ItemCodeView[];
    /** Whether any requested item lists modifiers (else the cover's modifier column is left out). */
    hasModifiers: boolean;
    /** Whether any requested item gives its basis (acquisition, unit or benefit; else the cover's basis column is left out). */
    hasBasis: boolean;
    /** What the letter calls the request: "treatment", "medication", "imaging study", "procedure", "service", "items". */
    requestNoun: string;
    /** The requested dates of service. */
    period: ServicePeriod;
    /** `request.placeOfService` with its CMS name when authpack's list has it. */
    placeOfService?: { code: string; name?: string };
    /** Continuation: device usage over all reports, against the threshold that applies (policy, else labelled use). */
    usage?: UsageView;
    /** A usage threshold applies to the requested item (so a missing usage report is worth saying). */
    usageExpected: boolean;
    /** An attachment of kind usage-report is part of the request. */
    usageReportEnclosed: boolean;
    /** Which optional parts of the letter have something to say (a heading is never printed over nothing). */
    has: { readiness: boolean; plan: boolean; useSinceLast: boolean };
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
    /** The prior therapies are listed by start date (so "oldest first" is true), and the earliest start. */
    therapiesInOrder: boolean;
    firstTherapyStart?: string;
    /** Prior therapies grouped by category, in the order each category first appears. */
    therapyGroups: { category: string; count: number; first: string; last?: string; ongoing: number }[];
    /** An appeal case: the denial, each reason and its answer, where the appeal goes (compose/appeal-view.ts). */
    appeal?: AppealView;
  };
}

export interface CoverageView {
  /** `revision` is absent when the profile marks the policy's revision date unconfirmed: it is never printed as fact. */
  policy: { number: string; title: string; revision?: string; url: string; lastChecked: string };
  /** `enclosures`: entries of the letter's Enclosures list that document the criterion. */
  criteria: { n: number; text: string; quoted: boolean; status: 'Met' | 'Not met' | 'Not documented'; met: boolean; evidence: string; enclosures: Enclosure[] }[];
  /** Criteria left out of the letter because their wording is unconfirmed. */
  omitted: number;
  /** Every criterion printed is met (and none was left out). */
  allMet: boolean;
  /**
   * How the criteria are cited. `wording`: whether they are quoted, summarised, or some of each. `revision` (the
   * policy's confirmed revision date) or else `checked` (the day the profile was compared with the live policy) is
   * given only when it is not after the letter's date: a letter never cites a version it could not have read.
   */
  citation: { wording: 'quoted' | 'summarised' | 'mixed'; revision?: string; checked?: string };
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
  const quoted = cited.filter((o) => o.criterion.wording === 'quoted').length;
  const letterDate = c.signature.date;
  const { lastChecked } = payer.policy;
  const revision = confirmedRevision(payer.policy);
  const citation: CoverageView['citation'] = {
    wording: quoted === 0 ? 'summarised' : quoted === cited.length ? 'quoted' : 'mixed',
    // A revision date is printed only when confirmed; otherwise the day the profile was compared with the policy.
    ...(revision && revision <= letterDate ? { revision } : !revision && lastChecked <= letterDate ? { checked: lastChecked } : {}),
  };
  return {
    citation,
    allMet: cited.length > 0 && cited.length === outcomes.length && cited.every((o) => o.result.status === 'met'),
    policy: { number: payer.policy.number, title: payer.policy.title, ...(revision ? { revision } : {}), url: payer.policy.url, lastChecked: payer.policy.lastChecked },
    criteria: cited.map((o, i) => ({
      n: i + 1,
      text: o.criterion.text,
      quoted: o.criterion.wording === 'quoted',
      status: STATUS_LABEL[o.result.status],
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
  const itemCodes = itemCodeViews(c.items);
  const usage = usageView(c, payer);
  const pos = c.request.placeOfService;
  const framing = packetFraming(c, payer);
  const appeal = buildAppealView(c, payer, criteria, enclosures, servicePeriod(c.request));
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
      ageAtRequest: ageOn(c.patient.dateOfBirth, c.signature.date),
      showMbi: c.coverage.lineOfBusiness === 'medicare-ffs' && c.patient.mbi !== undefined,
      isContinuation: coverageKind(c) === 'continuation',
      isExpedited: c.request.urgency === 'expedited',
      kindLabel: framing.kindLabel,
      framing,
      primaryDiagnosis: primary,
      otherDiagnoses: c.diagnoses.filter((d) => d !== primary),
      itemCodes,
      hasModifiers: c.items.some((i) => i.modifiers.length > 0),
      hasBasis: c.items.some((i) => i.acquisition !== undefined || i.unit !== undefined || i.benefit !== undefined),
      requestNoun: requestNoun(itemCodes),
      period: servicePeriod(c.request),
      ...(pos ? { placeOfService: { code: pos, ...(placeOfServiceName(pos) ? { name: placeOfServiceName(pos)! } : {}) } } : {}),
      ...(usage.usage ? { usage: usage.usage } : {}),
      usageExpected: usage.expected,
      usageReportEnclosed: c.attachments.some((a) => a.kind === 'usage-report'),
      has: letterParts(c, usage.expected),
      confidentialityNotice: payer.confidentialityNotice ?? DEFAULT_CONFIDENTIALITY_NOTICE,
      confidentialityLine: CONFIDENTIALITY_LINE,
      therapyGroups: groupTherapies(c.priorTherapies),
      therapiesInOrder: c.priorTherapies.every((t, i) => i === 0 || c.priorTherapies[i - 1]!.start <= t.start),
      ...(c.priorTherapies.length ? { firstTherapyStart: c.priorTherapies.map((t) => t.start).sort()[0]! } : {}),
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
      ...(appeal ? { appeal } : {}),
    },
  };
}

function letterParts(c: Case, usageExpected: boolean): PacketView['packet']['has'] {
  const r = c.deviceReadiness;
  const readiness = !!r && (r.trainedOn !== undefined || r.willingToWear18h === true || r.headShavingAcknowledged === true || r.screenedOn !== undefined || r.contraindications.length > 0);
  const useSinceLast =
    c.followUp.usageReports.length > 0 || usageExpected || c.attachments.some((a) => a.kind === 'usage-report') ||
    c.clinical?.latestImaging !== undefined || c.followUp.reevaluation !== undefined || c.followUp.benefit !== undefined;
  return { readiness, plan: readiness || c.followUp.plan !== undefined || c.consent?.obtained === true, useSinceLast };
}

export function pageIdentity(view: PacketView): PageIdentity {
  return {
    patientName: view.packet.patientName,
    dateOfBirth: formatDate(view.patient.dateOfBirth),
    memberId: view.patient.memberId,
    ...(view.packet.showMbi && view.patient.mbi ? { mbi: view.patient.mbi } : {}),
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
