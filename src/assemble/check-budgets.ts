// The payer's page and byte budgets: over one, fail with a clear message or (with --split) write numbered parts,
// each opening with a cover that says "part k of n"; the pages keep the whole packet's numbers and Bates ids.
import type { Block } from '../compose/doc-tree.js';
import { DEFAULT_CONFIDENTIALITY_NOTICE } from '../compose/packet-view.js';
import { RenderError } from '../diagnostics/errors.js';
import type { LaidOutPage, PageGeometry } from '../layout/boxes.js';
import { layoutDocument } from '../layout/layout-document.js';
import { stampItems, type PageIdentity } from '../layout/page-furniture.js';
import type { TextMeasurer } from '../layout/text-measurer.js';
import type { OutlineEntry } from './add-outline.js';
import type { PlannedPacket } from './plan-packet.js';

export interface PacketSplit {
  part: number;
  of: number;
  bytes: Uint8Array;
  /** Pages in this file, its own cover included. */
  pages: number;
  /** The packet pages it holds (1-based, inclusive). */
  first: number;
  last: number;
}

export interface BudgetInput {
  bytes: Uint8Array;
  plan: PlannedPacket;
  budgets: { maxPages?: number; maxBytes?: number };
  split: boolean;
  render: (pages: LaidOutPage[], outline: readonly OutlineEntry[]) => Promise<Uint8Array>;
  identity: PageIdentity;
  geometry: PageGeometry;
  measurer: TextMeasurer;
  payerName: string;
  /** What the packet is ("Prior authorization packet", "Medicare documentation packet"), for each part's cover. */
  packetName?: string;
}

export async function checkBudgets(input: BudgetInput): Promise<PacketSplit[] | undefined> {
  const { bytes, plan, budgets } = input;
  const pages = plan.pages.length;
  const overPages = budgets.maxPages !== undefined && pages > budgets.maxPages;
  const overBytes = budgets.maxBytes !== undefined && bytes.length > budgets.maxBytes;
  if (!overPages && !overBytes) return undefined;
  const what = [overPages ? `${pages} pages (limit ${budgets.maxPages})` : '', overBytes ? `${mb(bytes.length)} (limit ${mb(budgets.maxBytes!)})` : ''].filter(Boolean).join(' and ');
  if (!input.split) {
    throw new RenderError([{ code: 'assemble/over-budget', severity: 'error', message: `The packet is ${what}, over what ${input.payerName} accepts in one submission.`, hint: 'Pass --split to write numbered parts that each fit, or send it by another channel (mail, portal).' }]);
  }
  // Chunks by pages first (each part also carries its own cover page), then halve any chunk that is too large.
  const perPart = budgets.maxPages !== undefined ? budgets.maxPages - 1 : pages;
  let chunks: [number, number][] = [];
  for (let first = 1; first <= pages; first += perPart) chunks.push([first, Math.min(pages, first + perPart - 1)]);
  const renderChunk = (k: number, n: number, [first, last]: [number, number]) => {
    const cover = partCover(input, k, n, first, last, pages);
    const parts = plan.parts
      .filter((p) => p.last >= first && p.first <= last)
      .map((p) => ({ title: p.title, first: Math.max(p.first, first) - first + 2 }));
    return input.render([cover, ...plan.pages.slice(first - 1, last)], [{ title: `Part ${k} of ${n}`, first: 1 }, ...parts]);
  };
  if (budgets.maxBytes !== undefined) {
    for (let i = 0; i < chunks.length; ) {
      const [first, last] = chunks[i]!;
      const size = (await renderChunk(9, 9, [first, last])).length;
      if (size <= budgets.maxBytes) i++;
      else if (first === last) {
        throw new RenderError([{ code: 'assemble/over-budget', severity: 'error', message: `Packet page ${first} alone makes a part of ${mb(size)}, over the ${mb(budgets.maxBytes)} limit, so the packet cannot be split to fit.`, hint: 'Reduce the attachment on that page (scan at lower resolution or in grayscale).' }]);
      } else {
        const mid = Math.floor((first + last) / 2);
        chunks = [...chunks.slice(0, i), [first, mid], [mid + 1, last], ...chunks.slice(i + 1)];
      }
    }
  }
  const out: PacketSplit[] = [];
  for (const [k, chunk] of chunks.entries()) {
    const b = await renderChunk(k + 1, chunks.length, chunk);
    out.push({ part: k + 1, of: chunks.length, bytes: b, pages: chunk[1] - chunk[0] + 2, first: chunk[0], last: chunk[1] });
  }
  return out;
}

const mb = (n: number) => `${(n / 1048576).toFixed(2)} MB`;

/** A one-page cover for part k of n: which packet pages it holds, and that the parts belong together. */
function partCover(input: BudgetInput, k: number, n: number, first: number, last: number, total: number): LaidOutPage {
  const id = input.identity;
  const p = (text: string, bold = false): Block => ({ kind: 'paragraph', runs: [{ text, bold }], style: { size: 'normal', align: 'left', muted: false } });
  const blocks: Block[] = [
    { kind: 'heading', level: 1, runs: [{ text: `${input.packetName ?? 'Prior authorization packet'} · part ${k} of ${n}`, bold: true }] },
    p(`Case ${id.caseId} · ${id.patientName} · DOB ${id.dateOfBirth} · Member ID ${id.memberId} · ${id.payerName}`, true),
    p(`This part holds pages ${first}–${last} of the ${total}-page packet. Each of those pages carries its own "Page X of ${total}" and Bates id, so the ${n} parts can be put back together in order.`),
    p(`Please keep all ${n} parts of this request together.`),
    { kind: 'box', emphasis: false, children: [{ kind: 'paragraph', runs: [{ text: DEFAULT_CONFIDENTIALITY_NOTICE }], style: { size: 'small', align: 'left', muted: false } }] },
  ];
  const laid = layoutDocument({ blocks }, input.measurer, input.geometry);
  const page = laid.pages[0]!;
  return {
    sections: [{ id: 'part-cover', title: `Part ${k} of ${n}` }],
    items: [...page.items, ...stampItems(id, { number: 0, total, bates: '', part: 'Cover of this part (not numbered in the packet)', pageLabel: `Part ${k} of ${n}` }, input.geometry, input.measurer)],
  };
}
