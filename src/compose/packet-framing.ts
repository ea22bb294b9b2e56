// What the packet calls itself and how the letter addresses the reader: a prior-authorization request, or, for
// Medicare fee-for-service where the item needs no prior authorization (E0766), documentation for the supplier's
// claim or a response to an additional documentation request (ADR), per the profile's `submission.channel`.
import type { PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import { coverageKind } from '../appeal/coverage-kind.js';

export type FramingKind = 'prior-authorization' | 'claim-documentation' | 'adr-response';

export interface PacketFraming {
  kind: FramingKind;
  /** The cover sheet's heading. */
  coverTitle: string;
  /** The cover's heading over the request details ("Request", "Claim"). */
  requestHeading: string;
  /** The request kind as the cover and the PDF's subject name it. */
  kindLabel: string;
  /** The letter's RE line, before "· Letter of medical necessity". */
  reLine: string;
  salutation: string;
  /** The letter's first words, followed by the requested items: "I am writing to request authorization of". */
  opening: string;
  /** Heading of the continuation letter's section on use and response. */
  sinceHeading: string;
  /** What the packet is, for the PDF title and the cover of a split part. */
  packetName: string;
}

/** Channels that make a fee-for-service packet claim documentation (no prior authorization exists for the item). */
export const CLAIM_CHANNELS = ['claim-only', 'adr-response'] as const;

export function packetFraming(c: Case, payer: Pick<PayerProfileData, 'submission'>): PacketFraming {
  const continuation = coverageKind(c) === 'continuation';
  const channel = payer.submission.channel;
  const ffs = c.coverage.lineOfBusiness === 'medicare-ffs';
  if (ffs && channel === 'adr-response') {
    return {
      kind: 'adr-response',
      coverTitle: 'Response to Additional Documentation Request · Fax Cover Sheet',
      requestHeading: 'Claim',
      kindLabel: continuation ? 'Continued coverage' : 'Initial coverage',
      reLine: `Response to additional documentation request · ${continuation ? 'continued coverage' : 'initial coverage'}`,
      salutation: 'Dear Medical Reviewer:',
      opening: `In response to the additional documentation request, I am writing to document the ${continuation ? 'continued ' : ''}medical necessity of`,
      sinceHeading: 'Use and response since therapy began',
      packetName: 'Response to additional documentation request',
    };
  }
  if (ffs && channel === 'claim-only') {
    return {
      kind: 'claim-documentation',
      coverTitle: 'Medicare Documentation Packet · Claim Documentation',
      requestHeading: 'Claim',
      kindLabel: continuation ? 'Continued coverage' : 'Initial coverage',
      reLine: `Medicare claim documentation · ${continuation ? 'continued coverage' : 'initial coverage'}`,
      salutation: 'Dear Medical Reviewer:',
      opening: `I am writing to document the ${continuation ? 'continued ' : ''}medical necessity of`,
      sinceHeading: 'Use and response since therapy began',
      packetName: 'Medicare documentation packet',
    };
  }
  return {
    kind: 'prior-authorization',
    coverTitle: 'Prior Authorization Request · Fax Cover Sheet',
    requestHeading: 'Request',
    kindLabel: continuation ? 'Continuation (re-authorization)' : 'Initial request',
    reLine: continuation ? 'Request for continued authorization' : 'Request for prior authorization',
    salutation: 'Dear Medical Director:',
    opening: continuation ? 'I am writing to request continued authorization of' : 'I am writing to request authorization of',
    sinceHeading: 'Use and response since the last authorization',
    packetName: 'Prior authorization packet',
  };
}
