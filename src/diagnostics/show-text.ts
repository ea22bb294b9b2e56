// Shows a value the user typed inside a message: shortened, in quotes, with control characters escaped, so a key or
// a code cannot garble the terminal or hide what follows it.

export function showText(value: string, max = 40): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/** A field name in backticks when it is an ordinary name, else quoted and escaped. */
export function showKey(key: string): string {
  return /^[\p{L}\p{N}_$.-]{1,60}$/u.test(key) ? `\`${key}\`` : showText(key, 60);
}

/** Profile text (a note, an `unconfirmed:` remark) closed as a sentence, so a message built from it ends with one. */
export function asSentence(text: string): string {
  const t = text.trim();
  return /[.!?)]$/.test(t) ? t : `${t}.`;
}
