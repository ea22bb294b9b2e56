// Turns the HTML subset that templates emit into the document tree, using a real HTML parser (htmlparser2).
import { Parser } from 'htmlparser2';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, DocTree, Inline, ParagraphStyle, TextRun, TextSize } from './doc-tree.js';

/** The elements templates may use; documented in the README under "Template authoring". */
export const SUPPORTED_ELEMENTS = [
  'section[data-id][data-title]', 'h1', 'h2', 'h3', 'p[.fine|.small|.large|.right|.center|.muted]', 'strong', 'b', 'em', 'i', 'br', 'span.nobreak', 'span.field[data-field][data-sample]',
  'ul[.small]', 'ol[.small]', 'li', 'table[.small]', 'thead', 'tbody', 'tr', 'th', 'td', 'dl[data-columns=1|2]', 'dt', 'dd',
  'div.keep', 'div.signature', 'div.box[.emphasis]', 'div.spacer[data-height]', 'div.page-break[.soft]', 'hr',
  'div.image[data-image][data-width][data-height]',
];

/** The pictures a packet carries (the signature image), by name: their displayed size in pixels. */
export type ImageSizes = ReadonlyMap<string, { width: number; height: number }>;

interface Ctx {
  diagnostics: Diagnostic[];
  images: ImageSizes;
}

export function parseMarkup(html: string, images: ImageSizes = new Map()): { tree: DocTree; diagnostics: Diagnostic[] } {
  const ctx: Ctx = { diagnostics: [], images };
  return { tree: { blocks: parseBlocks(readNodes(html), ctx) }, diagnostics: ctx.diagnostics };
}

// The parsed markup: the parts of domhandler's nodes this module reads, without their parent and sibling links or
// source positions (building domhandler's full DOM cost twice the parse itself).
interface Element {
  type: 'tag' | 'script' | 'style';
  name: string;
  attribs: Record<string, string>;
  children: ChildNode[];
}
interface Text {
  type: 'text';
  data: string;
}
type ChildNode = Element | Text | { type: 'comment' | 'directive' };

