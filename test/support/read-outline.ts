// Reads a PDF's outline (bookmarks) back with pdf-lib: titles and the 1-based page each points to.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

export async function readOutline(bytes: Uint8Array): Promise<{ title: string; page: number }[]> {
  const doc = await PDFDocument.load(bytes);
  const pageRefs = doc.getPages().map((p) => p.ref);
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const out: { title: string; page: number }[] = [];
  let item = root?.lookupMaybe(PDFName.of('First'), PDFDict);
  while (item) {
    const title = item.lookup(PDFName.of('Title'));
    const dest = item.lookup(PDFName.of('Dest'), PDFArray);
    const target = dest.get(0) as PDFRef;
    out.push({
      title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : String(title),
      page: pageRefs.findIndex((r) => r === target || (r.objectNumber === target.objectNumber && r.generationNumber === target.generationNumber)) + 1,
    });
    item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
  }
  return out;
}
