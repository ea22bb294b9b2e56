// Tables: columns sized to their content, wrapped cells, a header row that repeats, rows split only when taller than a page.
import type { Inline, TextSize } from '../compose/doc-tree.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DrawItem } from './boxes.js';
import { fieldLineKey, fillLines, longestWordWidth, measureWords, naturalWidth, type Line, type Word } from './break-lines.js';
import type { Slab } from './slab.js';
import type { TextMeasurer } from './text-measurer.js';
import { TYPE } from './typography.js';

const PAD_X = 3.5;
const PAD_Y = 2.6;

export interface TableInput {
  header: Inline[][][];
  rows: Inline[][][];
  size: TextSize;
}

export function layoutTable(table: TableInput, x: number, width: number, maxSlabHeight: number, m: TextMeasurer, diagnostics: Diagnostic[]): Slab[] {
  const type = table.size === 'small' || table.size === 'fine' ? TYPE.tableSmall : TYPE.table;
  const all = [...table.header, ...table.rows];
  const columns = Math.max(0, ...all.map((r) => r.length));
  if (columns === 0) return [];
  // Words are measured once per cell and reused for column sizing and for filling lines.
  const words = all.map((row) => Array.from({ length: columns }, (_, c) => measureWords(row[c] ?? [], type.size, m)));
  const widths = columnWidths(words, columns, width, diagnostics);

  const cellLines = (r: number) => widths.map((w, c) => fillLines(words[r]![c]!, w - 2 * PAD_X, type.size, m));
  const headerSlab = table.header.length
    ? mergeRows(table.header.map((_, r) => rowSlab(cellLines(r), 0, Infinity, x, widths, type, true)))
    : undefined;
  if (headerSlab) headerSlab.keepWithNext = true;

  const slabs: Slab[] = headerSlab ? [headerSlab] : [];
  const room = maxSlabHeight - (headerSlab?.height ?? 0);
  const linesPerPart = Math.max(1, Math.floor((room - 2 * PAD_Y) / type.leading));
  table.rows.forEach((_, r) => {
    const lines = cellLines(table.header.length + r);
    const tallest = Math.max(1, ...lines.map((l) => l.length));
    // A row taller than a page is split by lines (the only way to show it all); shorter rows never split.
    for (let from = 0; from < tallest; from += linesPerPart) {
      const slab = rowSlab(lines, from, from + linesPerPart, x, widths, type, false);
      slab.label = `table row ${r + 1}`;
      if (headerSlab) slab.repeatHeader = headerSlab;
      if (from + linesPerPart < tallest) slab.keepWithNext = false;
      slabs.push(slab);
    }
  });
  if (slabs.length) slabs[0]!.spaceBefore = 6;
  return slabs;
}

function mergeRows(rows: Slab[]): Slab {
  let y = 0;
  const items: DrawItem[] = [];
  for (const r of rows) {
    for (const it of r.items) items.push(it.kind === 'line' ? { ...it, y1: it.y1 + y, y2: it.y2 + y } : { ...it, y: it.y + y });
    y += r.height;
  }
  return { height: y, spaceBefore: 0, items, keepWithNext: true, label: 'table header' };
}

function rowSlab(lines: Line[][], from: number, to: number, x: number, widths: number[], type: { size: number; leading: number }, header: boolean): Slab {
  const shown = lines.map((l) => l.slice(from, to));
  const count = Math.max(1, ...shown.map((l) => l.length));
  const height = count * type.leading + 2 * PAD_Y;
  const total = widths.reduce((a, b) => a + b, 0);
  const items: DrawItem[] = [];
  if (header) items.push({ kind: 'rect', x, y: 0, width: total, height, fillGray: 0.88 });
  const baseline = (type.leading - type.size * 1.164) / 2 + type.size * 0.928;
  let cx = x;
  shown.forEach((cell, c) => {
    cell.forEach((line, i) => {
      const key = fieldLineKey(line);
      for (const seg of line.segments) {
        items.push({ kind: 'text', x: cx + PAD_X + seg.x, y: PAD_Y + i * type.leading + baseline, text: seg.text, face: seg.face, size: type.size, ...(seg.field ? { field: seg.field, fieldWidth: seg.fieldWidth ?? seg.width } : {}), ...(key ? { lineKey: key } : {}), ...(seg.actualText !== undefined ? { actualText: seg.actualText } : {}) });
      }
    });
    cx += widths[c]!;
  });
  items.push({ kind: 'line', x1: x, y1: height, x2: x + total, y2: height, width: header ? 0.8 : 0.4, gray: header ? 0 : 0.55 });
  if (header) items.push({ kind: 'line', x1: x, y1: 0, x2: x + total, y2: 0, width: 0.8, gray: 0 });
  return { height, spaceBefore: 0, items, keepWithNext: false };
}

