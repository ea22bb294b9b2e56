// Lays out each block of the document tree into slabs at a given x and width, with the keep rules pagination needs.
import type { Block, Inline, ParagraphStyle } from '../compose/doc-tree.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DrawItem } from './boxes.js';
import { breakLines, fieldLineKey, type Line } from './break-lines.js';
import { layoutTable } from './layout-table.js';
import { mergeSlabs, shiftItems, type Slab } from './slab.js';
import type { TextMeasurer } from './text-measurer.js';
import { TYPE, textType } from './typography.js';

export interface SlabContext {
  m: TextMeasurer;
  diagnostics: Diagnostic[];
  /** Height of the page body: nothing taller can stay unsplit. */
  bodyHeight: number;
}

const LIST_INDENT = 16;
const BOX_PAD = 7;

/** An introduction this short stays on the page of the table or list it introduces. */
const INTRO_MAX_LINES = 3;
const INTRODUCED = new Set<Block['kind']>(['table', 'list']);

export function blockSlabs(blocks: readonly Block[], x: number, width: number, ctx: SlabContext): Slab[] {
  const out: Slab[] = [];
  let pending: 'hard' | 'soft' | undefined;
  for (const [i, block] of blocks.entries()) {
    if (block.kind === 'page-break') {
      pending = block.soft && pending !== 'hard' ? 'soft' : 'hard';
      continue;
    }
    const slabs = oneBlock(block, x, width, ctx);
    if (slabs.length === 0) continue;
    const next = blocks[i + 1]?.kind;
    if (block.kind === 'paragraph' && next && INTRODUCED.has(next) && slabs.length <= INTRO_MAX_LINES) slabs.forEach((s) => (s.keepWithNext = true));
    // A signature never opens a page alone: the end of the paragraph before it (the closing) goes with it.
    if (block.kind === 'signature' && out.length && !pending) out[out.length - 1]!.keepWithNext = true;
    if (pending === 'hard') slabs[0]!.pageBreakBefore = true;
    // A soft break moves the block to a new page only when the whole block does not fit in what is left.
    if (pending === 'soft') slabs[0]!.softBreakBefore = stackHeight(slabs);
    pending = undefined;
    out.push(...slabs);
  }
  return out;
}

/** Height of slabs stacked on one page, without the first one's space above. */
function stackHeight(slabs: readonly Slab[]): number {
  return slabs.reduce((h, s, k) => h + s.height + (k > 0 ? s.spaceBefore : 0), 0);
}

function oneBlock(block: Block, x: number, width: number, ctx: SlabContext): Slab[] {
  switch (block.kind) {
    case 'section': {
      const slabs = blockSlabs(block.children, x, width, ctx);
      if (slabs[0]) slabs[0].section = { id: block.id, title: block.title };
      return slabs;
    }
    case 'heading': {
      const t = TYPE.heading[block.level];
      const slabs = textSlabs(block.runs, x, width, t.size, t.leading, 'left', undefined, ctx);
      slabs.forEach((s) => ((s.keepWithNext = true), (s.label = 'heading')));
      if (slabs[0]) slabs[0].spaceBefore = t.spaceBefore;
      const last = slabs[slabs.length - 1];
      if (last) {
        last.height += t.spaceAfter;
        if (block.level <= 2) last.items.push({ kind: 'line', x1: x, y1: last.height - t.spaceAfter / 2, x2: x + width, y2: last.height - t.spaceAfter / 2, width: block.level === 1 ? 1 : 0.5, gray: 0.35 });
      }
      return slabs;
    }
    case 'paragraph':
      return paragraphSlabs(block.runs, block.style, x, width, ctx);
    case 'list':
      return listSlabs(block, x, width, ctx);
    case 'table':
      return layoutTable(block, x, width, ctx.bodyHeight, ctx.m, ctx.diagnostics);
    case 'fields':
      return fieldSlabs(block, x, width, ctx);
    case 'keep':
    case 'signature':
      return keepSlabs(blockSlabs(block.children, x, width, ctx), block.kind === 'signature' ? 'signature block' : 'keep-together block', block.kind === 'signature', ctx);
    case 'box':
      return boxSlabs(block, x, width, ctx);
    case 'rule':
      return [{ height: 8, spaceBefore: 4, items: [{ kind: 'line', x1: x, y1: 4, x2: x + width, y2: 4, width: 0.6, gray: 0.4 }], keepWithNext: false }];
    case 'spacer':
      return [{ height: block.height, spaceBefore: 0, items: [], keepWithNext: false }];
    case 'image':
      return [{ height: block.height, spaceBefore: TYPE.paragraphGap, items: [{ kind: 'image', image: block.image, x, y: 0, width: block.width, height: block.height }], keepWithNext: false, label: 'image' }];
    case 'page-break':
      return [];
  }
}

