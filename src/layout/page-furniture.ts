// Running header and footer stamped on every page of the packet, generated or attached: the patient's identity,
// "Page X of Y" over the whole packet, the page's Bates id and part, and the confidentiality line.
import { formatPath, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isPlainAscii } from '../format/plain-text.js';
import type { DrawItem, PageGeometry, TextItem } from './boxes.js';
import { breakLines, FIELD_SAMPLE } from './break-lines.js';
import type { FaceName, TextMeasurer } from './text-measurer.js';
import { TYPE } from './typography.js';

export interface PageIdentity {
  patientName: string;
  dateOfBirth: string;
  memberId: string;
  /** The Medicare Beneficiary Identifier, for Medicare fee-for-service cases: the number a DME MAC files by. */
  mbi?: string;
  payerName: string;
  caseId: string;
  /** One short line on every page; the full notice is on the cover. */
  confidentiality: string;
  /** The case field the payer name comes from (absent when it is the payer profile's display name). */
  payerNamePath?: (string | number)[];
}

export interface PageStamp {
  /** 1-based page number in the whole packet, and the packet's page count. */
  number: number;
  total: number;
  /** Bates-style page id, e.g. PA-2026-0142-0007. */
  bates: string;
  /** The part the page belongs to: "Letter of medical necessity", "Attachment 3: Pathology report". */
  part: string;
  /** The case field the part's title comes from (an attachment's title), for the warning when it is shortened. */
  partPath?: (string | number)[];
  draft?: boolean;
  /** Replaces "Page X of Y" (a split part's own cover is not a page of the packet). */
  pageLabel?: string;
}

/** Furniture text never goes below this size; past it, a value is shortened with "…" and a warning. */
export const FURNITURE_FLOOR = 7;
const GAP = 12;

/**
 * The header and footer of one page. What does not fit at the floor size is shortened visibly (ending in "…") and
 * reported once per field in `diagnostics`; identifiers (case ID, member ID, Bates id, page number) are never
 * shortened: the case format's length limits keep them inside the line.
 */
export function stampItems(id: PageIdentity, stamp: PageStamp, g: PageGeometry, m: TextMeasurer, diagnostics: Diagnostic[] = []): DrawItem[] {
  // Furniture rows are single lines: a line break typed inside a name or a title reads as a space there.
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  const ids = { ...id, patientName: oneLine(id.patientName), payerName: oneLine(id.payerName) };
  const st = { ...stamp, part: oneLine(stamp.part) };
  // The DRAFT mark goes on top so that an opaque scanned attachment cannot hide it.
  return [...header(ids, g, m, diagnostics), ...footer(ids, st, g, m, diagnostics), ...(stamp.draft ? draftMark(g, m) : [])];
}

/** Writes each field's value (`value(field)`) and closes the gap between its reserved width and the value's width. */
export function fillFields(items: readonly DrawItem[], value: (field: string) => string | undefined, m: TextMeasurer): DrawItem[] {
  const out = items.map((it) => ({ ...it }));
  for (const it of out) {
    if (it.kind !== 'text' || !it.field) continue;
    const reserved = it.fieldWidth ?? m.width(FIELD_SAMPLE, it.face, it.size);
    it.text = value(it.field) ?? '?';
    const shift = reserved - m.width(it.text, it.face, it.size);
    for (const other of out) {
      if (other !== it && other.kind === 'text' && other.lineKey !== undefined && other.lineKey === it.lineKey && other.x > it.x) other.x -= shift;
    }
  }
  return out;
}

interface Fitted {
  text: string;
  size: number;
  width: number;
  shortened: boolean;
}

/** The largest size from `size` down to `floor` at which `text` fits in `width`; below that, cut with "…". */
export function fitText(text: string, face: FaceName, size: number, floor: number, width: number, m: TextMeasurer): Fitted {
  const w = m.width(text, face, size);
  if (w <= width) return { text, size, width: w, shortened: false };
  const shrunk = Math.max(floor, (size * width) / w);
  if (m.width(text, face, shrunk) <= width + 0.01) return { text, size: shrunk, width: m.width(text, face, shrunk), shortened: false };
  const room = width - m.width('…', face, floor);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const cw = m.width(ch, face, floor);
    if (used + cw > room) break;
    out += ch;
    used += cw;
  }
  const cut = `${out.trimEnd()}…`;
  return { text: cut, size: floor, width: m.width(cut, face, floor), shortened: true };
}

/**
 * A line of furniture text as items in visual order: one per run of one direction, so right-to-left text (a Hebrew
 * name) is drawn reversed and keeps its reading order for extraction, as body text does.
 */
