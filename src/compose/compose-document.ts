// Compose stage: case + payer profile → Handlebars markup → document tree.
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { RenderError } from '../diagnostics/errors.js';
import { packageRoot } from '../package-root.js';
import type { PayerProfile } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import type { CriterionOutcome } from '../coverage/evaluate-criteria.js';
import { replaceUndrawable } from './check-glyphs.js';
import type { DocTree } from './doc-tree.js';
import { buildPacketView, type AssemblyView, type PacketView } from './packet-view.js';
import { parseMarkup, type ImageSizes } from './parse-markup.js';
import { loadTemplateSet } from './template-set.js';

export interface ComposeOptions {
  payer: PayerProfile;
  /** The packet date (YYYY-MM-DD), printed on the cover and letter. */
  date: string;
  /** User template folders; their files override the payer's and the shared ones. */
  templateDirs?: readonly string[];
  /** Whether the fonts can draw a code point. */
  covers: (codePoint: number) => boolean;
  /** The payer's criteria, evaluated by preflight, for the letter's criteria section. */
  criteria?: readonly CriterionOutcome[];
  /** How attachments and the payer's form are assembled (order, merged or listed, Bates prefix). */
  assembly?: AssemblyView;
  /** The pictures the templates may draw by name (the signature image), with their size in pixels. */
  images?: ImageSizes;
}

export interface ComposedDocument {
  tree: DocTree;
  view: PacketView;
  diagnostics: Diagnostic[];
}

export function sharedTemplateDir(): string {
  return path.join(packageRoot(), 'templates', 'shared');
}

export function composeDocument(c: Case, options: ComposeOptions): ComposedDocument {
  const diagnostics: Diagnostic[] = [];
  const drawable = replaceUndrawable(c, options.covers, diagnostics);
  const view = buildPacketView(drawable, options.payer, options.date, options.criteria ?? [], options.assembly);
  const templates = loadTemplateSet([sharedTemplateDir(), options.payer.dir, ...(options.templateDirs ?? [])]);
  const html = templates.render('packet', view);
  const parsed = parseMarkup(html, options.images);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) throw new RenderError(parsed.diagnostics);
  diagnostics.push(...parsed.diagnostics);
  return { tree: parsed.tree, view, diagnostics };
}
