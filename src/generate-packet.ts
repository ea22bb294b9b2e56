// The pipeline, top to bottom: validate → preflight → load attachments → compose → layout → fill the payer's
// form → plan (order, number, stamp) → paint → assemble. No stage calls another.
import { addOutline, type OutlineEntry } from './assemble/add-outline.js';
import { assemblePacket } from './assemble/assemble-packet.js';
import { fillForm } from './assemble/fill-form.js';
import { loadAttachments, type AttachmentSource } from './assemble/load-attachments.js';
import { loadSignatureImage } from './attachments/signature-image.js';
import { orderAttachments } from './assemble/order-attachments.js';
import { planPacket, type ExternalPart, type PacketPart } from './assemble/plan-packet.js';
import { checkBudgets, type PacketSplit } from './assemble/check-budgets.js';
import { composeDocument } from './compose/compose-document.js';
import { pageIdentity } from './compose/packet-view.js';
import type { CriterionOutcome } from './coverage/evaluate-criteria.js';
import type { ModifierSuggestion } from './coverage/suggest-modifiers.js';
import type { Diagnostic, Place } from './diagnostics/diagnostic.js';
import { hasErrors } from './diagnostics/diagnostic.js';
import { InputError, PacketError, PreflightError, RenderError } from './diagnostics/errors.js';
import { loadFontSet } from './fonts/font-set.js';
import { layoutDocument } from './layout/layout-document.js';
import type { SourceMap } from './load/source-map.js';
import { paintDocument } from './paint/paint-document.js';
import { isoDay, resolvePacketDate } from './packet-date.js';
import { packageVersion } from './package-root.js';
import { loadPayer } from './payers/load-payer.js';
import { loadPayerForm } from './payers/load-payer-form.js';
import { runPageRules, runPreflight } from './preflight/run-preflight.js';
import type { Case } from './validate/case-schema.js';
import { validateCase } from './validate/validate-case.js';
import { BATES_PREFIX_RULE, isBatesPrefix } from './format/bates.js';
import { checkEvidencePages, checkPeerToPeerFits } from './appeal/check-appeal-pages.js';

export interface GenerateOptions {
  /** Payer profile id; overrides the case's `payer`. */
  payer?: string;
  /** Extra folders of payer profiles (`<dir>/<id>/profile.yaml`), searched before the built-in ones. */
  payerDirs?: readonly string[];
  /** Extra template folders; their .hbs files override the payer's and the shared templates. */
  templateDirs?: readonly string[];
  /** The packet date; default SOURCE_DATE_EPOCH, else now. A fixed date gives byte-identical output. */
  date?: string | Date;
  /** Where the case came from, so diagnostics carry file:line. */
  source?: SourceMap;
  /** Render even when preflight finds errors; every page then carries a DRAFT mark. */
  force?: boolean;
  /** Folder attachment paths are relative to (the case file's folder). Default: the current folder. */
  baseDir?: string;
  /** `merge` (default) puts the attachments in the packet; `list` only lists them as sent separately. */
  attachments?: 'merge' | 'list';
  /** Accept attachments outside the case folder. */
  allowOutside?: boolean;
  /** Largest accepted attachment in bytes (default 25 MB). */
  maxAttachmentBytes?: number;
  /** Most pages in one attached PDF (default 1000). */
  maxAttachmentPages?: number;
  /** Prefix of the Bates page ids (default: the case ID): `<prefix>-0001`. */
  batesPrefix?: string;
  /** Over the payer's page or byte budget: split into parts instead of failing. */
  split?: boolean;
}

export interface PacketResult {
  bytes: Uint8Array;
  /** Page count of the whole packet. */
  pages: number;
  /** Warnings and notes; errors are thrown as PacketError instead. */
  diagnostics: Diagnostic[];
  case: Case;
  /** True when preflight errors were overridden with `force`: the packet is marked DRAFT. */
  draft: boolean;
  /** The payer's criteria for this request, evaluated. */
  criteria: CriterionOutcome[];
  /** Modifiers the payer's rules suggest for each claim line. */
  modifiers: ModifierSuggestion[];
  /** The packet's parts (cover, index, form, letter, history, each attachment) with their pages. */
  parts: PacketPart[];
  /** With `split` and a budget exceeded: the numbered parts to send instead of `bytes`. */
  split?: PacketSplit[];
}

