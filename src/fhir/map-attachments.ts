// Maps DocumentReference (and the Binary it points to) to attachments: a file URL relative to the bundle becomes a
// path relative to the case; inline `data` becomes a file to write next to the case. Remote URLs are not fetched.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Attachment, Binary, DocumentReference } from '@medplum/fhirtypes';
import { ATTACHMENT_KINDS } from '../validate/case-schema.js';
import { SYSTEM } from './code-systems.js';
import { clean, codingIn, conceptText, day } from './fhir-values.js';
import type { ImportContext } from './import-context.js';
import type { SourcedResource } from './read-fhir.js';

/** LOINC document types (the US Core DocumentReference.type binding) by case attachment kind. */
const KIND_BY_LOINC: Record<string, string> = {
  '11526-1': 'pathology', // Pathology study
  '60568-3': 'pathology', // Pathology Synoptic report
  '11504-8': 'operative-note', // Surgical operation note
  '28570-0': 'operative-note', // Procedure note
  '18748-4': 'imaging', // Diagnostic imaging study
  '11506-3': 'clinic-note', // Progress note
  '11488-4': 'clinic-note', // Consult note
  '34117-2': 'clinic-note', // History and physical note
  '11502-2': 'lab-report', // Laboratory report
};

/**
 * The case's own attachment kinds, for documents whose LOINC type does not say (a radiation summary, a sleep study):
 * a DocumentReference.category coding in this system carries the kind as its code.
 */
export const ATTACHMENT_KIND_SYSTEM = SYSTEM.attachmentKind;

const EXTENSION_BY_TYPE: Record<string, string> = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg' };

export interface InlineFile {
  /** Path relative to the case file. */
  file: string;
  bytes: Uint8Array;
}

export interface MappedAttachments {
  attachments: Record<string, unknown>[];
  inline: InlineFile[];
}

export interface AttachmentPlaces {
  /** Folder of the FHIR file: relative URLs are resolved against it. */
  bundleDir: string;
  /** Folder the case will be written to: attachment paths are written relative to it. */
  caseDir: string;
  /** Folder, relative to caseDir, for attachments carried inline. */
  inlineDir: string;
}

export function mapAttachments(ctx: ImportContext, places: AttachmentPlaces): MappedAttachments {
  const out: MappedAttachments = { attachments: [], inline: [] };
  const usedNames = new Set<string>();
  for (const r of ctx.ofType<DocumentReference>('DocumentReference')) {
    const d = r.resource;
    if (d.status !== 'current') {
      ctx.ignore(r, `a DocumentReference with status ${d.status} is not the current document`, 'status');
      continue;
    }
    if (d.category?.some((c) => codingIn(c, ATTACHMENT_KIND_SYSTEM)?.code === 'packet')) {
      ctx.ignore(r, 'this is the packet authpack rendered (from a PAS request bundle), not a clinical attachment', 'category');
      continue;
    }
    const index = d.content.findIndex((c) => EXTENSION_BY_TYPE[c.attachment.contentType ?? ''] || /\.(pdf|png|jpe?g)$/i.test(c.attachment.url ?? ''));
    if (index < 0) {
      ctx.ignore(r, 'the document is not a PDF, PNG or JPEG, the kinds a packet can merge', 'content.attachment.contentType');
      continue;
    }
    const at = `content[${index}].attachment`;
    const file = attachmentFile(ctx, r, d.content[index]!.attachment, at, places, usedNames, out.inline);
    if (!file) continue;
    const field = `attachments[${out.attachments.length}]`;
    const item: Record<string, unknown> = { file: file.path };
    ctx.mapped(`${field}.file`, r, file.element);
    const own = d.category?.map((c) => codingIn(c, ATTACHMENT_KIND_SYSTEM)?.code).find((c) => c && (ATTACHMENT_KINDS as readonly string[]).includes(c));
    const loinc = codingIn(d.type, SYSTEM.loinc)?.code;
    item.kind = own ?? (loinc && KIND_BY_LOINC[loinc]) ?? 'other';
    ctx.mapped(`${field}.kind`, r, own ? 'category' : 'type');
    const title = clean(d.description) ?? clean(d.content[index]!.attachment.title) ?? conceptText(d.type);
    if (title) (item.title = title.slice(0, 200)), ctx.mapped(`${field}.title`, r, d.description ? 'description' : d.content[index]!.attachment.title ? `${at}.title` : 'type');
    else (item.title = null), ctx.gap(`${field}.title`, 'the DocumentReference has no description, title or type text');
    const date = day(d.context?.period?.start) ?? day(d.date);
    if (date) (item.date = date), ctx.mapped(`${field}.date`, r, d.context?.period?.start ? 'context.period.start' : 'date');
    out.attachments.push(item);
  }
  for (const b of ctx.ofType<Binary>('Binary')) ctx.touch(b);
  return out;
}

function attachmentFile(ctx: ImportContext, r: SourcedResource, a: Attachment, at: string, places: AttachmentPlaces, usedNames: Set<string>, inline: InlineFile[]): { path: string; element: string } | undefined {
  let data = a.data;
  let element = `${at}.data`;
  let contentType = a.contentType;
  if (!data && a.url && /^(Binary\/|urn:uuid:)/.test(a.url)) {
    const binary = ctx.resolve<Binary>({ reference: a.url }, 'Binary');
    if (!binary) {
      ctx.ignore(r, 'the attachment points to a Binary that is not in the FHIR input', `${at}.url`);
      return undefined;
    }
    data = binary.resource.data;
    contentType ??= binary.resource.contentType;
    element = `${at}.url → Binary.data`;
  }
  if (data) {
    const ext = EXTENSION_BY_TYPE[contentType ?? ''] ?? '.pdf';
    const base = safeName(r.resource.id ?? 'document');
    let name = `${base}${ext}`;
    for (let n = 2; usedNames.has(name); n++) name = `${base}-${n}${ext}`;
    usedNames.add(name);
    const file = path.posix.join(places.inlineDir, name);
    inline.push({ file, bytes: Buffer.from(data, 'base64') });
    return { path: file, element };
  }
  if (!a.url) {
    ctx.ignore(r, 'the attachment has neither inline data nor a URL', at);
    return undefined;
  }
  let local: string;
  if (a.url.startsWith('file:')) local = fileURLToPath(a.url);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(a.url)) {
    ctx.ignore(r, 'the attachment is at a remote URL; authpack works offline and does not fetch it (download it and point the case at the file)', `${at}.url`);
    return undefined;
  } else local = path.resolve(places.bundleDir, decodeURIComponent(a.url));
  return { path: path.relative(places.caseDir, local).split(path.sep).join('/'), element: `${at}.url` };
}

/** A file name from a resource id: letters, digits, dots and dashes only. */
function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9.-]/g, '-').replace(/^\.+/, '').slice(0, 60) || 'document';
}
