// Runs a case through the pipeline's stages up to layout, as generatePacket does, so tests can read each generated
// page's sections, how full it is and what pushed content on to the next page.
import { orderAttachments } from '../../src/assemble/order-attachments.js';
import { composeDocument } from '../../src/compose/compose-document.js';
import { loadFontSet } from '../../src/fonts/font-set.js';
import type { LaidOutDocument } from '../../src/layout/boxes.js';
import { layoutDocument } from '../../src/layout/layout-document.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { TODAY } from '../support/build-case.js';

export function layOutCase(raw: unknown, options: { attachments?: 'merge' | 'list' } = {}): LaidOutDocument {
  const c = validateCase(raw, { today: TODAY }).case;
  if (!c) throw new Error('the test case is not valid');
  const payer = loadPayer(c.payer, []);
  const preflight = runPreflight(c, payer, { today: TODAY });
  const fonts = loadFontSet();
  const formTitle = payer.form ? `${payer.displayName} request form` : undefined;
  const composed = composeDocument(c, {
    payer,
    date: TODAY,
    covers: fonts.covers,
    criteria: preflight.criteria,
    assembly: { order: orderAttachments(c, payer), merged: options.attachments !== 'list', batesPrefix: c.caseId, ...(formTitle ? { formTitle, formPosition: payer.form!.position } : {}) },
  });
  return layoutDocument(composed.tree, fonts);
}

/** Share of the page body in use. */
export function fill(doc: LaidOutDocument, page: number): number {
  return (doc.pages[page]!.used ?? 0) / (doc.geometry.bodyBottom - doc.geometry.bodyTop);
}
