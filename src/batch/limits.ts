// Sizes past which a batch entry cannot be a case: it then fails alone, instead of exhausting memory or the stack.

/** Longest line accepted (NDJSON line, CSV line): a case is a few kB; anything near this is not a case. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** A quoted CSV cell may hold line breaks; a record longer than this is taken as a quote that is never closed. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** Deepest nesting of a case from NDJSON or CSV: a case is 4 levels deep, `extra` a few more. */
export const MAX_DEPTH = 64;
