// The live preview: the real packet's bytes drawn page by page with pdf.js (its worker bundled under /assets, no
// eval, so the strict Content-Security-Policy holds). A new render is drawn off-screen and swapped in, so the
// preview never flashes empty while the coordinator types.
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';

GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.min.mjs';

export class PacketPreview {
  private doc: PDFDocumentProxy | undefined;
  private texts = new Map<number, string>();
  page = 1;

  constructor(private readonly host: HTMLElement) {}

  get pages(): number {
    return this.doc?.numPages ?? 0;
  }

  /** Loads new packet bytes (pdf.js takes ownership of a copy; the caller keeps its bytes for the download). */
  async load(bytes: Uint8Array): Promise<void> {
    const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false }).promise;
    const old = this.doc;
    this.doc = doc;
    this.texts.clear();
    void old?.destroy();
  }

  /** The text of a page, for finding the one that shows what was typed (cached per loaded packet). */
  async pageText(page: number): Promise<string> {
    const cached = this.texts.get(page);
    if (cached !== undefined || !this.doc) return cached ?? '';
    const content = await (await this.doc.getPage(page)).getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
    this.texts.set(page, text);
    return text;
  }

  /** Draws `page` (clamped to the packet) at the host's width. */
  async show(page: number): Promise<void> {
    if (!this.doc) return;
    this.page = Math.min(Math.max(1, page), this.doc.numPages);
    const pdfPage = await this.doc.getPage(this.page);
    const width = Math.max(200, this.host.clientWidth - 4);
    const base = pdfPage.getViewport({ scale: 1 });
    const ratio = window.devicePixelRatio || 1;
    const viewport = pdfPage.getViewport({ scale: (width / base.width) * ratio });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Packet page ${this.page} of ${this.doc.numPages}`);
    await pdfPage.render({ canvas, viewport }).promise;
    this.host.replaceChildren(canvas);
  }
}
