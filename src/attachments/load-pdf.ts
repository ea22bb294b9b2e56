// Reads an attached PDF and plans each page's embedding, under limits: the parse is watched (console messages become
// a warning naming the file; structure-stream bombs are stopped), the page tree is walked to the page limit, boxes
// are normalised, content streams are decoded once against a size ceiling (a page that inflates to gigabytes is
// refused before anything is allocated), and form values without appearances get them drawn.
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFStream, type PDFDict, type PDFObject } from 'pdf-lib';
import { decodePdfStream } from './decode-stream.js';
import { megabytes, type AttachmentLimits } from './limits.js';
import { pageAnnotations, type AnnotationDrawing } from './pdf-annotations.js';
import { drawMissingAppearances } from './pdf-forms.js';
import { watchPdfLib } from './pdf-lib-guard.js';
import { listPages, pageRotation, visibleBox, type Box, type PageNode } from './pdf-pages.js';
import { isRefusal, refuse, type Refusal } from './refusal.js';

export interface PdfPagePlan {
  dict: PDFDict;
  /** The visible box (crop box), in the page's own space. */
  box: Box;
  rotation: 0 | 90 | 180 | 270;
  /** The page's resources as written (a reference or a dictionary). */
  resources: PDFObject | undefined;
  /** The content streams that can be read, in order. */
  contents: PDFStream[];
  /** Decode and re-compress the content (several streams, or damaged ones); else its one stream is copied as is. */
  reencode: boolean;
  annotations: AnnotationDrawing[];
}

export interface Note {
  slug: 'repaired' | 'page-box' | 'form-field';
  message: string;
  hint: string;
}

export interface LoadedPdf {
  doc: PDFDocument;
  pages: PdfPagePlan[];
  notes: Note[];
}

const AGAIN = 'Export or scan the document again; `qpdf in.pdf out.pdf` can sometimes repair it.';
const firstLine = (err: unknown) => String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 200);

export async function loadPdf(bytes: Uint8Array, limits: AttachmentLimits): Promise<LoadedPdf | Refusal> {
  const { value, watch } = await watchPdfLib(limits.maxStreamBytes, async (w): Promise<LoadedPdf | Refusal> => {
    let doc: PDFDocument;
    try {
      // pdf-lib's EncryptedPDFError fails `instanceof` (ES5 build), so load anyway and ask the document.
      doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false, ignoreEncryption: true });
    } catch (err) {
      return refuse('damaged', `is damaged beyond repair (${firstLine(err)}).`, AGAIN);
    }
    if (w.bomb) {
      return refuse('too-large', `holds a compressed part that expands to more than ${megabytes(limits.maxStreamBytes)} (a damaged file, or one built to exhaust memory).`, AGAIN);
    }
    try {
      if (doc.isEncrypted) return refuse('encrypted', 'is encrypted (password-protected), so its pages cannot be copied.', 'Save an unprotected copy (print to PDF, or `qpdf --decrypt in.pdf out.pdf`) and attach that.');
      const listed = listPages(doc, limits.maxPages);
      if (!Array.isArray(listed)) {
        return refuse(
          'too-many-pages',
          `has ${listed.over ? `${listed.over} pages` : 'too many pages'}, over the limit of ${limits.maxPages} ${limits.maxPages === 1 ? 'page' : 'pages'} for one attachment.`,
          'Attach only the pages the payer needs (split the document), or raise the limit with --max-attachment-pages.',
        );
      }
      if (listed.length === 0) {
        return w.messages.length
          ? refuse('damaged', 'is damaged beyond repair: none of its pages could be read.', AGAIN)
          : refuse('empty', 'has no pages.', 'Attach the document that holds the pages.');
      }
      const notes: Note[] = [];
      const failed = await drawMissingAppearances(doc);
      if (failed.length) {
        notes.push({
          slug: 'form-field',
          message: `has filled form fields whose values authpack could not draw, so they will be blank in the packet: ${failed.map((f) => `"${f}"`).join(', ')}.`,
          hint: 'Open the form in a PDF viewer and print it to PDF (or "flatten" it), then attach that copy.',
        });
      }
      const planned = planPages(doc, listed, limits);
      if (isRefusal(planned)) return planned;
      return { doc, pages: planned.pages, notes: [...notes, ...planned.notes] };
    } catch {
      return refuse('damaged', 'is damaged beyond repair: its pages cannot be read.', AGAIN);
    }
  });
  if (watch.messages.length && 'doc' in value) {
    value.notes.unshift({
      slug: 'repaired',
      message: `is damaged or malformed: reading it found ${watch.messages.length} ${watch.messages.length === 1 ? 'problem' : 'problems'} (such as objects not written as PDF requires), and authpack used what it could read.`,
      hint: 'Check its pages in the packet. If anything is missing, export or scan the document again (`qpdf in.pdf out.pdf` can sometimes repair it).',
    });
  }
  return value;
}

