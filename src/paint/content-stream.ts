// Writes a page's drawing operators as PDF content-stream text directly (pdf-lib's drawText builds and
// validates an object per operator, which cost more than the layout itself). The stream is written to be short
// and to compress well, since zlib's time grows with its length: runs of text share one text object, font and
// colours are set only when they change, each run is placed relative to the previous one (repeated offsets such as
// "0 -13.6 Td" compress to almost nothing), and glyph codes are binary strings rather than hex.

/** A number as PDF writes it: at most 3 decimals, no trailing zeros. */
export function pdfNumber(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A number rounded as `pdfNumber` writes it. */
const rounded = (n: number): number => Math.round(n * 1000) / 1000 || 0;

export class ContentStreamWriter {
  private out = '';
  // The graphics state a page starts with (PDF 32000-1 8.4.1): black fill and stroke, 1 pt lines.
  private fill = 0;
  private stroke = 0;
  private width = 1;
  // Text state outlives a text object (only q/Q would restore it, and nothing here changes it inside q/Q).
  private font = '';
  private size = -1;
  /** Inside BT…ET; `lineX`/`lineY` are the text line's origin when `upright`. */
  private inText = false;
  private upright = true;
  private lineX = 0;
  private lineY = 0;

  /**
   * One run of text at (x, y) in PDF coordinates (origin bottom-left); `codes` are its 2-byte glyph codes, one UTF-16
   * unit each (EmbeddedFace.encode).
   * `actualText` (right-to-left text drawn in visual order) is what copy and search get instead of the glyphs.
   */
  text(fontKey: string, size: number, x: number, y: number, codes: string, gray: number, angle = 0, actualText?: string): void {
    if (!this.inText) {
      this.out += 'BT\n';
      this.inText = true;
      // BT resets the text line matrix to the identity: the first run moves from the origin.
      this.upright = true;
      this.lineX = this.lineY = 0;
    }
    this.setFill(gray);
    if (fontKey !== this.font || size !== this.size) {
      this.out += `/${fontKey} ${pdfNumber(size)} Tf\n`;
      this.font = fontKey;
      this.size = size;
    }
    if (actualText !== undefined) this.out += `/Span <</ActualText <${utf16Hex(actualText)}>>> BDC\n`;
    const px = rounded(x);
    const py = rounded(y);
    if (angle) {
      const rad = (angle * Math.PI) / 180;
      const [a, b] = [Math.cos(rad), Math.sin(rad)];
      this.out += `${pdfNumber(a)} ${pdfNumber(b)} ${pdfNumber(-b)} ${pdfNumber(a)} ${px} ${py} Tm\n`;
      this.upright = false;
    } else if (!this.upright) {
      this.out += `1 0 0 1 ${px} ${py} Tm\n`;
      this.upright = true;
    } else {
      // Td moves from the current line's origin, by offsets rounded like the positions: their sum is the
      // position to the thousandth. (A viewer adds them in floating point; where a sum lands a hair's breadth
      // from a pixel edge a rasteriser may place a glyph a quarter pixel over: not visible, and the same
      // happens to absolute positions, which viewers also parse and transform in floating point.)
      this.out += `${rounded(px - this.lineX)} ${rounded(py - this.lineY)} Td\n`;
    }
    this.lineX = px;
    this.lineY = py;
    this.out += `${binaryString(codes)} Tj\n`;
    if (actualText !== undefined) this.out += 'EMC\n';
  }

  line(x1: number, y1: number, x2: number, y2: number, width: number, gray: number): void {
    this.endText();
    this.setStroke(gray, width);
    this.out += `${pdfNumber(x1)} ${pdfNumber(y1)} m ${pdfNumber(x2)} ${pdfNumber(y2)} l S\n`;
  }

  rect(x: number, y: number, width: number, height: number, fillGray: number | undefined, strokeWidth: number | undefined): void {
    this.endText();
    if (fillGray !== undefined) this.setFill(fillGray);
    if (strokeWidth) this.setStroke(0, strokeWidth);
    const op = fillGray !== undefined && strokeWidth ? 'B' : fillGray !== undefined ? 'f' : 'S';
    this.out += `${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re ${op}\n`;
  }

  /** Draws a form XObject or image XObject with a transformation matrix [a b c d e f]. */
  xobject(name: string, matrix: readonly number[]): void {
    this.endText();
    this.out += `q ${matrix.map(pdfNumber).join(' ')} cm /${name} Do Q\n`;
  }

  toString(): string {
    this.endText();
    return this.out;
  }

  private endText(): void {
    if (this.inText) {
      this.out += 'ET\n';
      this.inText = false;
    }
  }

  private setFill(gray: number): void {
    if (this.fill !== gray) {
      this.out += `${pdfNumber(gray)} g\n`;
      this.fill = gray;
    }
  }

  private setStroke(gray: number, width: number): void {
    if (this.stroke !== gray) {
      this.out += `${pdfNumber(gray)} G\n`;
      this.stroke = gray;
    }
    if (this.width !== width) {
      this.out += `${pdfNumber(width)} w\n`;
      this.width = width;
    }
  }
}

// In a literal string only the delimiters and the escape character must be escaped; a bare CR or LF would be read
// back as LF (PDF 32000-1 7.3.4.2), so they are escaped too.
const ESCAPES: Record<string, string> = { '(': '\\(', ')': '\\)', '\\': '\\\\', '\r': '\\r', '\n': '\\n' };
const byteChar = (b: number): string => {
  const c = String.fromCharCode(b);
  return ESCAPES[c] ?? c;
};

/** Two-byte codes as escaped string bytes, filled on first use (a packet uses a few hundred glyphs per face). */
const codeChars: string[] = [];

/**
 * Glyph codes (one UTF-16 unit each) written as a literal string of their two bytes: half the length of the hex
 * form, so less for zlib to read, and 5 % smaller once compressed.
 */
function binaryString(codes: string): string {
  let out = '(';
  for (let i = 0; i < codes.length; i++) {
    const code = codes.charCodeAt(i);
    out += codeChars[code] ??= byteChar(code >> 8) + byteChar(code & 0xff);
  }
  return out + ')';
}

/** A PDF text string in UTF-16BE with its byte-order mark, as hex. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return hex;
}
