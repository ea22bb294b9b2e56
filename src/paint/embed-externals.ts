// Embeds the attachments' pages and images into a packet document, each once, with one object copier per attached
// PDF; a failure names the attachment instead of surfacing as an internal error.
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { DEFAULT_LIMITS } from '../attachments/limits.js';
import { planPages, type PdfPagePlan } from '../attachments/load-pdf.js';
import { listPages } from '../attachments/pdf-pages.js';
import type { AttachmentSource } from '../attachments/source.js';
import { PacketError, RenderError } from '../diagnostics/errors.js';
import type { ExternalItem } from '../layout/boxes.js';
import { embedJpeg } from './embed-jpeg.js';
import { pdfPageEmbedder } from './embed-pdf-page.js';
import { embedPng } from './embed-png.js';

export interface EmbeddedExternal {
  ref: PDFRef;
  /** Size of the embedded page (its crop box) before rotation; images are drawn into a unit square. */
  width: number;
  height: number;
  isImage: boolean;
}

export function embedExternals(doc: PDFDocument, sources: readonly AttachmentSource[]) {
  const cache = new Map<string, EmbeddedExternal>();
  const embedders = new Map<AttachmentSource, ReturnType<typeof pdfPageEmbedder>>();
  return (it: ExternalItem): EmbeddedExternal => {
    const key = `${it.source}:${it.page}`;
    let hit = cache.get(key);
    if (!hit) {
      const src = sources[it.source]!;
      try {
        hit = embedExternal(doc, src, it.page, embedders);
      } catch (err) {
        if (err instanceof PacketError) throw err;
        // Checked at load, but an attachment is foreign data: name it rather than fail as an internal error.
        throw new RenderError([{ code: 'paint/attachment-failed', severity: 'error', message: `${src.label ?? 'The payer form'}: page ${it.page + 1} could not be copied into the packet (${String((err as Error)?.message ?? err).split('\n')[0]}).`, hint: 'Export or scan the document again (or print it to PDF) and attach the new file.' }]);
      }
      cache.set(key, hit);
    }
    return hit;
  };
}

function embedExternal(doc: PDFDocument, src: AttachmentSource, pageIndex: number, embedders: Map<AttachmentSource, ReturnType<typeof pdfPageEmbedder>>): EmbeddedExternal {
  if (src.kind === 'png') return { ref: embedPng(doc, src.png), width: src.png.width, height: src.png.height, isImage: true };
  if (src.kind === 'jpeg') return { ref: embedJpeg(doc, src.bytes, src.jpeg), width: src.jpeg.width, height: src.jpeg.height, isImage: true };
  let embed = embedders.get(src);
  if (!embed) embedders.set(src, (embed = pdfPageEmbedder(doc, src.doc)));
  // The payer's filled form is made here, not loaded: its pages are planned when first painted.
  src.pages ??= planFormPages(src.doc);
  const plan = src.pages[pageIndex]!;
  return { ref: embed(plan), width: plan.box.width, height: plan.box.height, isImage: false };
}

function planFormPages(form: PDFDocument): PdfPagePlan[] {
  const pages = listPages(form, Number.MAX_SAFE_INTEGER);
  const planned = Array.isArray(pages) ? planPages(form, pages, DEFAULT_LIMITS) : undefined;
  if (!planned || !('pages' in planned)) throw new Error('the form has no readable pages');
  return planned.pages;
}
