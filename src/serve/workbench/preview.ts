// The live preview: the real packet's bytes drawn page by page with pdf.js (its worker bundled under /assets, no
// eval, so the strict Content-Security-Policy holds). Each render is opened and drawn off-screen on its own, then
// swapped in; renders overlap while the coordinator types, so none may close a document another is still drawing.
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';

GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.min.mjs';
/** One pdf.js worker for the page's life: starting one per packet (pdf.js's default) costs ~200 ms each time. */
let worker: PDFWorker | undefined;

/** One packet opened in pdf.js, with the text of the pages looked at. */
export interface PacketView {
  doc: PDFDocumentProxy;
  texts: Map<number, string>;
}

export async function openPacket(bytes: Uint8Array): Promise<PacketView> {
  worker ??= new PDFWorker();
  // pdf.js takes the buffer it is given: a copy, so the caller keeps its bytes for the download.
  const doc = await getDocument({ data: bytes.slice(), worker, isEvalSupported: false, enableXfa: false }).promise;
  return { doc, texts: new Map() };
}

/** The text of a page, for finding the one that shows what was typed. */
export async function pageText(view: PacketView, page: number): Promise<string> {
  const cached = view.texts.get(page);
  if (cached !== undefined) return cached;
  const content = await (await view.doc.getPage(page)).getTextContent();
  const text = content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
  view.texts.set(page, text);
  return text;
}

export class PacketPreview {
  private view: PacketView | undefined;
  page = 1;

  constructor(private readonly host: HTMLElement) {}

  get pages(): number {
    return this.view?.doc.numPages ?? 0;
  }

  /** Draws `page` of `view` off-screen, at the host's width. */
  async draw(view: PacketView, page: number): Promise<{ canvas: HTMLCanvasElement; page: number }> {
    const n = Math.min(Math.max(1, page), view.doc.numPages);
    const pdfPage = await view.doc.getPage(n);
    const width = Math.max(200, this.host.clientWidth - 4);
    const base = pdfPage.getViewport({ scale: 1 });
    const ratio = window.devicePixelRatio || 1;
    const viewport = pdfPage.getViewport({ scale: (width / base.width) * ratio });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Packet page ${n} of ${view.doc.numPages}`);
    await pdfPage.render({ canvas, viewport }).promise;
    return { canvas, page: n };
  }

  /** Shows a drawn page; the packet shown before is closed once nothing draws from it. */
  present(view: PacketView, drawn: { canvas: HTMLCanvasElement; page: number }): void {
    const old = this.view;
    this.view = view;
    this.page = drawn.page;
    this.host.replaceChildren(drawn.canvas);
    if (old && old !== view) void old.doc.destroy();
  }

  /** Another page of the packet shown (the ‹ › buttons). */
  async turnTo(page: number): Promise<void> {
    const view = this.view;
    if (!view) return;
    const drawn = await this.draw(view, page);
    if (this.view === view) this.present(view, drawn);
  }

  /** Forgets the packet (another case was opened: its packet must not be shown beside this one). */
  clear(): void {
    void this.view?.doc.destroy();
    this.view = undefined;
    this.page = 1;
    this.host.replaceChildren();
  }
}
