// Puts the pages of the packet plan's parts in order (generated sections, the payer's form, attachments), numbers
// every page, gives each a Bates id, fits attached pages inside the margins, stamps every page, and fills the
// fields (page counts, page ranges, first pages, Bates ids) from the same plan that numbered the parts.
import type { LaidOutPage, PageGeometry, PageInfo } from '../layout/boxes.js';
import { fillFields, stampItems, type PageIdentity } from '../layout/page-furniture.js';
import type { TextMeasurer } from '../layout/text-measurer.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { RenderError } from '../diagnostics/errors.js';
import { numberRange, type PlannedPart } from '../plan/plan-parts.js';

export interface ExternalPart {
  /** Part id used by page-range fields: `attachment-<case index>` or `form`. */
  id: string;
  title: string;
  kind: 'attachment' | 'form';
  /** Index of the source (attachment document or image) the paint stage draws from. */
  source: number;
  pages: PageInfo[];
  /** Images are scaled up or down to fill the area; document pages are only scaled down. */
  isImage: boolean;
}

export interface PacketPart {
  id: string;
  /** As printed in the index, the footers and the bookmarks ("Enclosure 2: Operative note"). */
  title: string;
  kind: 'section' | 'attachment' | 'form';
  /** The part's number in the packet (the index's "#"). */
  number: number;
  /** Its number in the letter's Enclosures list, when it is an enclosure. */
  enclosure?: number;
  /** 1-based page numbers in the whole packet; two parts share a page when one ends and the next starts on it. */
  first: number;
  last: number;
}

export interface PlanOptions {
  /** The packet plan's parts, in packet order (plan/plan-parts.ts). */
  parts: readonly PlannedPart[];
  identity: PageIdentity;
  geometry: PageGeometry;
  measurer: TextMeasurer;
  /** Bates prefix; page ids are `<prefix>-0001`. */
  batesPrefix: string;
  draft: boolean;
}

export interface PlannedPacket {
  pages: LaidOutPage[];
  parts: PacketPart[];
  /** Values the page furniture had to shorten (layout/shortened). */
  diagnostics: Diagnostic[];
}

type Slot = { page: LaidOutPage; partIds: string[] };

export function planPacket(generated: readonly LaidOutPage[], externals: readonly ExternalPart[], o: PlanOptions): PlannedPacket {
  const slots = orderPages(generated, externals, o);
  const total = slots.length;
  const ranges = new Map<string, { first: number; last: number }>();
  slots.forEach((s, i) => {
    for (const id of s.partIds) {
      const r = ranges.get(id);
      if (r) r.last = i + 1;
      else ranges.set(id, { first: i + 1, last: i + 1 });
    }
  });
  const parts = o.parts.map((p): PacketPart => {
    const r = ranges.get(p.id);
    if (!r) throw templateMismatch(`The packet plan has the part "${p.id}" (${p.title}), but no page of the packet holds it.`, p.kind === 'section' ? `Keep <section data-id="${p.id}"> in the templates.` : 'Report this as a bug.');
    return { id: p.id, title: p.caption, kind: p.kind, number: p.number, ...(p.enclosure ? { enclosure: p.enclosure } : {}), first: r.first, last: r.last };
  });

  const bates = (n: number) => `${o.batesPrefix}-${String(n).padStart(4, '0')}`;
  const values = new Map<string, string>([['total-pages', String(total)]]);
  for (const p of parts) {
    values.set(`pages:${p.id}`, numberRange(p.first, p.last));
    values.set(`bates:${p.id}`, p.first === p.last ? bates(p.first) : `${bates(p.first)}–${String(p.last).padStart(4, '0')}`);
    values.set(`page:${p.id}`, String(p.first));
  }
  const byId = new Map(parts.map((p) => [p.id, p]));
  const diagnostics: Diagnostic[] = [];
  const pages = slots.map((s, i) => {
    const number = i + 1;
    // "on this page" / "on page 3": where a part starts, seen from the page the reference is printed on.
    const lookup = (field: string) => {
      const cite = /^bates-pages:(.+):(\d+)(?:-(\d+))?$/.exec(field);
      if (cite) return citedPages(byId.get(cite[1]!), Number(cite[2]), Number(cite[3] ?? cite[2]), bates);
      const ref = /^ref:(.+)$/.exec(field);
      if (!ref) return values.get(field);
      const first = byId.get(ref[1]!)?.first;
      return first === undefined ? undefined : first === number ? 'on this page' : `on page ${first}`;
    };
    const attachment = s.partIds.length === 1 ? /^attachment-(\d+)$/.exec(s.partIds[0]!) : null;
    const part = s.partIds.map((id) => byId.get(id)!.title).join(' · ');
    const stamp = { number, total, bates: bates(number), part, draft: o.draft, ...(attachment ? { partPath: ['attachments', Number(attachment[1]), 'title'] } : {}) };
    return { ...s.page, items: [...fillFields(s.page.items, lookup, o.measurer), ...stampItems(o.identity, stamp, o.geometry, o.measurer, diagnostics)] };
  });
  return { pages, parts, diagnostics };
}

