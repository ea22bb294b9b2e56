// Greedy line filling over Unicode (UAX #14) break opportunities; identifiers marked no-break stay whole.
/// <reference path="../types/linebreak.d.ts" />
import LineBreaker from 'linebreak';
import type { Inline } from '../compose/doc-tree.js';
import { isPlainAscii } from '../format/plain-text.js';
import { addCharacter, logicalText, paragraphBidi, visualRuns, type Atom, type BidiParagraph, type VisualAtom } from './bidi-lines.js';
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
  /** Right-to-left text drawn in visual order: its characters in reading order, for text extraction. */
  actualText?: string;
}

export interface Line {
  segments: Segment[];
  width: number;
}

export interface Piece {
  text: string;
  face: FaceName;
  field?: string;
  fieldSample?: string;
  /** Offset of the piece in its paragraph's text (fields count as one character). */
  start: number;
  /** The paragraph's bidi levels, when it holds right-to-left text. */
  bidi?: BidiParagraph;
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
  const text = runs.length === 1 && !runs[0]!.field ? runs[0]!.text : runs.map((r) => (r.field ? '\uFFFC' : r.text)).join('');
  if (text === '') return [];
  const starts: number[] = [];
  // The no-break runs' spans, in order: a break strictly inside one is skipped.
  const noBreak: number[] = [];
  let offset = 0;
  for (const r of runs) {
    starts.push(offset);
    const len = r.field ? 1 : r.text.length;
    if (r.noBreak) noBreak.push(offset, offset + len);
    offset += len;
  }
  let span = 0;
  const insideNoBreak = (pos: number) => {
    // Breaks come in increasing order: spans that end at or before this one are passed for good.
    while (span < noBreak.length && noBreak[span + 1]! <= pos) span += 2;
    return span < noBreak.length && noBreak[span]! < pos;
  };

  // Plain ASCII (nearly every paragraph) has no right-to-left letter: skip the bidi algorithm.
  const bidi = isPlainAscii(text) ? undefined : paragraphBidi(text);
  const words: Word[] = [];
  const breaker = new LineBreaker(text);
  const cursor = { run: 0 };
  let last = 0;
  for (let br = breaker.nextBreak(); br; br = breaker.nextBreak()) {
    if (!br.required && noBreak.length > 0 && insideNoBreak(br.position)) continue;
    words.push(makeWord(runs, starts, cursor, last, br.position, br.required, size, measurer, bidi));
    last = br.position;
  }
  if (last < text.length) words.push(makeWord(runs, starts, cursor, last, text.length, false, size, measurer, bidi));
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

/** The word from `from` to `to`; `cursor.run` is the first run that may overlap it (words come in order). */
function makeWord(runs: readonly Inline[], starts: number[], cursor: { run: number }, from: number, to: number, required: boolean, size: number, m: TextMeasurer, bidi: BidiParagraph | undefined): Word {
  const pieces: Piece[] = [];
  let i = cursor.run;
  // Runs that end at or before this word's start hold nothing of it or of any word after it.
  while (i < runs.length - 1 && starts[i]! + (runs[i]!.field ? 1 : runs[i]!.text.length) <= from) i++;
  cursor.run = i;
  for (; i < runs.length; i++) {
    const r = runs[i]!;
    const s = starts[i]!;
    if (s >= to) break;
    const len = r.field ? 1 : r.text.length;
    const a = Math.max(from, s);
    const b = Math.min(to, s + len);
    if (a >= b) continue;
    const face = faceOf(r.bold, r.italic);
    const piece: Piece = r.field ? { text: '', face, field: r.field, start: a, ...(r.fieldSample ? { fieldSample: r.fieldSample } : {}) } : { text: r.text.slice(a - s, b - s), face, start: a };
    if (bidi) piece.bidi = bidi;
    pieces.push(piece);
  }
  let width = 0;
  for (const p of pieces) width += pieceWidth(p, size, m);
  const lastPiece = pieces[pieces.length - 1];
  let inkWidth = width;
  if (lastPiece && !lastPiece.field) {
    const text = lastPiece.text;
    let end = text.length;
    while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 10)) end--;
    if (end !== text.length) inkWidth = width - m.width(text, lastPiece.face, size) + m.width(text.slice(0, end), lastPiece.face, size);
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
    let bufStart = p.start;
    const sub = (text: string, start: number): Piece => (p.bidi ? { text, face: p.face, start, bidi: p.bidi } : { text, face: p.face, start });
    for (const ch of p.text) {
      const w = m.width(ch, p.face, size);
      if (width + w > maxWidth && (buf !== '' || pieces.length > 0)) {
        if (buf) pieces.push(sub(buf, bufStart));
        chunks.push({ pieces, width });
        pieces = [];
        bufStart += buf.length;
        buf = '';
        width = 0;
      }
      buf += ch;
      width += w;
    }
    if (buf) pieces.push(sub(buf, bufStart));
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
  // Every piece of a paragraph carries its bidi levels, or none does.
  if (merged[0]?.bidi) return visualLine(merged, size, m);
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

/** A line of a paragraph with right-to-left text: segments in visual order, one per run of one face and direction. */
function visualLine(pieces: Piece[], size: number, m: TextMeasurer): Line {
  const bidi = pieces[0]!.bidi!;
  const atoms: Atom<Piece>[] = [];
  for (const p of pieces) {
    if (p.field) {
      atoms.push({ index: p.start, ch: '', source: p });
      continue;
    }
    let at = p.start;
    for (const ch of p.text) {
      if (ch !== '\n') addCharacter(atoms, ch, at, p);
      at += ch.length;
    }
  }
  if (atoms.length === 0) return { segments: [], width: 0 };
  const last = atoms[atoms.length - 1]!;
  const segments: Segment[] = [];
  let x = 0;
  const push = (text: string, p: Piece, actualText?: string) => {
    const width = pieceWidth({ ...p, text }, size, m);
    segments.push({ text, face: p.face, x, width, ...(p.field ? { field: p.field, fieldWidth: width } : {}), ...(actualText !== undefined ? { actualText } : {}) });
    x += width;
  };
  for (const run of visualRuns(bidi, atoms, atoms[0]!.index, last.index + Math.max(1, last.ch.length))) {
    // Within a run, split where the face changes or a field stands.
    let group: VisualAtom<Piece>[] = [];
    const flush = () => {
      if (group.length === 0) return;
      push(group.map((a) => a.drawn).join(''), group[0]!.source, run.rtl ? logicalText(group) : undefined);
      group = [];
    };
    for (const atom of run.atoms) {
      if (atom.source.field) {
        flush();
        push('', atom.source);
        continue;
      }
      if (group.length && group[0]!.source.face !== atom.source.face) flush();
      group.push(atom);
    }
    flush();
  }
  return { segments, width: x };
}

let lastLineKey = 0;
/** A key for lines that hold a field (see TextItem.lineKey); other lines need none. */
export function fieldLineKey(line: Line): number | undefined {
  return line.segments.some((s) => s.field) ? ++lastLineKey : undefined;
}