/**
 * Turns a case (raw data from YAML/JSON, or a validated Case) into a PDF packet.
 * Throws InputError (invalid case, unknown payer id, an attachment file that is not there), PreflightError (denial
 * risks; see `force`) or RenderError (templates, unusable attachments, layout, budgets); all carry diagnostics.
 * @example
 *   const { bytes, pages } = await generatePacket(caseData, { date: '2026-11-20', baseDir: 'cases/' });
 */
export async function generatePacket(input: unknown, options: GenerateOptions = {}): Promise<PacketResult> {
  const date = resolvePacketDate(options.date);
  const day = isoDay(date);

  const merged = options.attachments !== 'list';
  const baseDir = options.baseDir ?? process.cwd();
  // One pass over the input: the case, its payer id, the signature image and (when they are merged) that its
  // attachment files are there.
  const validated = validateCase(input, {
    today: day,
    ...(options.source ? { source: options.source } : {}),
    ...(options.payer ? {} : { payerDirs: options.payerDirs ?? [] }),
    attachmentFiles: { baseDir, allowOutside: options.allowOutside ?? false, listed: !merged },
  });
  if (!validated.case) throw new InputError(validated.diagnostics);
  const c = validated.case;
  const diagnostics: Diagnostic[] = [...validated.diagnostics];
  // The signature image is part of the letter, drawn whether attachments are merged or listed.
  let signatureImage;
  try {
    signatureImage = loadSignatureImage(c.signature.image, { baseDir, allowOutside: options.allowOutside ?? false });
  } catch (err) {
    if (err instanceof PacketError) locate(err.diagnostics, options.source);
    throw err;
  }
  const images = new Map(signatureImage ? [['signature', signatureImage] as const] : []);

  const payer = loadPayer(options.payer ?? c.payer, options.payerDirs ?? []);
  const preflight = runPreflight(c, payer, { today: day });
  locate(preflight.diagnostics, options.source);
  diagnostics.push(...preflight.diagnostics);
  const draft = hasErrors(preflight.diagnostics);
  if (draft && !options.force) throw new PreflightError(diagnostics);

  const order = orderAttachments(c, payer);
  const attachments = merged
    ? await loadAttachments(c, order, {
        baseDir,
        allowOutside: options.allowOutside ?? false,
        ...(options.maxAttachmentBytes ? { maxBytes: options.maxAttachmentBytes } : {}),
        ...(options.maxAttachmentPages ? { maxPages: options.maxAttachmentPages } : {}),
      }).catch((err: unknown) => {
        if (err instanceof PacketError) locate(err.diagnostics, options.source);
        throw err;
      })
    : [];
  for (const a of attachments) {
    locate(a.diagnostics, options.source);
    diagnostics.push(...a.diagnostics);
  }
  try {
    checkEvidencePages(c, new Map(attachments.map((a) => [a.index, a.pages.length])));
  } catch (err) {
    if (err instanceof PacketError) locate(err.diagnostics, options.source);
    throw err;
  }
  const payerForm = loadPayerForm(payer);
  const formTitle = payerForm ? `${payer.displayName} request form` : undefined;
  const batesPrefix = options.batesPrefix ?? c.caseId;
  if (!isBatesPrefix(batesPrefix)) {
    throw new InputError([{ code: 'validate/bates-prefix', severity: 'error', message: `The Bates prefix must be ${BATES_PREFIX_RULE}, because it is printed on every page.`, hint: 'Pass a shorter prefix, or none to use the case ID.' }]);
  }

  const fonts = loadFontSet();
  const composed = composeDocument(c, {
    payer,
    date: day,
    templateDirs: options.templateDirs ?? [],
    covers: fonts.covers,
    criteria: preflight.criteria,
    assembly: { order, merged, batesPrefix, ...(formTitle ? { formTitle, formPosition: payer.form!.position } : {}) },
    images,
  });
  locate(composed.diagnostics, options.source);
  diagnostics.push(...composed.diagnostics);

  const laidOut = layoutDocument(composed.tree, fonts);
  if (hasErrors(laidOut.diagnostics)) throw new RenderError(laidOut.diagnostics);
  diagnostics.push(...laidOut.diagnostics);
  try {
    checkPeerToPeerFits(c, laidOut.pages.filter((p) => p.sections.some((s) => s.id === 'p2p')).length);
  } catch (err) {
    if (err instanceof PacketError) locate(err.diagnostics, options.source);
    throw err;
  }

  const sources: AttachmentSource[] = [];
  const externals: ExternalPart[] = [];
  if (payerForm) {
    const filled = await fillForm(payerForm.bytes, payerForm.map, composed.view, fonts, { form: payerForm.formFile, map: payerForm.mapFile });
    diagnostics.push(...filled.diagnostics);
    sources.push({ kind: 'pdf', doc: filled.doc });
    externals.push({ id: 'form', title: formTitle!, kind: 'form', source: 0, pages: filled.doc.getPages().map((p) => ({ width: p.getCropBox().width, height: p.getCropBox().height, rotation: 0 })), isImage: false });
  }
  for (const a of attachments) {
    const part = composed.view.packet.parts.find((p) => p.id === `attachment-${a.index}`)!;
    externals.push({ id: part.id, title: part.title, kind: 'attachment', source: sources.length, pages: a.pages, isImage: a.source.kind !== 'pdf' });
    sources.push(a.source);
  }

  const plan = planPacket(laidOut.pages, externals, {
    parts: composed.view.packet.plan.parts,
    identity: pageIdentity(composed.view),
    geometry: laidOut.geometry,
    measurer: fonts,
    batesPrefix,
    draft,
  });
  locate(plan.diagnostics, options.source);
  diagnostics.push(...plan.diagnostics);
  diagnostics.push(...runPageRules(c, payer, preflight, { today: day, pages: plan.pages.length }));

  const codes = composed.view.packet.itemCodes.map((i) => i.code);
  const framing = composed.view.packet.framing;
  const prior = framing.kind === 'prior-authorization';
  const meta = {
    title: `${draft ? 'DRAFT ' : ''}${composed.view.packet.appeal ? composed.view.packet.appeal.title : prior ? 'Prior authorization request' : framing.packetName} ${c.caseId}`,
    author: `${c.prescriber.name}, ${c.prescriber.credentials}`,
    subject: `${composed.view.packet.kindLabel} for ${codes.join(', ')} to ${composed.view.packet.payerName}`,
    keywords: [c.caseId, composed.view.packet.appeal ? 'appeal' : prior ? 'prior authorization' : framing.packetName.toLowerCase(), ...codes, ...c.diagnoses.map((d) => d.code), payer.id],
    date,
    creator: `authpack ${packageVersion()}`,
  };
  const render = async (pages: typeof plan.pages, outline: readonly OutlineEntry[]) => {
    const doc = await paintDocument(pages, laidOut.geometry, fonts, sources, images);
    addOutline(doc, outline);
    return assemblePacket(doc, meta);
  };
  const bytes = await render(plan.pages, plan.parts);
  const budget = await checkBudgets({ bytes, plan, budgets: payer.budgets, split: options.split ?? false, render, identity: pageIdentity(composed.view), geometry: laidOut.geometry, measurer: fonts, payerName: payer.displayName, packetName: framing.packetName });
  return {
    bytes,
    pages: plan.pages.length,
    diagnostics,
    case: c,
    draft,
    criteria: preflight.criteria,
    modifiers: preflight.modifiers,
    parts: plan.parts,
    ...(budget ? { split: budget } : {}),
  };
}

/**
 * Gives each diagnostic its place in the case file, looked up when something first reads it: finding places may
 * mean reading the case file again in full (load-case.ts), and most notes of a packet that renders are never shown.
 */
function locate(diagnostics: Diagnostic[], source: SourceMap | undefined): void {
  if (!source) return;
  for (const d of diagnostics) {
    const at = d.path;
    if (!at || d.place) continue;
    let place: Place | undefined;
    Object.defineProperty(d, 'place', { enumerable: true, configurable: true, get: () => (place ??= source.locate(at)), set: (p: Place) => (place = p) });
  }
}