/** Lines of text as slabs, one per line; `gray` for muted text. */
function textSlabs(runs: readonly Inline[], x: number, width: number, size: number, leading: number, align: ParagraphStyle['align'], gray: number | undefined, ctx: SlabContext): Slab[] {
  const lines = breakLines(runs, width, size, ctx.m);
  return lines.map((line) => ({ height: leading, spaceBefore: 0, items: lineItems(line, x, width, size, leading, align, gray, ctx), keepWithNext: false }));
}

export function lineItems(line: Line, x: number, width: number, size: number, leading: number, align: ParagraphStyle['align'], gray: number | undefined, ctx: Pick<SlabContext, 'm'>): DrawItem[] {
  const offset = align === 'right' ? width - line.width : align === 'center' ? (width - line.width) / 2 : 0;
  const baseline = (leading - size * (ctx.m.ascent + ctx.m.descent)) / 2 + size * ctx.m.ascent;
  const key = fieldLineKey(line);
  return line.segments.map((seg) => ({
    kind: 'text' as const,
    x: x + offset + seg.x,
    y: baseline,
    text: seg.text,
    face: seg.face,
    size,
    ...(gray !== undefined ? { gray } : {}),
    ...(seg.field ? { field: seg.field, fieldWidth: seg.fieldWidth ?? seg.width } : {}),
    ...(key ? { lineKey: key } : {}),
    ...(seg.actualText !== undefined ? { actualText: seg.actualText } : {}),
  }));
}


function paragraphSlabs(runs: readonly Inline[], style: ParagraphStyle, x: number, width: number, ctx: SlabContext): Slab[] {
  const t = textType(style.size);
  const slabs = textSlabs(runs, x, width, t.size, t.leading, style.align, style.muted ? 0.35 : undefined, ctx);
  if (slabs.length === 0) return [];
  slabs.forEach((s) => (s.label = 'paragraph line'));
  slabs[0]!.spaceBefore = TYPE.paragraphGap;
  // Orphans and widows: never leave a single line of a paragraph alone at a page bottom or top.
  const n = slabs.length;
  if (n <= 3) slabs.slice(0, n - 1).forEach((s) => (s.keepWithNext = true));
  else {
    slabs[0]!.keepWithNext = true;
    slabs[n - 2]!.keepWithNext = true;
  }
  return slabs;
}

function listSlabs(block: Extract<Block, { kind: 'list' }>, x: number, width: number, ctx: SlabContext): Slab[] {
  const out: Slab[] = [];
  block.items.forEach((item, i) => {
    const slabs = blockSlabs(item, x + LIST_INDENT, width - LIST_INDENT, ctx);
    const first = slabs[0];
    if (!first) return;
    first.spaceBefore = i === 0 ? TYPE.paragraphGap : first.height < TYPE.body.leading ? 1 : 2.5;
    const firstText = first.items.find((it) => it.kind === 'text');
    const marker = block.ordered ? `${i + 1}.` : '•';
    const size = firstText?.kind === 'text' ? firstText.size : TYPE.body.size;
    const markerWidth = ctx.m.width(marker, 'regular', size);
    first.items.push({ kind: 'text', x: x + LIST_INDENT - 5 - markerWidth, y: firstText?.kind === 'text' ? firstText.y : size, text: marker, face: 'regular', size });
    // The marker is drawn first so that text extraction reads "1. item", not "item 1.".
    first.items.unshift(first.items.pop()!);
    out.push(...slabs);
  });
  return out;
}

