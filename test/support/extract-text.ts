// PDF → text per page, with pdfjs-dist (what a payer's intake software or a reviewer's viewer would extract).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ExtractedPdf {
  pages: string[];
  info: Record<string, unknown>;
}

/** Text of each page; items on one baseline are joined with spaces, lines with newlines. */
export async function extractText(bytes: Uint8Array): Promise<ExtractedPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const lines: { y: number; parts: { x: number; s: string }[] }[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const x = item.transform[4] as number;
      const y = item.transform[5] as number;
      let line = lines.find((l) => Math.abs(l.y - y) < 2);
      if (!line) lines.push((line = { y, parts: [] }));
      line.parts.push({ x, s: item.str });
    }
    lines.sort((a, b) => b.y - a.y);
    pages.push(lines.map((l) => l.parts.sort((a, b) => a.x - b.x).map((p) => p.s).join(' ')).join('\n'));
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown> };
}
