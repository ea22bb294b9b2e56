// The document tree that compose hands to layout: blocks of styled text, tables and keeps, no positions yet.

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Never break a line inside this run (identifiers, dates, codes). */
  noBreak?: boolean;
  /** Filled in after pagination: `total-pages`, `pages:<part>`, `bates:<part>`, `page:<part>`, `ref:<part>`. The run's text is empty. */
  field?: string;
  /** Text as wide as the field's longest expected value; layout reserves its width. */
  fieldSample?: string;
}
/** Inline content: styled text runs; `\n` inside a run is a forced line break. */
export type Inline = TextRun;

export type TextSize = 'fine' | 'small' | 'normal' | 'large';
export type Align = 'left' | 'center' | 'right';

export interface ParagraphStyle {
  size: TextSize;
  align: Align;
  muted: boolean;
}

export type Block =
  | { kind: 'section'; id: string; title: string; children: Block[] }
  | { kind: 'heading'; level: 1 | 2 | 3; runs: Inline[] }
  | { kind: 'paragraph'; runs: Inline[]; style: ParagraphStyle }
  | { kind: 'list'; ordered: boolean; items: Block[][] }
  | { kind: 'table'; header: Inline[][][]; rows: Inline[][][]; size: TextSize }
  | { kind: 'fields'; rows: { label: Inline[]; value: Inline[] }[]; columns: 1 | 2 }
  | { kind: 'keep'; children: Block[] }
  | { kind: 'signature'; children: Block[] }
  | { kind: 'box'; children: Block[]; emphasis: boolean }
  | { kind: 'rule' }
  | { kind: 'spacer'; height: number }
  /** A picture the packet carries (the signature image), by name; its size in points, already fitted to its box. */
  | { kind: 'image'; image: string; width: number; height: number }
  /** `soft`: a break only when the block after it does not fit whole in the space left on the page. */
  | { kind: 'page-break'; soft?: boolean };

export interface DocTree {
  blocks: Block[];
}
