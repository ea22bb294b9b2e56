// The pipeline, top to bottom: validate → preflight → compose → layout → paint → assemble. No stage calls another.
import { composeDocument } from './compose/compose-document.js';
import { pageIdentity } from './compose/packet-view.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { hasErrors } from './diagnostics/diagnostic.js';
import { InputError, PreflightError, RenderError } from './diagnostics/errors.js';
import type { CriterionOutcome } from './coverage/evaluate-criteria.js';
import type { ModifierSuggestion } from './coverage/suggest-modifiers.js';
import { runPreflight } from './preflight/run-preflight.js';
import { loadFontSet } from './fonts/font-set.js';
import { layoutDocument } from './layout/layout-document.js';
import { addPageFurniture } from './layout/page-furniture.js';
import type { SourceMap } from './load/source-map.js';
import { assemblePacket } from './assemble/assemble-packet.js';
import { paintDocument } from './paint/paint-document.js';
import { isoDay, resolvePacketDate } from './packet-date.js';
import { packageVersion } from './package-root.js';
import { loadPayer } from './payers/load-payer.js';
import type { Case } from './validate/case-schema.js';
import { validateCase } from './validate/validate-case.js';

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
}

/**
 * Turns a case (raw data from YAML/JSON, or a validated Case) into a PDF packet.
 * Throws InputError (invalid case) or RenderError (templates, layout); both carry diagnostics.
 * @example
 *   const { bytes, pages } = await generatePacket(caseData, { date: '2026-11-20' });
 */
export async function generatePacket(input: unknown, options: GenerateOptions = {}): Promise<PacketResult> {
  const date = resolvePacketDate(options.date);
  const day = isoDay(date);

  const validated = validateCase(input, { today: day, ...(options.source ? { source: options.source } : {}) });
  if (!validated.case) throw new InputError(validated.diagnostics);
  const c = validated.case;
  const diagnostics: Diagnostic[] = [...validated.diagnostics];

  const payer = loadPayer(options.payer ?? c.payer, options.payerDirs ?? []);
  const preflight = runPreflight(c, payer, { today: day });
  locate(preflight.diagnostics, options.source);
  diagnostics.push(...preflight.diagnostics);
  const draft = hasErrors(preflight.diagnostics);
  if (draft && !options.force) throw new PreflightError(diagnostics);

  const fonts = loadFontSet();
  const composed = composeDocument(c, { payer, date: day, templateDirs: options.templateDirs ?? [], covers: fonts.covers, criteria: preflight.criteria });
  locate(composed.diagnostics, options.source);
  diagnostics.push(...composed.diagnostics);

  const laidOut = layoutDocument(composed.tree, fonts);
  if (hasErrors(laidOut.diagnostics)) throw new RenderError(laidOut.diagnostics);
  diagnostics.push(...laidOut.diagnostics);
  diagnostics.push(...runPreflight(c, payer, { today: day, pages: laidOut.pages.length }).diagnostics);
  const pages = addPageFurniture(laidOut.pages, pageIdentity(composed.view), laidOut.geometry, fonts, { draft });

  const doc = await paintDocument(pages, laidOut.geometry, fonts);
  const codes = composed.view.packet.itemCodes.map((i) => i.code);
  const bytes = await assemblePacket(doc, {
    title: `${draft ? 'DRAFT ' : ''}Prior authorization request ${c.caseId}`,
    author: `${c.prescriber.name}, ${c.prescriber.credentials}`,
    subject: `${composed.view.packet.kindLabel} for ${codes.join(', ')} to ${composed.view.packet.payerName}`,
    keywords: [c.caseId, 'prior authorization', ...codes, ...c.diagnoses.map((d) => d.code), payer.id],
    date,
    creator: `authpack ${packageVersion()}`,
  });
  return { bytes, pages: pages.length, diagnostics, case: c, draft, criteria: preflight.criteria, modifiers: preflight.modifiers };
}

function locate(diagnostics: Diagnostic[], source: SourceMap | undefined): void {
  if (source) for (const d of diagnostics) if (d.path && !d.place) d.place = source.locate(d.path);
}