function fieldSlabs(block: Extract<Block, { kind: 'fields' }>, x: number, width: number, ctx: SlabContext): Slab[] {
  const t = TYPE.body;
  const gap = 14;
  const colWidth = block.columns === 2 ? (width - gap) / 2 : width;
  const labelWidth = Math.min(
    colWidth * 0.42,
    Math.max(0, ...block.rows.map((r) => Math.max(0, ...breakLines(r.label, Infinity, t.size, ctx.m).map((l) => l.width)))) + 10,
  );
  /** The label's and the value's lines of one pair, each line's items at y relative to that line. */
  const pairLines = (row: (typeof block.rows)[number], px: number): DrawItem[][] => {
    const labels = breakLines(row.label, labelWidth - 8, t.size, ctx.m);
    const values = breakLines(row.value, colWidth - labelWidth, t.size, ctx.m);
    return Array.from({ length: Math.max(labels.length, values.length, 1) }, (_, i) => [
      ...(labels[i] ? lineItems(labels[i], px, labelWidth, t.size, t.leading, 'left', 0.25, ctx) : []),
      ...(values[i] ? lineItems(values[i], px + labelWidth, colWidth - labelWidth, t.size, t.leading, 'left', undefined, ctx) : []),
    ]);
  };
  // One slab per line, chained so that a row stays on one page; a row taller than a page still flows on.
  const slabs: Slab[] = [];
  for (let i = 0; i < block.rows.length; i += block.columns) {
    const left = pairLines(block.rows[i]!, x);
    const right = block.columns === 2 && block.rows[i + 1] ? pairLines(block.rows[i + 1]!, x + colWidth + gap) : [];
    const count = Math.max(left.length, right.length);
    for (let k = 0; k < count; k++) {
      const last = k === count - 1;
      slabs.push({ height: t.leading + (last ? 2 : 0), spaceBefore: 0, items: [...(left[k] ?? []), ...(right[k] ?? [])], keepWithNext: !last, label: 'field row' });
    }
  }
  if (slabs[0]) slabs[0].spaceBefore = TYPE.paragraphGap;
  return slabs;
}

function keepSlabs(slabs: Slab[], label: string, mustKeep: boolean, ctx: SlabContext): Slab[] {
  if (slabs.length === 0) return [];
  const merged = mergeSlabs(slabs, label);
  if (merged.height <= ctx.bodyHeight) return [merged];
  ctx.diagnostics.push({
    code: 'layout/keep-too-tall',
    severity: mustKeep ? 'error' : 'warning',
    message: `The ${label} is ${Math.round(merged.height)} pt tall, more than a page body (${Math.round(ctx.bodyHeight)} pt), so it cannot be kept on one page.`,
    hint: mustKeep ? 'Shorten the signature block in the template.' : 'Split the block in the template, or shorten its text.',
  });
  return slabs;
}

function boxSlabs(block: Extract<Block, { kind: 'box' }>, x: number, width: number, ctx: SlabContext): Slab[] {
  const inner = blockSlabs(block.children, x + BOX_PAD, width - 2 * BOX_PAD, ctx);
  if (inner.length === 0) return [];
  inner[0]!.spaceBefore = 0;
  const merged = mergeSlabs(inner, 'box');
  const height = merged.height + 2 * BOX_PAD;
  if (height > ctx.bodyHeight) return keepSlabs(inner, 'box', false, ctx);
  const frame: DrawItem = block.emphasis
    ? { kind: 'rect', x, y: 0, width, height, fillGray: 0.93, strokeWidth: 1.2 }
    : { kind: 'rect', x, y: 0, width, height, strokeWidth: 0.7 };
  return [{ ...merged, height, spaceBefore: 8, items: [frame, ...shiftItems(merged.items, 0, BOX_PAD)] }];
}
