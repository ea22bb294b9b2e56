// Running header and footer stamped on every page of the packet, generated or attached: the patient's identity,
// "Page X of Y" over the whole packet, the page's Bates id and part, and the confidentiality line.
import type { DrawItem, PageGeometry } from './boxes.js';
import { FIELD_SAMPLE } from './break-lines.js';
import type { TextMeasurer } from './text-measurer.js';
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

export interface PageStamp {
  /** 1-based page number in the whole packet, and the packet's page count. */
  number: number;
  total: number;
  /** Bates-style page id, e.g. PA-2026-0142-0007. */
  bates: string;
  /** The part the page belongs to: "Letter of medical necessity", "Attachment 3: Pathology report". */
  part: string;
  draft?: boolean;
  /** Replaces "Page X of Y" (a split part's own cover is not a page of the packet). */
  pageLabel?: string;
}

export function stampItems(id: PageIdentity, stamp: PageStamp, g: PageGeometry, m: TextMeasurer): DrawItem[] {
  // The DRAFT mark goes on top so that an opaque scanned attachment cannot hide it.
  return [...header(id, stamp, g, m), ...footer(id, stamp, g, m), ...(stamp.draft ? draftMark(g, m) : [])];
}

/** Writes each field's value and closes the gap between its reserved width and the value's width. */
export function fillFields(items: readonly DrawItem[], values: ReadonlyMap<string, string>, m: TextMeasurer): DrawItem[] {
  const out = items.map((it) => ({ ...it }));
  for (const it of out) {
    if (it.kind !== 'text' || !it.field) continue;
    const reserved = it.fieldWidth ?? m.width(FIELD_SAMPLE, it.face, it.size);
    it.text = values.get(it.field) ?? '?';
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

/** Cuts text to fit a width, ending with "…" (a long attachment title in the footer). */
function truncate(text: string, face: 'regular' | 'bold', size: number, width: number, m: TextMeasurer): string {
  if (m.width(text, face, size) <= width) return text;
  let out = text;
  while (out.length > 1 && m.width(`${out}…`, face, size) > width) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

function header(id: PageIdentity, stamp: PageStamp, g: PageGeometry, m: TextMeasurer): DrawItem[] {
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

function footer(id: PageIdentity, stamp: PageStamp, g: PageGeometry, m: TextMeasurer): DrawItem[] {
  const left = g.marginLeft;
  const right = g.width - g.marginRight;
  const y = g.bodyBottom + 14;
  const pageText = stamp.pageLabel ?? `Page ${stamp.number} of ${stamp.total}`;
  const pageSize = 9;
  const pageWidth = m.width(pageText, 'bold', pageSize);
  const batesWidth = m.width(stamp.bates, 'bold', TYPE.furniture.size);
  const partRoom = (right - left) / 2 - batesWidth / 2 - 10;
  const partSize = Math.max(7, fit(stamp.part, 'regular', TYPE.furniture.size, partRoom, m));
  const partText = truncate(stamp.part, 'regular', partSize, partRoom, m);
  const noteSize = fit(id.confidentiality, 'regular', 7.5, right - left, m);
  return [
    { kind: 'line', x1: left, y1: y - 10, x2: right, y2: y - 10, width: 0.6, gray: 0.3 },
    { kind: 'text', x: left, y, text: partText, face: 'regular', size: partSize, gray: 0.2 },
    ...(stamp.bates ? [{ kind: 'text' as const, x: (left + right) / 2 - batesWidth / 2, y, text: stamp.bates, face: 'bold' as const, size: TYPE.furniture.size }] : []),
    { kind: 'text', x: right - pageWidth, y, text: pageText, face: 'bold', size: pageSize },
    { kind: 'text', x: left, y: y + 12, text: id.confidentiality, face: 'regular', size: noteSize, gray: 0.3 },
  ];
}

const DRAFT_TEXT = 'DRAFT · NOT FOR SUBMISSION';

/** A large diagonal mark under the page content, and a line above the header, on every page of a forced packet. */
function draftMark(g: PageGeometry, m: TextMeasurer): DrawItem[] {
  const size = 46;
  const angle = 54.7;
  const width = m.width(DRAFT_TEXT, 'bold', size);
  const rad = (angle * Math.PI) / 180;
  const cx = g.width / 2 - (Math.cos(rad) * width) / 2 + Math.sin(rad) * size * 0.35;
  const cy = g.height / 2 + (Math.sin(rad) * width) / 2 + Math.cos(rad) * size * 0.35;
  return [
    { kind: 'text', x: cx, y: cy, text: DRAFT_TEXT, face: 'bold', size, gray: 0.82, angle },
    { kind: 'text', x: g.marginLeft, y: 18, text: 'DRAFT: preflight errors were overridden (--force). Do not submit.', face: 'bold', size: 8 },
  ];
}