/**
 * Auto table layout (CSS 2.1 §17.5.2.2): a column's minimum is its widest unbreakable word, its maximum its widest
 * cell unwrapped. With room for every maximum, each column gets its maximum and the spare width is shared in
 * proportion; else each gets its minimum and the rest is shared in proportion to how much more each could use
 * (maximum − minimum), so a column of short values (dates, a reason) is not wrapped to give a long one room it
 * cannot fill, and a long text is not squeezed while a short one has room to spare.
 */
export function columnWidths(rows: Word[][][], columns: number, width: number, diagnostics: Diagnostic[]): number[] {
  const min = new Array<number>(columns).fill(0);
  const max = new Array<number>(columns).fill(0);
  const hard = new Array<number>(columns).fill(0);
  for (const row of rows) {
    for (let c = 0; c < columns; c++) {
      const cell = row[c]!;
      max[c] = Math.max(max[c]!, naturalWidth(cell) + 2 * PAD_X);
      min[c] = Math.max(min[c]!, longestWordWidth(cell) + 2 * PAD_X);
      hard[c] = Math.max(hard[c]!, fieldWordWidth(cell) + 2 * PAD_X);
    }
  }
  const sumMax = max.reduce((a, b) => a + b, 0);
  if (sumMax <= width) return max.map((w) => w + ((width - sumMax) * w) / sumMax);
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMin <= width) {
    const slack = sumMax - sumMin;
    return min.map((w, c) => w + ((width - sumMin) * (max[c]! - w)) / (slack || 1));
  }
  diagnostics.push({
    code: 'layout/table-too-wide',
    severity: 'warning',
    message: `A table has ${columns} columns whose longest words need ${Math.round(sumMin)} pt but the page has ${Math.round(width)} pt; long words are broken inside their cells.`,
    hint: 'Shorten the longest codes or names in the table, or use fewer columns in the template.',
  });
  return squeeze(min, hard, width);
}

/**
 * Widths when the columns' longest words cannot all fit: columns whose longest word fits a fair share keep it
 * (a short header or code stays whole), the others share the rest equally and break their words; a field (a page
 * range, a Bates id: filled in later, never broken) keeps its whole width.
 */
function squeeze(min: readonly number[], hard: readonly number[], width: number): number[] {
  const widths = min.map((w, c) => Math.max(w, hard[c]!));
  let open = [...widths.keys()];
  let room = width;
  for (;;) {
    const fair = room / open.length;
    const fixed = open.filter((c) => widths[c]! <= fair || hard[c]! >= fair);
    if (fixed.length === 0 || fixed.length === open.length) break;
    for (const c of fixed) {
      widths[c] = widths[c]! <= fair ? widths[c]! : hard[c]!;
      room -= widths[c]!;
    }
    open = open.filter((c) => !fixed.includes(c));
  }
  const fair = room / open.length;
  for (const c of open) widths[c] = Math.max(hard[c]!, Math.min(widths[c]!, fair));
  // Fields wider than a fair share take room from the other columns, which then break more of their words.
  const over = widths.reduce((a, w) => a + w, 0) - width;
  const slack = widths.reduce((a, w, c) => a + (w - hard[c]!), 0);
  if (over > 0 && slack > 0) return widths.map((w, c) => w - (Math.min(over, slack) * (w - hard[c]!)) / slack);
  return widths;
}

/** The widest word of a cell that holds a field: it cannot be broken, so its column must be at least that wide. */
function fieldWordWidth(words: readonly Word[]): number {
  let best = 0;
  for (const w of words) if (w.pieces.some((p) => p.field)) best = Math.max(best, w.inkWidth);
  return best;
}
