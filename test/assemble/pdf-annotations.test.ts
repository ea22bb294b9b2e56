// Which annotations of an attached page print, and where their appearances go (PDF 32000 §12.5.5).
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pageAnnotations } from '../../src/attachments/pdf-annotations.js';

async function pageWith(annots: Record<string, unknown>[], appearance: { BBox: number[]; Matrix?: number[] }) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const ctx = doc.context;
  const ap = ctx.register(ctx.stream('0 0 1 rg 0 0 100 20 re f', { Type: 'XObject', Subtype: 'Form', ...appearance }));
  const refs = annots.map((a) => ctx.register(ctx.obj({ Type: 'Annot', AP: { N: ap }, ...a })));
  page.node.set(PDFName.of('Annots'), ctx.obj(refs));
  return { doc, page, ap };
}

describe('page annotations', () => {
  it('maps the appearance box, turned by its matrix, onto the rectangle', async () => {
    // A 100 × 20 appearance turned 90° spans x −20…0, y 0…100; the rectangle is 20 × 100 at (10, 10).
    const { doc, page, ap } = await pageWith([{ Subtype: 'Widget', Rect: [10, 10, 30, 110] }], { BBox: [0, 0, 100, 20], Matrix: [0, 1, -1, 0, 0, 0] });
    expect(pageAnnotations(page.node, doc.context)).toEqual([{ appearance: ap, matrix: [1, 0, 0, 1, 30, 10] }]);
  });

  it('scales an appearance whose box differs from the rectangle', async () => {
    const { doc, page } = await pageWith([{ Subtype: 'Stamp', Rect: [100, 200, 300, 240] }], { BBox: [0, 0, 100, 20] });
    expect(pageAnnotations(page.node, doc.context)[0]!.matrix).toEqual([2, 0, 0, 2, 100, 200]);
  });

  it('skips hidden, no-view and popup annotations, and ones without a usable rectangle', async () => {
    const { doc, page } = await pageWith(
      [
        { Subtype: 'Widget', Rect: [0, 0, 10, 10], F: 2 },
        { Subtype: 'Widget', Rect: [0, 0, 10, 10], F: 32 },
        { Subtype: 'Popup', Rect: [0, 0, 10, 10] },
        { Subtype: 'Widget', Rect: [0, 0, 0, 0] },
        { Subtype: 'Widget', Rect: [0, 0, 10, 10], F: 4 },
      ],
      { BBox: [0, 0, 10, 10] },
    );
    expect(pageAnnotations(page.node, doc.context)).toHaveLength(1);
  });

  it('picks the check box state named by /AS', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const ctx = doc.context;
    const on = ctx.register(ctx.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
    const off = ctx.register(ctx.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
    const annot = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', Rect: [0, 0, 10, 10], AS: 'Yes', AP: { N: { Yes: on, Off: off } } }));
    page.node.set(PDFName.of('Annots'), ctx.obj([annot]));
    expect(pageAnnotations(page.node, ctx)[0]!.appearance).toBe(on);
  });
});
