// The Bates page id `<prefix>-0001`: the prefix (the case ID, or --bates-prefix) is printed on every page and in the
// packet index, so its length is bounded by what the footer and the index's Bates column hold at the widest letters.

/** Longest case ID or Bates prefix: 32 "W"s and "-0001" still fit the footer row and the index's Bates column. */
export const BATES_PREFIX_MAX = 32;

const PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isBatesPrefix(text: string): boolean {
  return text.length <= BATES_PREFIX_MAX && PREFIX.test(text);
}

export const BATES_PREFIX_RULE = `1 to ${BATES_PREFIX_MAX} letters, digits, dots, dashes and underscores, starting with a letter or digit`;
