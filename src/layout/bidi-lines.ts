// Right-to-left text (Hebrew): the Unicode bidirectional algorithm (UAX #9, via bidi-js) resolves levels once per
// paragraph in logical order; after line breaking each line is reordered to visual order (L1–L2), mirrored (L4),
// and every right-to-left run keeps its logical text for extraction (painted as an ActualText span).
import * as bidiModule from 'bidi-js';
import type { Bidi, EmbeddingLevels } from 'bidi-js';

/** bidi-js is CommonJS with an ES default export in its types: find the factory however the loader exposes it. */
export function bidiFactory(): () => Bidi {
  let m: unknown = bidiModule;
  for (let i = 0; i < 3 && typeof m !== 'function'; i++) m = (m as { default?: unknown }).default;
  return m as () => Bidi;
}

const bidi = bidiFactory()();

/** Strong right-to-left letters (Hebrew, Arabic, Syriac … and their astral blocks) and explicit controls. */
const NEEDS_BIDI = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u200F\u202A-\u202E\u2066-\u2069\u061C\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** A paragraph's text (fields as U+FFFC) and its resolved levels; absent when the text is all left-to-right. */
export interface BidiParagraph {
  text: string;
  levels: EmbeddingLevels;
}

/**
 * Levels for a paragraph of the packet. The packet is an English document, so every paragraph is left-to-right
 * (as HTML's dir="ltr"): a line that opens with a Hebrew name keeps its English sentence in reading order.
 */
export function paragraphBidi(text: string): BidiParagraph | undefined {
  if (!NEEDS_BIDI.test(text)) return undefined;
  const levels = bidi.getEmbeddingLevels(text, 'ltr');
  return levels.levels.some((l: number) => l > 0) ? { text, levels } : undefined;
}

/** One character (or a field) of a line with its place in the paragraph's text. */
export interface Atom<T> {
  /** Index of its first code unit in the paragraph text. */
  index: number;
  /** The character as typed, with the combining marks that follow it (Hebrew points); empty for a field. */
  ch: string;
  /** What the atom came from (its piece: face or field). */
  source: T;
}

/** An atom in visual order: `drawn` is its character as drawn (mirrored in right-to-left text: "(" for ")"). */
export interface VisualAtom<T> extends Atom<T> {
  drawn: string;
}

export interface VisualRun<T> {
  atoms: VisualAtom<T>[];
  /** Right-to-left (a level above the paragraph's): drawn reversed. */
  rtl: boolean;
}

/**
 * Puts the atoms of one line (logical order, covering `text[from..to)`) in visual order and cuts them into runs
 * of one direction; within a run the caller splits further by face or field.
 */
export function visualRuns<T>(p: BidiParagraph, atoms: readonly Atom<T>[], from: number, to: number): VisualRun<T>[] {
  const byIndex = new Map<number, Atom<T>>();
  for (const a of atoms) byIndex.set(a.index, a);
  // Positions in the paragraph text, reordered by the line's flips (L1–L2).
  const order: number[] = [];
  for (let i = from; i < to; i++) order.push(i);
  for (const [s, e] of bidi.getReorderSegments(p.text, p.levels, from, to - 1) as [number, number][]) {
    for (let i = s - from, j = e - from; i < j; i++, j--) [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const mirrored = bidi.getMirroredCharactersMap(p.text, p.levels.levels, from, to - 1);
  const runs: VisualRun<T>[] = [];
  for (const i of order) {
    // A surrogate pair travels as one atom, at the index of its first code unit.
    const atom = byIndex.get(i);
    if (!atom) continue;
    // In a left-to-right paragraph every level above 0 belongs to a right-to-left run (numbers in it are level 2).
    const rtl = p.levels.levels[i]! > 0;
    const mirror = mirrored.get(i);
    const visual: VisualAtom<T> = { ...atom, drawn: mirror ? mirror + atom.ch.slice(1) : atom.ch };
    const last = runs[runs.length - 1];
    if (last && last.rtl === rtl) last.atoms.push(visual);
    else runs.push({ atoms: [visual], rtl });
  }
  return runs;
}

/** The characters of atoms in reading order, as typed. */
export function logicalText<T>(atoms: readonly Atom<T>[]): string {
  return [...atoms].sort((a, b) => a.index - b.index).map((a) => a.ch).join('');
}

/**
 * One line of plain text (page furniture: the header's name and payer, a footer's part title) in visual order,
 * with its reading-order text for extraction when anything moved.
 */
export function visualLine(text: string): { text: string; actualText?: string } {
  const p = paragraphBidi(text);
  if (!p) return { text };
  const atoms: Atom<null>[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    addCharacter(atoms, ch, i, null);
    i += ch.length;
  }
  const drawn = visualRuns(p, atoms, 0, text.length).flatMap((r) => r.atoms.map((a) => a.drawn)).join('');
  return { text: drawn, actualText: text };
}

const MARK = /^\p{M}$/u;

/**
 * Adds one code point to a line's atoms. A combining mark joins the character before it, so that reordering moves
 * the two together and the mark is still drawn after its base (over it), never over the neighbouring letter.
 */
export function addCharacter<T>(atoms: Atom<T>[], ch: string, index: number, source: T): void {
  const last = atoms[atoms.length - 1];
  if (last && last.ch !== '' && last.source === source && MARK.test(ch)) last.ch += ch;
  else atoms.push({ index, ch, source });
}
