// The data the appeal templates see: the level's titles, where the appeal goes, the dates of service at issue, and
// each stated reason with its answer (the criteria it concerns as the criteria table evaluates them, the prescriber's
// response, the evidence enclosures with the pages to cite), the remedies and the patient's next-level rights.
import type { PayerProfile } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import type { CriterionOutcome } from '../coverage/evaluate-criteria.js';
import type { Enclosure } from '../plan/plan-parts.js';
import { reissuesLetter, wantsPeerToPeer } from '../plan/plan-appeal-parts.js';
import { LEVEL_WORDING, nextLevelRights } from '../appeal/appeal-levels.js';
import { confirmedRevision } from '../payers/policy-revision.js';
import { STATUS_LABEL } from './status-label.js';
import type { ServicePeriod } from './request-view.js';

export interface AppealCriterion {
  id: string;
  text: string;
  quoted: boolean;
  status: 'Met' | 'Not met' | 'Not documented';
  evidence: string;
  enclosures: Enclosure[];
}

export interface AppealEvidence {
  enclosure: Enclosure;
  /** Pages of the enclosure as the case gives them ("2-3, 5"), for the Bates cite. */
  pages?: string;
  /** "page" for one page, else "pages". */
  pagesWord?: string;
}

export interface AppealReason {
  n: number;
  text: string;
  codes: string[];
  criteria: AppealCriterion[];
  response?: string;
  evidence: AppealEvidence[];
  isNew: boolean;
  /** No criterion, response or evidence: the letter says the case gives no answer. */
  unanswered: boolean;
}

/** One row of the peer-to-peer sheet: a denied criterion (or the reason itself when it names none), shortened. */
export interface TalkingPoint {
  reason: number;
  point: string;
  shows?: string;
  status?: string;
  evidence: AppealEvidence[];
  enclosures: Enclosure[];
  response?: string;
  /** A second or later criterion of a reason whose response is on its first row. */
  sameResponse?: boolean;
}

export interface AppealView {
  /** The level's title: "Level 1 Appeal", "Request for Medicare Redetermination". */
  title: string;
  coverTitle: string;
  /** The review the letter requests, mid-sentence: "a first-level internal appeal". */
  review: string;
  to: { name: string; address?: { line1: string; line2?: string; city: string; state: string; postalCode: string }; fax?: string; phone?: string };
  /** The dates of service at issue: the claim's when given, else the requested period. */
  period: { start: string; end: string; fromClaim: boolean };
  reasons: AppealReason[];
  policy?: { number: string; title: string; revision?: string };
  remedies: { overturn: boolean; expedited: boolean; peerToPeer: boolean };
  rights?: string;
  reissued: boolean;
  hasPeerToPeer: boolean;
  /** The peer-to-peer sheet's rows, texts shortened so that the sheet stays on one page. */
  talkingPoints: TalkingPoint[];
  /** Medicare (fee-for-service or Advantage): the representative page carries Form CMS-1696's information. */
  medicareRepresentative: boolean;
}

export function buildAppealView(c: Case, payer: PayerProfile, outcomes: readonly CriterionOutcome[], enclosures: readonly Enclosure[], period: ServicePeriod): AppealView | undefined {
  const d = c.denial;
  if (c.request.kind !== 'appeal' || !d) return undefined;
  const wording = LEVEL_WORDING[d.level];
  const appeals = payer.appeals;
  const fax = d.appealsFax ?? appeals?.fax;
  const phone = appeals?.phone ?? c.coverage.payerPhone ?? payer.phone;
  const address = appeals ? appeals.address : payer.address;
  const reasons = d.reasons.map((r, i): AppealReason => {
    const criteria = r.criteria.flatMap((id): AppealCriterion[] => {
      const o = outcomes.find((x) => x.criterion.id === id);
      // An unconfirmed criterion is never quoted to the payer as its policy (as in the criteria table).
      if (!o || o.criterion.unconfirmed) return [];
      return [{
        id,
        text: o.criterion.text,
        quoted: o.criterion.wording === 'quoted',
        status: STATUS_LABEL[o.result.status],
        evidence: o.result.evidence,
        enclosures: o.documents.map((doc) => enclosures.find((e) => e.attachment === doc)!).filter(Boolean).sort((a, b) => a.n - b.n),
      }];
    });
    // Validation has made sure that each evidence file is one of the attachments (validate/evidence-not-attached),
    // and every attachment is an enclosure, merged or listed.
    const evidence = r.evidence.map((e): AppealEvidence => {
      const index = c.attachments.findIndex((a) => a.file === e.file);
      const enclosure = enclosures.find((x) => x.attachment === index)!;
      return { enclosure, ...(e.pages ? { pages: e.pages, pagesWord: /^\d+$/.test(e.pages) ? 'page' : 'pages' } : {}) };
    });
    return {
      n: i + 1,
      text: r.text,
      codes: r.codes,
      criteria,
      ...(r.response ? { response: r.response } : {}),
      evidence,
      isNew: r.new === true,
      unanswered: criteria.length === 0 && !r.response && evidence.length === 0,
    };
  });
  const revision = payer.policy ? confirmedRevision(payer.policy) : undefined;
  const rights = nextLevelRights(c);
  return {
    title: wording.title,
    coverTitle: `${wording.title} · Fax Cover Sheet`,
    review: wording.review,
    to: { name: appeals?.name ?? payer.recipient, ...(address ? { address } : {}), ...(fax ? { fax } : {}), ...(phone ? { phone } : {}) },
    period: d.claim?.datesOfService ? { start: d.claim.datesOfService.from, end: d.claim.datesOfService.to, fromClaim: true } : { start: period.start, end: period.end, fromClaim: false },
    reasons,
    ...(payer.policy ? { policy: { number: payer.policy.number, title: payer.policy.title, ...(revision && revision <= c.signature.date ? { revision } : {}) } } : {}),
    remedies: { overturn: d.remedies.includes('overturn'), expedited: d.remedies.includes('expedited-review'), peerToPeer: d.remedies.includes('peer-to-peer') || d.level === 'peer-to-peer' },
    ...(rights ? { rights } : {}),
    reissued: reissuesLetter(c),
    hasPeerToPeer: wantsPeerToPeer(c),
    talkingPoints: talkingPoints(reasons),
    medicareRepresentative: c.coverage.lineOfBusiness === 'medicare-ffs' || c.coverage.lineOfBusiness === 'medicare-advantage',
  };
}

/** Cuts a text at a word boundary to at most `max` characters, marking the cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function talkingPoints(reasons: readonly AppealReason[]): TalkingPoint[] {
  return reasons.flatMap((r): TalkingPoint[] => {
    const response = r.response ? { response: shorten(r.response, 220) } : {};
    if (r.criteria.length === 0) return [{ reason: r.n, point: shorten(r.text, 160), evidence: r.evidence, enclosures: [], ...response }];
    // The response and the cited pages belong to the reason: printed once, with its first criterion.
    return r.criteria.map((cr, k) => ({
      reason: r.n,
      point: shorten(cr.text, 160),
      shows: shorten(cr.evidence, 200),
      status: cr.status,
      enclosures: cr.enclosures,
      // A whole enclosure the criterion already cites is not cited twice.
      evidence: k === 0 ? r.evidence.filter((e) => e.pages || !cr.enclosures.includes(e.enclosure)) : [],
      ...(k === 0 ? response : {}),
      // Later rows of a reason with a response point back to it rather than say "not stated".
      ...(k > 0 && r.response ? { sameResponse: true } : {}),
    }));
  });
}