/** Each page's box, rotation, readable content and printable annotations; refuses content over the size limits. */
export function planPages(doc: PDFDocument, pages: PageNode[], limits: AttachmentLimits): { pages: PdfPagePlan[]; notes: Note[] } | Refusal {
  const ctx = doc.context;
  const plans: PdfPagePlan[] = [];
  const fixedBoxes = new Map<string, number[]>();
  const damaged: number[] = [];
  let budget = limits.maxContentBytes;
  for (const [i, page] of pages.entries()) {
    const { box, fixed } = visibleBox(page, ctx);
    if (fixed) fixedBoxes.set(fixed, [...(fixedBoxes.get(fixed) ?? []), i + 1]);
    const entry = page.dict.lookup(PDFName.of('Contents'));
    const listed: unknown[] = entry instanceof PDFArray ? entry.asArray().map((r) => ctx.lookup(r)) : entry === undefined ? [] : [entry];
    const contents: PDFStream[] = [];
    let clean = true;
    for (const stream of listed) {
      if (!(stream instanceof PDFStream)) {
        clean = false;
        continue;
      }
      const decoded = decodePdfStream(stream, Math.min(limits.maxStreamBytes, budget));
      if (decoded === 'too-big') {
        return budget < limits.maxStreamBytes
          ? refuse('too-large', `has page content that expands to more than ${megabytes(limits.maxContentBytes)} in all (a damaged file, or one built to exhaust memory).`, AGAIN)
          : refuse('too-large', `has a page (page ${i + 1}) whose content expands to more than ${megabytes(limits.maxStreamBytes)} (a damaged file, or one built to exhaust memory).`, AGAIN);
      }
      if (decoded === 'unsupported' || !decoded.complete) clean = false;
      if (decoded === 'unsupported') continue;
      budget -= decoded.bytes.length;
      contents.push(stream);
    }
    if (!clean) damaged.push(i + 1);
    const reencode = !clean || contents.length > 1 || (contents.length === 1 && !(contents[0] instanceof PDFRawStream));
    plans.push({ dict: page.dict, box, rotation: pageRotation(page, ctx), resources: page.inherited.Resources, contents, reencode, annotations: pageAnnotations(page.dict, ctx) });
  }
  const notes: Note[] = [];
  for (const [why, at] of fixedBoxes) notes.push({ slug: 'page-box', message: `has ${at.length === 1 ? 'a page' : 'pages'} whose page box had to be corrected (${pageList(at)}): ${why}.`, hint: 'Check those pages in the packet; export the document again if they look wrong.' });
  if (damaged.length) {
    notes.push({ slug: 'repaired', message: `has damaged page content on ${pageList(damaged)}; what could be read is shown.`, hint: 'Check those pages in the packet. If anything is missing, export or scan the document again.' });
  }
  return { pages: plans, notes };
}

function pageList(pages: number[]): string {
  const shown = pages.slice(0, 10).join(', ');
  return `${pages.length === 1 ? 'page' : 'pages'} ${shown}${pages.length > 10 ? ` and ${pages.length - 10} more` : ''}`;
}
