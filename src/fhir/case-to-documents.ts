// The documents a PAS request carries inline: the rendered packet PDF and each clinical attachment, as
// DocumentReferences whose content is base64 `data` (PASDocumentReference forbids a `url`), each with the X12 PWK01
// report type the Claim's supportingInfo needs.
import type { DocumentReference } from '@medplum/fhirtypes';
import type { Case } from '../validate/case-schema.js';
import { SYSTEM } from './code-systems.js';
import type { Entry } from './case-to-parties.js';
import { compact, concept, ref } from './export-values.js';

type Kind = Case['attachments'][number]['kind'];

/** An attachment's bytes as read from disk, with its media type. */
export interface AttachmentData {
  bytes: Uint8Array;
  contentType: string;
}

export interface DocumentEntry extends Entry<DocumentReference> {
  /** X12 PWK01 report type code and its display. */
  reportType: [string, string];
  description: string;
}

/** Attachment kind → LOINC document type where one plainly fits, and the X12 PWK01 report type. */
const KINDS: Record<Kind, { loinc?: [string, string]; pwk: [string, string] }> = {
  pathology: { loinc: ['11526-1', 'Pathology study'], pwk: ['P4', 'Pathology Report'] },
  'operative-note': { loinc: ['11504-8', 'Surgical operation note'], pwk: ['OB', 'Operative Note'] },
  'radiation-summary': { pwk: ['M1', 'Medical Record Attachment'] },
  'chemotherapy-record': { pwk: ['M1', 'Medical Record Attachment'] },
  imaging: { loinc: ['18748-4', 'Diagnostic imaging study'], pwk: ['RR', 'Radiology Reports'] },
  'clinic-note': { loinc: ['11506-3', 'Progress note'], pwk: ['PY', "Physician's Report"] },
  'sleep-study': { pwk: ['DG', 'Diagnostic Report'] },
  'lab-report': { loinc: ['11502-2', 'Laboratory report'], pwk: ['LA', 'Laboratory Results'] },
  'usage-report': { pwk: ['RT', 'Report of Tests and Analysis Report'] },
  order: { pwk: ['OD', 'Orders and Treatments Document'] },
  'denial-letter': { pwk: ['M1', 'Medical Record Attachment'] },
  'original-request': { pwk: ['M1', 'Medical Record Attachment'] },
  other: { pwk: ['M1', 'Medical Record Attachment'] },
};

export function packetDocument(c: Case, id: (role: string) => string, patientUrl: string, authorUrl: string, day: string, packet: Uint8Array): DocumentEntry {
  const resource: DocumentReference & { id: string } = {
    resourceType: 'DocumentReference',
    id: id('Packet'),
    identifier: [{ system: SYSTEM.caseId, value: c.caseId }],
    status: 'current',
    type: { text: 'Prior authorization packet' },
    category: [concept(SYSTEM.usCoreDocCategory, 'clinical-note', 'Clinical Note'), concept(SYSTEM.attachmentKind, 'packet', 'Prior authorization packet (made by authpack)')],
    subject: ref(patientUrl),
    author: [ref(authorUrl)],
    description: `authpack packet for case ${c.caseId}: cover, letter of medical necessity, therapy history and attachments`,
    content: [{ attachment: { contentType: 'application/pdf', data: Buffer.from(packet).toString('base64'), title: `${c.caseId}.pdf`, creation: day } }],
  };
  return { fullUrl: `urn:uuid:${resource.id}`, resource, reportType: ['OZ', 'Support Data for Claim'], description: 'The prior authorization packet (PDF)' };
}

export function attachmentDocuments(c: Case, id: (role: string, i?: number) => string, patientUrl: string, data: readonly AttachmentData[]): DocumentEntry[] {
  return c.attachments.map((a, i) => {
    const kind = KINDS[a.kind];
    const d = data[i]!;
    const resource = compact({
      resourceType: 'DocumentReference' as const,
      id: id('Attachment', i),
      status: 'current' as const,
      type: { ...(kind.loinc ? { coding: [{ system: SYSTEM.loinc, code: kind.loinc[0], display: kind.loinc[1] }] } : {}), text: a.title },
      category: [concept(SYSTEM.usCoreDocCategory, 'clinical-note', 'Clinical Note'), concept(SYSTEM.attachmentKind, a.kind)],
      subject: ref(patientUrl),
      description: a.title,
      content: [{ attachment: compact({ contentType: d.contentType, data: Buffer.from(d.bytes).toString('base64'), title: a.title, creation: a.date }) }],
      context: a.date ? { period: { start: a.date } } : undefined,
    }) as DocumentReference & { id: string };
    return { fullUrl: `urn:uuid:${resource.id}`, resource, reportType: kind.pwk, description: a.title };
  });
}

/** The media type of an attachment file, from its first bytes (the loaders refuse anything else). */
export function sniffContentType(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8) return 'image/jpeg';
  return 'application/octet-stream';
}
