// Assemble stage: finishes the painted packet (metadata, fixed dates for reproducible bytes) and serializes it.
import type { PDFDocument } from 'pdf-lib';
// Object and cross-reference streams are deflated by zlib (installed once for every pdf-lib writer).
import '../paint/native-deflate.js';

export interface PacketMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Creation and modification date; fixed by --date or SOURCE_DATE_EPOCH for byte-identical output. */
  date: Date;
  creator: string;
}

export async function assemblePacket(doc: PDFDocument, meta: PacketMetadata): Promise<Uint8Array> {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer('authpack with pdf-lib');
  doc.setLanguage('en-US');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  // pdf-lib yields to the event loop every 50 objects with setTimeout(0), which Node stretches to 1 ms: an idle
  // millisecond or two per packet. The whole write takes a few milliseconds, so it runs in one go.
  return doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
}
