// The Typst twin of a packet, for `npm run bench`: the same composed document (cover, index, letter, history table)
// written as Typst markup, so that both engines lay out and paint the same words, tables and pages.
import type { Block, DocTree, Inline, TextSize } from '../../src/compose/doc-tree.js';
import { composeDocument } from '../../src/compose/compose-document.js';
import { loadFontSet } from '../../src/fonts/font-set.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { orderAttachments } from '../../src/assemble/order-attachments.js';

const SIZES: Record<TextSize, string> = { fine: '7pt', small: '8.5pt', normal: '10pt', large: '13pt' };

/** Escapes text for Typst markup: every character with a markup meaning gets a backslash. */
const escape = (s: string) => s.replace(/[\\#*_`$<>@[\]~/=\-+"']/g, (c) => `\\${c}`).replace(/\n/g, ' \\\n');

function inline(runs: readonly Inline[]): string {
  return runs
    .map((r) => {
      const text = escape(r.field ? (r.fieldSample ?? '0') : r.text);
      if (!text.trim()) return text;
      if (r.bold && r.italic) return `#strong[#emph[${text}]]`;
      if (r.bold) return `#strong[${text}]`;
      if (r.italic) return `#emph[${text}]`;
      return text;
    })
    .join('');
}

function blocks(list: readonly Block[]): string {
  return list.map(block).join('\n\n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'section':
      return `${b.title ? `= ${escape(b.title)}\n\n` : ''}${blocks(b.children)}`;
    case 'heading':
      return `${'='.repeat(b.level)} ${inline(b.runs)}`;
    case 'paragraph': {
      const body = `#text(size: ${SIZES[b.style.size]}${b.style.muted ? ', fill: gray' : ''})[${inline(b.runs)}]`;
      return b.style.align === 'left' ? body : `#align(${b.style.align})[${body}]`;
    }
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${blocks(item).replace(/\n/g, '\n  ')}`).join('\n');
    case 'table': {
      const columns = Math.max(...[...b.header, ...b.rows].map((r) => r.length));
      const cell = (c: Inline[]) => `[${inline(c)}]`;
      const header = b.header.map((r) => r.map(cell).join(', ')).join(', ');
      const rows = b.rows.map((r) => r.map(cell).join(', ')).join(',\n  ');
      return `#text(size: ${SIZES[b.size]})[#table(columns: ${columns}, stroke: 0.5pt + gray,\n  table.header(${header}),\n  ${rows})]`;
    }
    case 'fields':
      return `#grid(columns: ${b.columns * 2}, gutter: 6pt,\n  ${b.rows.map((r) => `[#strong[${inline(r.label)}]], [${inline(r.value)}]`).join(',\n  ')})`;
    case 'keep':
    case 'signature':
      return `#block(breakable: false)[\n${blocks(b.children)}\n]`;
    case 'box':
      return `#block(stroke: 0.5pt, inset: 6pt, width: 100%${b.emphasis ? ', fill: luma(240)' : ''})[\n${blocks(b.children)}\n]`;
    case 'rule':
      return '#line(length: 100%, stroke: 0.5pt)';
    case 'spacer':
      return `#v(${b.height}pt)`;
    case 'image':
      // The twin has no picture: the space it takes.
      return `#v(${b.height}pt)`;
    case 'page-break':
      return b.soft ? '' : '#pagebreak(weak: true)';
  }
}

/** Typst source of the case's generated packet: US Letter, DejaVu Sans, page numbers "Page X of Y" on every page. */
export function typstTwin(raw: unknown, date: string): string {
  const validated = validateCase(raw, { today: date });
  if (!validated.case) throw new Error('typst twin: the case is not valid');
  const c = validated.case;
  const payer = loadPayer(c.payer, []);
  const preflight = runPreflight(c, payer, { today: date });
  const fonts = loadFontSet();
  const tree: DocTree = composeDocument(c, { payer, date, covers: fonts.covers, criteria: preflight.criteria, assembly: { order: orderAttachments(c, payer), merged: false, batesPrefix: c.caseId } }).tree;
  const identity = escape(`${c.patient.lastName}, ${c.patient.firstName} · DOB ${c.patient.dateOfBirth} · ${c.caseId}`);
  return [
    '#set page(paper: "us-letter", margin: (x: 54pt, top: 60pt, bottom: 60pt),',
    `  header: text(size: 8pt)[${identity}],`,
    '  footer: context text(size: 8pt)[#h(1fr) Page #counter(page).display() of #counter(page).final().first()])',
    '#set text(font: "DejaVu Sans", size: 10pt)',
    '#set par(justify: false)',
    blocks(tree.blocks),
  ].join('\n');
}
