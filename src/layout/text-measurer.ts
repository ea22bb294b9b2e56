// The seam between layout and fonts: widths and vertical metrics, with no PDF library behind it.

export type FaceName = 'regular' | 'bold' | 'italic' | 'boldItalic';

export interface TextMeasurer {
  /** Advance width of `text` in points (nominal advances, as the PDF draws them). */
  width(text: string, face: FaceName, size: number): number;
  /** Ascender and descender as fractions of the font size (both positive). */
  ascent: number;
  descent: number;
  /** Whether every face can draw this code point. */
  covers(codePoint: number): boolean;
}

export function faceOf(bold?: boolean, italic?: boolean): FaceName {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}
