// Greedy line filling over Unicode (UAX #14) break opportunities; identifiers marked no-break stay whole.
import LineBreaker from 'linebreak';
import type { Inline } from '../compose/doc-tree.js';
import { faceOf, type FaceName, type TextMeasurer } from './text-measurer.js';

export interface Segment {
  text: string;
  face: FaceName;
  /** Offset from the line start, in points. */
  x: number;
  width: number;
  field?: string;
  /** The width reserved for the field. */
  fieldWidth?: number;
}

export interface Line {
  segments: Segment[];
  width: number;
}

interface Piece {
  text: string;
  face: FaceName;
  field?: string;
  fieldSample?: string;
}

export interface Word {
  pieces: Piece[];
  /** Width without trailing spaces (what must fit at a line end). */
  inkWidth: number;
  width: number;
  required: boolean;
}

/** Width reserved for a field filled in after pagination, when the markup gives no sample (a page count up to 999). */
export const FIELD_SAMPLE = '999';

/** The words of a text (the pieces between UAX #14 break opportunities outside no-break runs). */
export function measureWords(runs: readonly Inline[], size: number, measurer: TextMeasurer): Word[] {
  const text = runs.map((r) => (r.field ? '\uFFFC' : r.text)).join('');
  if (text === '') return [];
  const starts: number[] = [];
  let offset = 0;
  for (const r of runs) {
    starts.push(offset);
    offset += r.field ? 1 : r.text.length;
  }
  const insideNoBreak = (pos: number) =>
    runs.some((r, i) => r.noBreak && starts[i]! < pos && pos < starts[i]! + (r.field ? 1 : r.text.length));

  const words: Word[] = [];
  const breaker = new LineBreaker(text);
  let last = 0;
  for (let br = breaker.nextBreak(); br; br = breaker.nextBreak()) {
    if (!br.required && insideNoBreak(br.position)) continue;
    words.push(makeWord(runs, starts, last, br.position, br.required, size, measurer));
    last = br.position;
  }
  if (last < text.length) words.push(makeWord(runs, starts, last, text.length, false, size, measurer));
  return words;
}

/** The width of the longest word: the narrowest a column can be without breaking inside a word. */
export function longestWordWidth(words: readonly Word[]): number {
  let best = 0;
  for (const w of words) best = Math.max(best, w.inkWidth);
  return best;
}

/** The width of the widest line when nothing wraps except at forced breaks. */
export function naturalWidth(words: readonly Word[]): number {
  let best = 0;
  let line = 0;
  for (const w of words) {
    best = Math.max(best, line + w.inkWidth);
    line += w.width;
    if (w.required) line = 0;
  }
  return best;
}

export function breakLines(runs: readonly Inline[], maxWidth: number, size: number, measurer: TextMeasurer): Line[] {
  return fillLines(measureWords(runs, size, measurer), maxWidth, size, measurer);
}

/** Greedy fill of measured words into lines no wider than maxWidth. */
export function fillLines(words: readonly Word[], maxWidth: number, size: number, measurer: TextMeasurer): Line[] {
  if (words.length === 0) return [];
  const lines: Line[] = [];
  let current: Piece[] = [];
  let currentWidth = 0;
  const commit = () => {
    lines.push(toLine(current, size, measurer));
    current = [];
    currentWidth = 0;
  };
  for (const word of words) {
    if (current.length > 0 && currentWidth + word.inkWidth > maxWidth + 0.01) commit();
    if (word.inkWidth > maxWidth + 0.01) {
      // A token wider than the whole line (a long URL or ID): break it between characters.
      for (const chunk of splitWord(word, maxWidth, size, measurer)) {
        if (current.length > 0) commit();
        current.push(...chunk.pieces);
        currentWidth = chunk.width;
      }
    } else {
      current.push(...word.pieces);
      currentWidth += word.width;
    }
    if (word.required) commit();
  }
  if (current.length > 0) commit();
  return lines;
}

function pieceWidth(p: Piece, size: number, m: TextMeasurer): number {
  return m.width(p.field ? p.fieldSample ?? FIELD_SAMPLE : p.text, p.face, size);
}

function makeWord(runs: readonly Inline[], starts: number[], from: number, to: number, required: boolean, size: number, m: TextMeasurer): Word {
  const pieces: Piece[] = [];
  runs.forEach((r, i) => {
    const s = starts[i]!;
    const len = r.field ? 1 : r.text.length;
    const a = Math.max(from, s);
    const b = Math.min(to, s + len);
    if (a >= b) return;
    const face = faceOf(r.bold, r.italic);
    if (r.field) pieces.push({ text: '', face, field: r.field, ...(r.fieldSample ? { fieldSample: r.fieldSample } : {}) });
    else pieces.push({ text: r.text.slice(a - s, b - s), face });
  });
  let width = 0;
  for (const p of pieces) width += pieceWidth(p, size, m);
  const lastPiece = pieces[pieces.length - 1];
  let inkWidth = width;
  if (lastPiece && !lastPiece.field) {
    const trimmed = lastPiece.text.replace(/[ \n]+$/, '');
    if (trimmed.length !== lastPiece.text.length) inkWidth = width - m.width(lastPiece.text, lastPiece.face, size) + m.width(trimmed, lastPiece.face, size);
  }
  return { pieces, width, inkWidth, required };
}

function splitWord(word: Word, maxWidth: number, size: number, m: TextMeasurer): { pieces: Piece[]; width: number }[] {
  const chunks: { pieces: Piece[]; width: number }[] = [];
  let pieces: Piece[] = [];
  let width = 0;
  for (const p of word.pieces) {
    if (p.field) {
      pieces.push(p);
      width += pieceWidth(p, size, m);
      continue;
    }
    let buf = '';
    for (const ch of p.text) {
      const w = m.width(ch, p.face, size);
      if (width + w > maxWidth && (buf !== '' || pieces.length > 0)) {
        if (buf) pieces.push({ text: buf, face: p.face });
        chunks.push({ pieces, width });
        pieces = [];
        buf = '';
        width = 0;
      }
      buf += ch;
      width += w;
    }
    if (buf) pieces.push({ text: buf, face: p.face });
  }
  if (pieces.length) chunks.push({ pieces, width });
  return chunks;
}

function toLine(pieces: Piece[], size: number, m: TextMeasurer): Line {
  const merged: Piece[] = [];
  for (const p of pieces) {
    const prev = merged[merged.length - 1];
    if (prev && !prev.field && !p.field && prev.face === p.face) prev.text += p.text;
    else merged.push({ ...p });
  }
  // Trailing spaces and forced-break newlines are not drawn.
  for (let i = merged.length - 1; i >= 0; i--) {
    const p = merged[i]!;
    if (p.field) break;
    p.text = p.text.replace(/[ \n]+$/, '');
    if (p.text !== '') break;
    merged.pop();
  }
  const segments: Segment[] = [];
  let x = 0;
  for (const p of merged) {
    const text = p.text.replace(/\n/g, '');
    const width = pieceWidth({ ...p, text }, size, m);
    segments.push({ text, face: p.face, x, width, ...(p.field ? { field: p.field, fieldWidth: width } : {}) });
    x += width;
  }
  return { segments, width: x };
}

let lastLineKey = 0;
/** A key for lines that hold a field (see TextItem.lineKey); other lines need none. */
export function fieldLineKey(line: Line): number | undefined {
  return line.segments.some((s) => s.field) ? ++lastLineKey : undefined;
}
