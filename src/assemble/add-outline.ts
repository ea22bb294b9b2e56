// The PDF outline: one bookmark per part of the packet (sections, the payer's form, each attachment).
import { PDFHexString, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';

/** A bookmark: its title and the 1-based page it opens. */
export interface OutlineEntry {
  title: string;
  first: number;
}

export function addOutline(doc: PDFDocument, parts: readonly OutlineEntry[]): void {
  if (parts.length === 0) return;
  const ctx = doc.context;
  const root = ctx.nextRef();
  const refs: PDFRef[] = parts.map(() => ctx.nextRef());
  parts.forEach((part, i) => {
    const entry: Record<string, unknown> = {
      Title: PDFHexString.fromText(part.title),
      Parent: root,
      Dest: [doc.getPage(part.first - 1).ref, PDFName.of('Fit')],
    };
    if (i > 0) entry.Prev = refs[i - 1];
    if (i < refs.length - 1) entry.Next = refs[i + 1];
    ctx.assign(refs[i]!, ctx.obj(entry as never));
  });
  ctx.assign(root, ctx.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1], Count: refs.length } as never));
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
