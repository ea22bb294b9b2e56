// Decodes PDF and PNG data with a ceiling on the decoded size, so a small stream that inflates to gigabytes is
// stopped at the ceiling instead of exhausting memory; a stream cut short yields what could be read.
import { constants, inflateRawSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFRawStream, PDFStream, decodePDFRawStream } from 'pdf-lib';

export type Decoded =
  /** `complete: false`: the data was damaged; `bytes` holds what could be read before the damage. */
  | { bytes: Uint8Array; complete: boolean }
  /** The decoded data would pass the ceiling. */
  | 'too-big'
  /** A filter authpack cannot decode (an image filter on page content, or an unknown name). */
  | 'unsupported';

const tooBig = (err: unknown) => err instanceof RangeError || (err as NodeJS.ErrnoException)?.code === 'ERR_BUFFER_TOO_LARGE';

/** zlib data (Node's native inflate: several times faster than a JavaScript one) with a ceiling. */
export function inflateLimited(data: Uint8Array, max: number): Decoded {
  try {
    return { bytes: inflateSync(data, { maxOutputLength: Math.max(1, max) }), complete: true };
  } catch (err) {
    if (tooBig(err)) return 'too-big';
  }
  // Damaged: keep what inflates before the damage; some writers also omit the zlib header.
  for (const inflate of [inflateSync, inflateRawSync]) {
    try {
      return { bytes: inflate(data, { maxOutputLength: Math.max(1, max), finishFlush: constants.Z_SYNC_FLUSH }), complete: inflate === inflateRawSync };
    } catch (err) {
      if (tooBig(err)) return 'too-big';
    }
  }
  return { bytes: new Uint8Array(0), complete: false };
}

const FLATE = PDFName.of('FlateDecode');
const CHUNK = 1 << 16;

/** A PDF stream's decoded bytes, at most `max` of them. */
export function decodePdfStream(stream: PDFStream, max: number): Decoded {
  if (!(stream instanceof PDFRawStream)) {
    // Made by pdf-lib itself (a filled form's flattened page): not hostile, and small.
    const bytes = (stream as PDFStream & { getUnencodedContents(): Uint8Array }).getUnencodedContents();
    return bytes.length > max ? 'too-big' : { bytes, complete: true };
  }
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray().map((f) => stream.dict.context.lookup(f)) : filter === undefined ? [] : [filter];
  if (filters.length === 0) return stream.contents.length > max ? 'too-big' : { bytes: stream.contents, complete: true };
  if (filters.length === 1 && filters[0] === FLATE) return inflateLimited(stream.contents, max);
  if (!filters.every((f) => f instanceof PDFName)) return 'unsupported';
  // Other filters (LZW, ASCII85, ASCIIHex, RunLength, chains): pdf-lib's decoders, read a chunk at a time.
  let decoder;
  try {
    decoder = decodePDFRawStream(stream);
  } catch {
    return 'unsupported';
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = decoder.getBytes(CHUNK);
      total += chunk.length;
      if (total > max) return 'too-big';
      parts.push(new Uint8Array(chunk));
      if (chunk.length < CHUNK) break;
    }
  } catch {
    return { bytes: Buffer.concat(parts), complete: false };
  }
  return { bytes: Buffer.concat(parts), complete: true };
}
