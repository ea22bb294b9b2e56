// Runs pdf-lib on an attachment under watch: its console messages ("Trying to parse invalid object", "Invalid object
// ref") are captured for that attachment instead of reaching the terminal, and the compressed object and
// cross-reference streams it inflates while parsing are checked against a size ceiling first (a 1 MB object stream
// can inflate to gigabytes inside PDFDocument.load, out of reach otherwise).
import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import { PDFArray, PDFName, PDFNumber, PDFObjectStreamParser, PDFXRefStreamParser, type PDFRawStream } from 'pdf-lib';
import { decodePdfStream } from './decode-stream.js';

export interface Watch {
  /** What pdf-lib printed, one entry per call. */
  messages: string[];
  /** A compressed structure stream was over the ceiling (its objects were dropped). */
  bomb: boolean;
  /** Ceiling for one decoded structure stream, in bytes. */
  maxStreamBytes: number;
}

// One store per attachment being read; messages printed outside any watch pass through untouched. Async context
// (not a global flag) keeps two attachments read at once, e.g. in a library user's Promise.all, apart.
const watches = new AsyncLocalStorage<Watch>();
const METHODS = ['log', 'warn', 'error', 'info', 'debug'] as const;
let active = 0;
let restore: (() => void) | undefined;

function install(): () => void {
  const originals = METHODS.map((m) => console[m]);
  METHODS.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      const watch = watches.getStore();
      if (watch) watch.messages.push(format(...args));
      else originals[i]!.apply(console, args);
    };
  });
  const objects = PDFObjectStreamParser.forStream;
  const xrefs = PDFXRefStreamParser.forStream;
  PDFObjectStreamParser.forStream = (raw, tick) => (vet(raw, 'N'), objects.call(PDFObjectStreamParser, raw, tick));
  PDFXRefStreamParser.forStream = (raw) => (vet(raw, 'Size'), xrefs.call(PDFXRefStreamParser, raw));
  return () => {
    METHODS.forEach((m, i) => (console[m] = originals[i]!));
    PDFObjectStreamParser.forStream = objects;
    PDFXRefStreamParser.forStream = xrefs;
  };
}

/**
 * Refuses (throws, which pdf-lib's parser turns into one skipped object) a structure stream that inflates past the
 * ceiling or claims more entries than its bytes can hold (pdf-lib would loop over them all).
 */
function vet(raw: PDFRawStream, countKey: 'N' | 'Size'): void {
  const watch = watches.getStore();
  if (!watch) return;
  const decoded = decodePdfStream(raw, watch.maxStreamBytes);
  if (decoded === 'too-big') {
    watch.bomb = true;
    throw new Error('structure stream over the size ceiling');
  }
  if (decoded === 'unsupported') return;
  const count = raw.dict.lookup(PDFName.of(countKey));
  const index = raw.dict.lookup(PDFName.of('Index'));
  let claimed = count instanceof PDFNumber ? count.asNumber() : 0;
  if (index instanceof PDFArray) {
    claimed = 0;
    for (let i = 1; i < index.size(); i += 2) {
      const n = index.lookup(i);
      claimed += n instanceof PDFNumber ? n.asNumber() : 0;
    }
  }
  if (!Number.isFinite(claimed) || claimed > decoded.bytes.length + 1) throw new Error('structure stream claims more entries than it holds');
}

/** Runs `fn` with pdf-lib's console output and structure streams of this attachment watched. */
export async function watchPdfLib<T>(maxStreamBytes: number, fn: (watch: Watch) => Promise<T> | T): Promise<{ value: T; watch: Watch }> {
  const watch: Watch = { messages: [], bomb: false, maxStreamBytes };
  if (active++ === 0) restore = install();
  try {
    const value = await watches.run(watch, () => fn(watch));
    return { value, watch };
  } finally {
    if (--active === 0) {
      restore?.();
      restore = undefined;
    }
  }
}

/** Turns the async context tracking off until the next watch (a startup snapshot cannot hold its promise hooks). */
export function stopWatching(): void {
  if (active === 0) watches.disable();
}
