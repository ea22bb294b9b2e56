// Running header and footer for every page: the patient's identity and "Page X of Y" over the whole packet.
import type { DrawItem, LaidOutPage, PageGeometry } from './boxes.js';
import type { TextMeasurer } from './text-measurer.js';
import { FIELD_SAMPLE } from './break-lines.js';
import { TYPE } from './typography.js';

export interface PageIdentity {
  patientName: string;
  dateOfBirth: string;
  memberId: string;
  payerName: string;
  caseId: string;
  /** One short line on every page; the full notice is on the cover. */
  confidentiality: string;
}

/** Adds header and footer items to each page and fills the total-pages fields; returns new pages. */
export function addPageFurniture(pages: readonly LaidOutPage[], identity: PageIdentity, geometry: PageGeometry, m: TextMeasurer, options: { draft?: boolean } = {}): LaidOutPage[] {
  const total = pages.length;
  return pages.map((page, i) => ({
    section: page.section,
    items: [
      ...(options.draft ? draftMark(geometry, m) : []),
      ...header(identity, geometry, m),
      ...fillFields(page.items, { 'total-pages': String(total) }, m),
      ...footer(page.section, i + 1, total, identity, geometry, m),
    ],
  }));
}

const DRAFT_TEXT = 'DRAFT · NOT FOR SUBMISSION';

/** A large diagonal mark drawn under the page content, and a line in the header band, on every page of a forced packet. */
function draftMark(g: PageGeometry, m: TextMeasurer): DrawItem[] {
  const size = 46;
  const angle = 54.7;
  const width = m.width(DRAFT_TEXT, 'bold', size);
  const rad = (angle * Math.PI) / 180;
  // Centre the rotated text on the page: start half its width back along the diagonal.
  const cx = g.width / 2 - (Math.cos(rad) * width) / 2 + (Math.sin(rad) * size * 0.35);
  const cy = g.height / 2 + (Math.sin(rad) * width) / 2 + (Math.cos(rad) * size * 0.35);
  return [
    { kind: 'text', x: cx, y: cy, text: DRAFT_TEXT, face: 'bold', size, gray: 0.82, angle },
    { kind: 'text', x: g.marginLeft, y: 18, text: 'DRAFT: preflight errors were overridden (--force). Do not submit.', face: 'bold', size: 8 },
  ];
}

/** Writes each field's value and closes the gap between its reserved width and the value's width. */
export function fillFields(items: readonly DrawItem[], values: Record<'total-pages', string>, m: TextMeasurer): DrawItem[] {
  const out = items.map((it) => ({ ...it }));
  for (const it of out) {
    if (it.kind !== 'text' || !it.field) continue;
    const reserved = m.width(FIELD_SAMPLE, it.face, it.size);
    it.text = values[it.field];
    const shift = reserved - m.width(it.text, it.face, it.size);
    for (const other of out) {
      if (other !== it && other.kind === 'text' && other.lineKey !== undefined && other.lineKey === it.lineKey && other.x > it.x) other.x -= shift;
    }
  }
  return out;
}

/** The largest size up to `size` at which `text` fits in `width` (never below 6 pt). */
function fit(text: string, face: 'regular' | 'bold', size: number, width: number, m: TextMeasurer): number {
  const w = m.width(text, face, size);
  return w <= width ? size : Math.max(6, (size * width) / w);
}

function header(id: PageIdentity, g: PageGeometry, m: TextMeasurer): DrawItem[] {
  const left = g.marginLeft;
  const right = g.width - g.marginRight;
  const width = right - left;
  const caseText = `Case ${id.caseId}`;
  const caseSize = TYPE.furniture.size;
  const caseWidth = m.width(caseText, 'bold', caseSize);
  const nameSize = fit(id.patientName, 'bold', 10, width - caseWidth - 12, m);
  const line2 = `DOB ${id.dateOfBirth}   ·   Member ID ${id.memberId}   ·   Payer ${id.payerName}`;
  const line2Size = fit(line2, 'regular', TYPE.furniture.size, width, m);
  return [
    { kind: 'text', x: left, y: 34, text: id.patientName, face: 'bold', size: nameSize },
    { kind: 'text', x: right - caseWidth, y: 34, text: caseText, face: 'bold', size: caseSize },
    { kind: 'text', x: left, y: 47, text: line2, face: 'regular', size: line2Size },
    { kind: 'line', x1: left, y1: 54, x2: right, y2: 54, width: 0.8, gray: 0 },
  ];
}

function footer(section: string, page: number, total: number, id: PageIdentity, g: PageGeometry, m: TextMeasurer): DrawItem[] {
  const left = g.marginLeft;
  const right = g.width - g.marginRight;
  const y = g.bodyBottom + 14;
  const pageText = `Page ${page} of ${total}`;
  const pageSize = 9;
  const pageWidth = m.width(pageText, 'bold', pageSize);
  const noteSize = fit(id.confidentiality, 'regular', 7.5, right - left, m);
  const items: DrawItem[] = [{ kind: 'line', x1: left, y1: y - 10, x2: right, y2: y - 10, width: 0.6, gray: 0.3 }];
  if (section) items.push({ kind: 'text', x: left, y, text: section, face: 'regular', size: TYPE.furniture.size, gray: 0.2 });
  items.push({ kind: 'text', x: right - pageWidth, y, text: pageText, face: 'bold', size: pageSize });
  items.push({ kind: 'text', x: left, y: y + 12, text: id.confidentiality, face: 'regular', size: noteSize, gray: 0.3 });
  return items;
}
