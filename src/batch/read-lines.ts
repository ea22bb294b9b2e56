// Streams a text file as numbered lines (LF or CRLF, a UTF-8 BOM dropped) without ever holding more than one line
// in memory: a line over the limit, or one that is not UTF-8, is reported by its number and skipped, never buffered.
import { createReadStream } from 'node:fs';
import { MAX_LINE_BYTES } from './limits.js';

export interface TextLine {
  /** 1-based physical line number. */
  n: number;
  /** The line without its line ending; absent when the line has a problem. */
  text?: string;
  problem?: 'too-long' | 'not-utf8';
}


export async function* readLines(file: string, maxBytes = MAX_LINE_BYTES): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let n = 0;
  let any = false;
  const take = (): TextLine => {
    n++;
    const bytes = Buffer.concat(parts, size);
    const wasTooLong = tooLong;
    parts = [];
    size = 0;
    tooLong = false;
    if (wasTooLong) return { n, problem: 'too-long' };
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const start = n === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    try {
      return { n, text: decoder.decode(bytes.subarray(start, end)) };
    } catch {
      return { n, problem: 'not-utf8' };
    }
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    any = true;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!tooLong) {
        if (size + (end - start) > maxBytes) {
          tooLong = true;
          parts = [];
          size = 0;
        } else if (end > start) {
          parts.push(chunk.subarray(start, end));
          size += end - start;
        }
      }
      if (nl === -1) break;
      yield take();
      start = nl + 1;
    }
  }
  // The last line may have no line ending.
  if (any && (size > 0 || tooLong)) yield take();
}