function textItems(x: number, y: number, text: string, face: FaceName, size: number, m: TextMeasurer, gray?: number): TextItem[] {
  if (isPlainAscii(text)) return [{ kind: 'text', x, y, text, face, size, ...(gray !== undefined ? { gray } : {}) }];
  const line = breakLines([{ text, bold: face === 'bold' }], Infinity, size, m)[0];
  return (line?.segments ?? []).map((seg) => ({ kind: 'text' as const, x: x + seg.x, y, text: seg.text, face, size, ...(gray !== undefined ? { gray } : {}), ...(seg.actualText !== undefined ? { actualText: seg.actualText } : {}) }));
}

/** Reports a shortened value once per packet (every page repeats it); the message names the field, not the value. */
function warnShortened(diagnostics: Diagnostic[], what: string, where: string, path: (string | number)[] | undefined, hint: string): void {
  const message = `The ${what}${path ? ` (${formatPath(path)})` : ''} is too long for ${where}: it is printed shortened, ending in "…".`;
  if (diagnostics.some((d) => d.code === 'layout/shortened' && d.message === message)) return;
  diagnostics.push({ code: 'layout/shortened', severity: 'warning', ...(path ? { path } : {}), message, hint });
}

function header(id: PageIdentity, g: PageGeometry, m: TextMeasurer, diagnostics: Diagnostic[]): DrawItem[] {
  const left = g.marginLeft;
  const right = g.width - g.marginRight;
  const width = right - left;
  const caseText = `Case ${id.caseId}`;
  const caseSize = TYPE.furniture.size;
  const caseWidth = m.width(caseText, 'bold', caseSize);
  const name = fitText(id.patientName, 'bold', 10, FURNITURE_FLOOR, width - caseWidth - GAP, m);
  if (name.shortened) warnShortened(diagnostics, "patient's name", 'the header of every page', ['patient'], 'The full name is printed on the cover and in the letter; shorten the middle name (or leave it out) if the header must show the whole name.');
  const lead = `DOB ${id.dateOfBirth}   ·   Member ID ${id.memberId}${id.mbi ? `   ·   MBI ${id.mbi}` : ''}   ·   Payer `;
  const line2 = fitText(`${lead}${id.payerName}`, 'regular', TYPE.furniture.size, FURNITURE_FLOOR, width, m);
  let line2Text = line2.text;
  if (line2.shortened) {
    // Only the payer name gives way: the date of birth and member ID identify the patient.
    const payer = fitText(id.payerName, 'regular', line2.size, line2.size, width - m.width(lead, 'regular', line2.size), m);
    line2Text = `${lead}${payer.text}`;
    warnShortened(diagnostics, 'payer name', 'the header of every page', id.payerNamePath, id.payerNamePath ? 'Write the plan name as printed on the insurance card, or move the rest of it to coverage.planName.' : "Shorten the payer profile's displayName.");
  }
  return [
    ...textItems(left, 34, name.text, 'bold', name.size, m),
    { kind: 'text', x: right - caseWidth, y: 34, text: caseText, face: 'bold', size: caseSize },
    ...textItems(left, 47, line2Text, 'regular', line2.size, m),
    { kind: 'line', x1: left, y1: 54, x2: right, y2: 54, width: 0.8, gray: 0 },
  ];
}

/**
 * Three rows under the body: the part's title and "Page X of Y"; the Bates id under the page number; the
 * confidentiality line. Each row has the whole width, so a long title or Bates id never squeezes the others.
 */
function footer(id: PageIdentity, stamp: PageStamp, g: PageGeometry, m: TextMeasurer, diagnostics: Diagnostic[]): DrawItem[] {
  const left = g.marginLeft;
  const right = g.width - g.marginRight;
  const y = g.bodyBottom + 14;
  const pageText = stamp.pageLabel ?? `Page ${stamp.number} of ${stamp.total}`;
  const pageSize = 9;
  const pageX = right - m.width(pageText, 'bold', pageSize);
  const part = fitText(stamp.part, 'regular', TYPE.furniture.size, FURNITURE_FLOOR, pageX - GAP - left, m);
  if (part.shortened) {
    const what = stamp.partPath ? 'attachment title' : `part title "${stamp.part}"`;
    warnShortened(diagnostics, what, "the footer of its part's pages", stamp.partPath, 'The full title is in the packet index and the letter; a shorter title reads better in the footer.');
  }
  const batesSize = TYPE.furniture.size;
  const note = fitText(id.confidentiality, 'regular', 7.5, FURNITURE_FLOOR, right - left, m);
  return [
    { kind: 'line', x1: left, y1: y - 10, x2: right, y2: y - 10, width: 0.6, gray: 0.3 },
    ...textItems(left, y, part.text, 'regular', part.size, m, 0.2),
    { kind: 'text', x: pageX, y, text: pageText, face: 'bold', size: pageSize },
    ...(stamp.bates ? [{ kind: 'text' as const, x: right - m.width(stamp.bates, 'bold', batesSize), y: y + 10, text: stamp.bates, face: 'bold' as const, size: batesSize }] : []),
    { kind: 'text', x: left, y: y + 21, text: note.text, face: 'regular', size: note.size, gray: 0.3 },
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
