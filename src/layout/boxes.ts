// What layout produces: pages of positioned drawing items, in points, y measured down from the page top.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FaceName } from './text-measurer.js';

export interface TextItem {
  kind: 'text';
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  text: string;
  face: FaceName;
  size: number;
  gray?: number;
  /** Text that is only known after pagination (`total-pages`, `pages:<part>`, `bates:<part>`); filled in later. */
  field?: string;
  /** Width reserved for the field's value. */
  fieldWidth?: number;
  /** Counter-clockwise rotation in degrees about (x, y); used for the DRAFT mark. */
  angle?: number;
  /** Shared by the items of a line that holds a field, so text after the field moves up to it once it is filled. */
  lineKey?: number;
  /** Right-to-left text is drawn in visual order; this is the same text in reading order, for copy and search. */
  actualText?: string;
}

export interface LineItem {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  gray?: number;
}

export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fillGray?: number;
  strokeWidth?: number;
}

/** A page of an attached document (or an image), drawn scaled into a box; `source` indexes the packet's sources. */
export interface ExternalItem {
  kind: 'external';
  source: number;
  page: number;
  /** The box the page is drawn into, top-left origin, after rotation. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The page's own /Rotate, applied so it displays as in a viewer. */
  rotation: 0 | 90 | 180 | 270;
}

/** A picture the packet carries (the signature image), by name, drawn into a box (its EXIF turn applied by paint). */
export interface ImageItem {
  kind: 'image';
  image: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An attached page's visible size (its crop box) and rotation, as plain data. */
export interface PageInfo {
  width: number;
  height: number;
  rotation: 0 | 90 | 180 | 270;
}

export type DrawItem = TextItem | LineItem | RectItem | ExternalItem | ImageItem;

export interface LaidOutPage {
  items: DrawItem[];
  /**
   * The sections with content on this page, in order (cover, index, letter, history): usually one; two when a
   * short section follows another on its last page. For the footer, the index's page ranges and the bookmarks.
   */
  sections: { id: string; title: string }[];
  /** Points of the page body in use, for page-fill checks. */
  used?: number;
  /** What did not fit and so started the next page: the labels of the kept-together slabs moved on. */
  pushed?: string[];
}

export interface PageGeometry {
  width: number;
  height: number;
  marginLeft: number;
  marginRight: number;
  /** Top of the body area, below the running header. */
  bodyTop: number;
  /** Bottom of the body area, above the running footer. */
  bodyBottom: number;
}

export interface LaidOutDocument {
  geometry: PageGeometry;
  pages: LaidOutPage[];
  diagnostics: Diagnostic[];
}
