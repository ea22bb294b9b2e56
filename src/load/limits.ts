// How big a case may be: generous for real cases (the largest sample is 20 KB, ~400 values, 4 levels deep) and
// small enough that a hostile file is refused in well under a second instead of hanging or exhausting memory.

/** Largest case file (or standard input) read, in bytes: 4 MiB. */
export const MAX_CASE_BYTES = 4 * 1024 * 1024;
/** Deepest nesting of lists and groups of fields (a case itself needs 4; `extra` may use the rest). */
export const MAX_CASE_DEPTH = 32;
/** Most values (texts, numbers, lists, groups of fields) in one case. */
export const MAX_CASE_VALUES = 20_000;
/** Most lines, and most YAML tokens (keys, values, brackets, commas, comments), in one case file: the parser spends
 * ~10 µs on each blank or comment line, so 4 MiB of newlines alone would take a minute. */
export const MAX_CASE_LINES = 100_000;
export const MAX_CASE_TOKENS = 300_000;
/** Most YAML alias expansions (`*name`); YAML's own guard against "billion laughs" documents. */
export const MAX_YAML_ALIASES = 100;

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} bytes`;
