// What the paint stage draws an attachment from, as the load stage prepared it: a PDF with its planned pages, or a
// checked image whose data goes into the packet as it is.
import type { PDFDocument } from 'pdf-lib';
import type { CheckedJpeg } from './jpeg.js';
import type { PdfPagePlan } from './load-pdf.js';
import type { PreparedPng } from './png.js';

export type AttachmentSource = (
  | { kind: 'pdf'; doc: PDFDocument; /** Planned at load; the payer's own form is planned when painted. */ pages?: PdfPagePlan[] }
  | { kind: 'png'; png: PreparedPng }
  | { kind: 'jpeg'; bytes: Uint8Array; jpeg: CheckedJpeg }
) & {
  /** How messages name it: `Attachment 2 (scans/mri.pdf)`. */
  label?: string;
};