/** htmlparser2's tokens into nodes, as domhandler builds them: adjacent text joined, comments kept as nodes. */
function readNodes(html: string): ChildNode[] {
  const root: ChildNode[] = [];
  const open: Element[] = [];
  let lastText: Text | undefined;
  const add = (node: ChildNode) => {
    (open.length ? open[open.length - 1]!.children : root).push(node);
    lastText = node.type === 'text' ? node : undefined;
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const el: Element = { type: name === 'script' ? 'script' : name === 'style' ? 'style' : 'tag', name, attribs, children: [] };
        add(el);
        open.push(el);
        lastText = undefined;
      },
      onclosetag() {
        open.pop();
        lastText = undefined;
      },
      ontext(data) {
        if (lastText) lastText.data += data;
        else add({ type: 'text', data });
      },
      oncommentend() {
        add({ type: 'comment' });
        lastText = undefined;
      },
      onprocessinginstruction() {
        add({ type: 'directive' });
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return root;
}

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const classes = (el: Element): Set<string> => new Set((el.attribs.class ?? '').split(/\s+/).filter(Boolean));
const INLINE = new Set(['strong', 'b', 'em', 'i', 'br', 'span', 'a']);

function unsupported(el: Element, ctx: Ctx, where: string) {
  ctx.diagnostics.push({
    code: 'compose/unsupported-markup',
    severity: 'error',
    message: `A template emits <${el.name}> ${where}, which authpack cannot lay out.`,
    hint: `Use the supported elements: ${SUPPORTED_ELEMENTS.join(', ')}.`,
  });
}

function parseBlocks(nodes: ChildNode[], ctx: Ctx): Block[] {
  const out: Block[] = [];
  let loose: ChildNode[] = [];
  const flushLoose = () => {
    const runs = parseInline(loose, {}, ctx);
    if (runs.some((r) => r.text.trim() !== '' || r.field)) out.push({ kind: 'paragraph', runs: trimRuns(runs), style: plainStyle() });
    loose = [];
  };
  for (const node of nodes) {
    if (node.type === 'text' || (isElement(node) && INLINE.has(node.name))) {
      loose.push(node);
      continue;
    }
    flushLoose();
    if (!isElement(node)) continue; // comments
    const block = parseBlock(node, ctx);
    if (block) out.push(block);
  }
  flushLoose();
  return out;
}

function plainStyle(): ParagraphStyle {
  return { size: 'normal', align: 'left', muted: false };
}

function parseBlock(el: Element, ctx: Ctx): Block | undefined {
  const cls = classes(el);
  switch (el.name) {
    case 'section':
      return { kind: 'section', id: el.attribs['data-id'] ?? el.attribs['data-title'] ?? '', title: el.attribs['data-title'] ?? '', children: parseBlocks(el.children, ctx) };
    case 'h1':
    case 'h2':
    case 'h3':
      return { kind: 'heading', level: Number(el.name[1]) as 1 | 2 | 3, runs: trimRuns(parseInline(el.children, { bold: true }, ctx)) };
    case 'p': {
      const size: TextSize = cls.has('fine') ? 'fine' : cls.has('small') ? 'small' : cls.has('large') ? 'large' : 'normal';
      const align = cls.has('right') ? 'right' : cls.has('center') ? 'center' : 'left';
      return { kind: 'paragraph', runs: trimRuns(parseInline(el.children, {}, ctx)), style: { size, align, muted: cls.has('muted') } };
    }
    case 'ul':
    case 'ol': {
      const items = el.children.filter(isElement).map((li) => {
        if (li.name !== 'li') unsupported(li, ctx, `inside <${el.name}>`);
        const blocks = parseBlocks(li.children, ctx);
        if (cls.has('small')) for (const b of blocks) if (b.kind === 'paragraph') b.style.size = 'small';
        return blocks;
      });
      return { kind: 'list', ordered: el.name === 'ol', items };
    }
    case 'table':
      return parseTable(el, ctx);
    case 'dl':
      return parseFields(el, ctx);
    case 'div':
      if (cls.has('page-break')) return cls.has('soft') ? { kind: 'page-break', soft: true } : { kind: 'page-break' };
      if (cls.has('keep')) return { kind: 'keep', children: parseBlocks(el.children, ctx) };
      if (cls.has('signature')) return { kind: 'signature', children: parseBlocks(el.children, ctx) };
      if (cls.has('spacer')) return { kind: 'spacer', height: Number(el.attribs['data-height'] ?? 24) || 24 };
      if (cls.has('image')) return imageBlock(el, ctx);
      if (cls.has('box')) return { kind: 'box', emphasis: cls.has('emphasis'), children: parseBlocks(el.children, ctx) };
      unsupported(el, ctx, `with class "${el.attribs.class ?? ''}"`);
      return undefined;
    case 'hr':
      return { kind: 'rule' };
    default:
      unsupported(el, ctx, 'as a block');
      return undefined;
  }
}

/**
 * `<div class="image" data-image="signature" data-width="180" data-height="50">`: the named picture scaled to fill
 * the box (in points) as far as its aspect allows; a small picture is scaled up too, so the signature shows at the
 * size the template chose whatever the scan's resolution.
 */
function imageBlock(el: Element, ctx: Ctx): Block | undefined {
  const name = el.attribs['data-image'] ?? '';
  const size = ctx.images.get(name);
  if (!size) {
    ctx.diagnostics.push({ code: 'compose/unknown-image', severity: 'error', message: `A template draws the image "${name.slice(0, 40)}", which this packet does not have.`, hint: 'Draw an image only when the case gives it (for the signature: {{#if signature.image}}).' });
    return undefined;
  }
  const boxWidth = Number(el.attribs['data-width']) || 180;
  const boxHeight = Number(el.attribs['data-height']) || 50;
  const scale = Math.min(boxWidth / size.width, boxHeight / size.height);
  return { kind: 'image', image: name, width: size.width * scale, height: size.height * scale };
}

function parseTable(el: Element, ctx: Ctx): Block {
  const header: Inline[][][] = [];
  const rows: Inline[][][] = [];
  const visitRows = (nodes: ChildNode[], inHead: boolean) => {
    for (const n of nodes.filter(isElement)) {
      if (n.name === 'thead') visitRows(n.children, true);
      else if (n.name === 'tbody' || n.name === 'tfoot') visitRows(n.children, false);
      else if (n.name === 'tr') {
        const cells = n.children.filter(isElement);
        const isHead = inHead || (cells.length > 0 && cells.every((c) => c.name === 'th'));
        const parsed = cells.map((c) => {
          if (c.name !== 'td' && c.name !== 'th') unsupported(c, ctx, 'inside <tr>');
          return trimRuns(parseInline(c.children, c.name === 'th' ? { bold: true } : {}, ctx));
        });
        (isHead && rows.length === 0 ? header : rows).push(parsed);
      } else unsupported(n, ctx, 'inside <table>');
    }
  };
  visitRows(el.children, false);
  return { kind: 'table', header, rows, size: classes(el).has('small') ? 'small' : 'normal' };
}

function parseFields(el: Element, ctx: Ctx): Block {
  const rows: { label: Inline[]; value: Inline[] }[] = [];
  let label: Inline[] | undefined;
  for (const n of el.children.filter(isElement)) {
    if (n.name === 'dt') label = trimRuns(parseInline(n.children, { bold: true }, ctx));
    else if (n.name === 'dd') {
      rows.push({ label: label ?? [], value: trimRuns(parseInline(n.children, {}, ctx)) });
      label = undefined;
    } else unsupported(n, ctx, 'inside <dl>');
  }
  return { kind: 'fields', rows, columns: el.attribs['data-columns'] === '2' ? 2 : 1 };
}

function parseInline(nodes: ChildNode[], style: Omit<TextRun, 'text'>, ctx: Ctx): Inline[] {
  const out: Inline[] = [];
  collectInline(nodes, style, ctx, out);
  return mergeRuns(out);
}

/** The runs of inline content, each a new object, unmerged (merged once by parseInline). */
function collectInline(nodes: ChildNode[], style: Omit<TextRun, 'text'>, ctx: Ctx, out: Inline[]): void {
  for (const n of nodes) {
    if (n.type === 'text') {
      out.push({ ...style, text: n.data.replace(/[ \t\n\r\f]+/g, ' ') });
    } else if (isElement(n)) {
      switch (n.name) {
        case 'strong':
        case 'b':
          collectInline(n.children, { ...style, bold: true }, ctx, out);
          break;
        case 'em':
        case 'i':
          collectInline(n.children, { ...style, italic: true }, ctx, out);
          break;
        case 'br':
          out.push({ ...style, text: '\n' });
          break;
        case 'span': {
          const cls = classes(n);
          if (cls.has('field') && n.attribs['data-field']) out.push({ ...style, text: '', noBreak: true, field: n.attribs['data-field'], fieldSample: n.attribs['data-sample'] ?? '999' });
          else collectInline(n.children, cls.has('nobreak') ? { ...style, noBreak: true } : style, ctx, out);
          break;
        }
        default:
          unsupported(n, ctx, 'inside a paragraph');
      }
    }
  }
}

const sameStyle = (a: TextRun, b: TextRun) => !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.noBreak === !!b.noBreak && !a.field && !b.field;

/** Joins neighbouring runs of the same style, in place: the runs are the caller's own objects. */
function mergeRuns(runs: Inline[]): Inline[] {
  let n = 0;
  for (const r of runs) {
    const last = n > 0 ? runs[n - 1]! : undefined;
    if (last && sameStyle(last, r)) last.text += r.text;
    else runs[n++] = r;
  }
  runs.length = n;
  return runs;
}

/** Drops the whitespace HTML would collapse at the start and end of a block and around forced breaks. */
function trimRuns(runs: Inline[]): Inline[] {
  const out = runs.map((r) => ({ ...r, text: r.text.includes('\n') ? r.text.replace(/ *\n */g, '\n') : r.text }));
  while (out.length && !out[0]!.field && out[0]!.text.trimStart() === '') out.shift();
  while (out.length && !out[out.length - 1]!.field && out[out.length - 1]!.text.trimEnd() === '') out.pop();
  if (out.length) {
    out[0]!.text = out[0]!.text.trimStart();
    out[out.length - 1]!.text = out[out.length - 1]!.text.trimEnd();
  }
  return mergeRuns(out);
}
