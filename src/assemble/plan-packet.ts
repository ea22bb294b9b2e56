// Puts the packet in order (generated sections, the payer's form, attachments), numbers every page, gives each a
// Bates id, fits attached pages inside the margins, stamps every page, and fills the page-range fields.
import type { LaidOutPage, PageGeometry, PageInfo } from '../layout/boxes.js';
import { fillFields, stampItems, type PageIdentity } from '../layout/page-furniture.js';
import type { TextMeasurer } from '../layout/text-measurer.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

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
  title: string;
  kind: 'section' | 'attachment' | 'form';
  /** 1-based page numbers in the whole packet. */
  first: number;
  last: number;
}

export interface PlanOptions {
  identity: PageIdentity;
  geometry: PageGeometry;
  measurer: TextMeasurer;
  /** Bates prefix; page ids are `<prefix>-0001`. */
  batesPrefix: string;
  draft: boolean;
  /** Where the payer's form goes: before the letter (after the cover and index) or at the end. */
  formPosition: 'before-letter' | 'end';
}

export interface PlannedPacket {
  pages: LaidOutPage[];
  parts: PacketPart[];
  /** Values the page furniture had to shorten (layout/shortened). */
  diagnostics: Diagnostic[];
}

/** Sections that come before the payer's form; everything else generated comes after it. */
const FRONT_SECTIONS = new Set(['cover', 'index']);

export function planPacket(generated: readonly LaidOutPage[], externals: readonly ExternalPart[], o: PlanOptions): PlannedPacket {
  type Slot = { page: LaidOutPage; partId: string; partTitle: string; kind: PacketPart['kind'] };
  const slots: Slot[] = [];
  const fromGenerated = (filter: (id: string) => boolean) => {
    for (const page of generated) if (filter(page.section.id)) slots.push({ page, partId: page.section.id, partTitle: page.section.title, kind: 'section' });
  };
  const fromExternal = (part: ExternalPart) => {
    part.pages.forEach((info, i) => {
      slots.push({ page: { section: { id: part.id, title: part.title }, items: [fitPage(part, i, info, o.geometry)] }, partId: part.id, partTitle: part.title, kind: part.kind });
    });
  };
  const form = externals.find((e) => e.kind === 'form');
  fromGenerated((id) => FRONT_SECTIONS.has(id));
  if (form && o.formPosition === 'before-letter') fromExternal(form);
  fromGenerated((id) => !FRONT_SECTIONS.has(id));
  for (const e of externals) if (e.kind === 'attachment') fromExternal(e);
  if (form && o.formPosition === 'end') fromExternal(form);

  const total = slots.length;
  const parts: PacketPart[] = [];
  slots.forEach((s, i) => {
    const last = parts[parts.length - 1];
    if (last && last.id === s.partId) last.last = i + 1;
    else parts.push({ id: s.partId, title: s.partTitle, kind: s.kind, first: i + 1, last: i + 1 });
  });
  const bates = (n: number) => `${o.batesPrefix}-${String(n).padStart(4, '0')}`;
  const values = new Map<string, string>([['total-pages', String(total)]]);
  for (const p of parts) {
    values.set(`pages:${p.id}`, p.first === p.last ? String(p.first) : `${p.first}–${p.last}`);
    values.set(`bates:${p.id}`, p.first === p.last ? bates(p.first) : `${bates(p.first)}–${String(p.last).padStart(4, '0')}`);
  }
  const diagnostics: Diagnostic[] = [];
  const pages = slots.map((s, i) => {
    const attachment = /^attachment-(\d+)$/.exec(s.partId);
    const stamp = { number: i + 1, total, bates: bates(i + 1), part: s.partTitle, draft: o.draft, ...(attachment ? { partPath: ['attachments', Number(attachment[1]), 'title'] } : {}) };
    return { section: s.page.section, items: [...fillFields(s.page.items, values, o.measurer), ...stampItems(o.identity, stamp, o.geometry, o.measurer, diagnostics)] };
  });
  return { pages, parts, diagnostics };
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
