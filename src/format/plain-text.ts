// Printable ASCII (and newlines): text that needs no Unicode normalisation and that every font draws.

const PLAIN = /^[\x20-\x7E\n]*$/;

export function isPlainAscii(text: string): boolean {
  return PLAIN.test(text);
}
