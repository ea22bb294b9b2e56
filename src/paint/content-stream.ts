// Writes a page's drawing operators as PDF content-stream text directly (pdf-lib's drawText builds and
// validates an object per operator, which cost more than the layout itself).

/** A number as PDF writes it: at most 3 decimals, no trailing zeros. */
export function pdfNumber(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

export class ContentStreamWriter {
  private parts: string[] = [];
  private fill: number | undefined;

  /**
   * One run of text at (x, y) in PDF coordinates (origin bottom-left); `hex` is the font's glyph encoding.
   * `actualText` (right-to-left text drawn in visual order) is what copy and search get instead of the glyphs.
   */
  text(fontKey: string, size: number, x: number, y: number, hex: string, gray: number, angle = 0, actualText?: string): void {
    this.setFill(gray);
    const rad = (angle * Math.PI) / 180;
    const [a, b] = angle ? [Math.cos(rad), Math.sin(rad)] : [1, 0];
    const matrix = `${pdfNumber(a)} ${pdfNumber(b)} ${pdfNumber(-b)} ${pdfNumber(a)}`;
    const show = `BT /${fontKey} ${pdfNumber(size)} Tf ${matrix} ${pdfNumber(x)} ${pdfNumber(y)} Tm <${hex}> Tj ET`;
    this.parts.push(actualText === undefined ? show : `/Span <</ActualText <${utf16Hex(actualText)}>>> BDC ${show} EMC`);
  }

  line(x1: number, y1: number, x2: number, y2: number, width: number, gray: number): void {
    this.parts.push(`q ${pdfNumber(gray)} G ${pdfNumber(width)} w ${pdfNumber(x1)} ${pdfNumber(y1)} m ${pdfNumber(x2)} ${pdfNumber(y2)} l S Q`);
  }

  rect(x: number, y: number, width: number, height: number, fillGray: number | undefined, strokeWidth: number | undefined): void {
    const box = `${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re`;
    const fill = fillGray !== undefined ? `${pdfNumber(fillGray)} g ` : '';
    const stroke = strokeWidth ? `0 G ${pdfNumber(strokeWidth)} w ` : '';
    const op = fillGray !== undefined && strokeWidth ? 'B' : fillGray !== undefined ? 'f' : 'S';
    this.parts.push(`q ${fill}${stroke}${box} ${op} Q`);
  }

  /** Draws a form XObject or image XObject with a transformation matrix [a b c d e f]. */
  xobject(name: string, matrix: readonly number[]): void {
    this.parts.push(`q ${matrix.map(pdfNumber).join(' ')} cm /${name} Do Q`);
  }

  toString(): string {
    return this.parts.join('\n');
  }

  private setFill(gray: number): void {
    if (this.fill !== gray) {
      this.parts.push(`${pdfNumber(gray)} g`);
      this.fill = gray;
    }
  }
}

/** A PDF text string in UTF-16BE with its byte-order mark, as hex. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return hex;
}