/**
 * The pages in the plan's order: the generated pages as laid out, each external part (the payer's form, the
 * attachments) inserted before the first generated page of the part the plan puts after it.
 */
function orderPages(generated: readonly LaidOutPage[], externals: readonly ExternalPart[], o: PlanOptions): Slot[] {
  const position = new Map(o.parts.map((p, i) => [p.id, i]));
  const slots: Slot[] = [];
  const placed = new Set<string>();
  let furthest = -1;
  const placeExternal = (p: PlannedPart) => {
    const part = externals.find((e) => e.id === p.id);
    if (!part) throw new Error(`planPacket: the plan has the ${p.kind} "${p.id}" but no pages were given for it`);
    if (furthest > position.get(p.id)!) {
      throw templateMismatch(`The ${p.title} goes before the ${o.parts[furthest]!.title.toLowerCase()}, which does not start on a page of its own.`, 'Keep the page break (<div class="page-break"></div>) before that section in packet.hbs.');
    }
    part.pages.forEach((info, i) => slots.push({ page: { sections: [{ id: part.id, title: p.caption }], items: [fitPage(part, i, info, o.geometry)] }, partIds: [part.id] }));
    placed.add(p.id);
  };
  for (const page of generated) {
    for (const s of page.sections) {
      if (position.has(s.id)) continue;
      const sections = o.parts.filter((p) => p.kind === 'section').map((p) => p.id).join(', ');
      if (s.id === '') throw templateMismatch('A template emits content outside any <section>, so no part of the packet holds it.', `Put it inside one of the packet's sections: ${sections}.`);
      throw templateMismatch(`A template emits the section "${s.id}" (${s.title}), which is not a part of the packet plan.`, `Use one of the packet's sections: ${sections}.`);
    }
    const opens = position.get(page.sections[0]!.id)!;
    for (const p of o.parts.slice(0, opens)) if (p.kind !== 'section' && !placed.has(p.id)) placeExternal(p);
    slots.push({ page, partIds: page.sections.map((s) => s.id) });
    for (const s of page.sections) furthest = Math.max(furthest, position.get(s.id)!);
  }
  for (const p of o.parts) if (p.kind !== 'section' && !placed.has(p.id)) placeExternal(p);
  return slots;
}

/** Pages `from`–`to` of a part (its own numbering) as packet Bates ids; undefined ("?") for a page it does not have. */
function citedPages(part: PacketPart | undefined, from: number, to: number, bates: (n: number) => string): string | undefined {
  if (!part || from < 1 || to < from || part.first + to - 1 > part.last) return undefined;
  const first = part.first + from - 1;
  const last = part.first + to - 1;
  return first === last ? bates(first) : `${bates(first)}–${String(last).padStart(4, '0')}`;
}

function templateMismatch(message: string, hint: string): RenderError {
  return new RenderError([{ code: 'assemble/plan-mismatch', severity: 'error', message, hint }]);
}

/** Fits an attached page (as displayed, after its rotation) inside the page body, centred, never cropped. */
function fitPage(part: ExternalPart, index: number, info: PageInfo, g: PageGeometry) {
  const boxW = g.width - g.marginLeft - g.marginRight;
  const boxH = g.bodyBottom - g.bodyTop;
  const turned = info.rotation === 90 || info.rotation === 270;
  const w = turned ? info.height : info.width;
  const h = turned ? info.width : info.height;
  const fitScale = Math.min(boxW / w, boxH / h);
  const scale = part.isImage ? fitScale : Math.min(1, fitScale);
  const width = w * scale;
  const height = h * scale;
  return {
    kind: 'external' as const,
    source: part.source,
    page: index,
    x: g.marginLeft + (boxW - width) / 2,
    y: g.bodyTop + (boxH - height) / 2,
    width,
    height,
    rotation: info.rotation,
  };
}
