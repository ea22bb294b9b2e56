// Which page of the packet shows the field being edited: the part that prints it (the cover for the patient and
// the request, the letter for the argument, the history for a prior therapy, an attachment's own pages), then,
// within that part, the page whose text contains what was just typed.

export interface PacketPartPages {
  part: string;
  title?: string;
  first: number;
  last: number;
}

/** The part each top-level field is printed in; anything else is in the letter. */
const PART_OF: Record<string, string> = {
  caseId: 'cover',
  payer: 'cover',
  request: 'cover',
  patient: 'cover',
  coverage: 'cover',
  supplier: 'cover',
  facility: 'cover',
  items: 'cover',
  diagnoses: 'cover',
  priorTherapies: 'history',
};

/** The pages (first, last) of the part that prints the field at `path`. */
export function partPages(path: readonly (string | number)[], parts: readonly PacketPartPages[]): { first: number; last: number } | undefined {
  if (parts.length === 0) return undefined;
  const top = String(path[0] ?? '');
  if (top === 'attachments' && typeof path[1] === 'number') {
    // The plan names an attachment's part by its place in the case's list, whatever order the payer merges them in.
    const own = parts.find((p) => p.part === `attachment-${path[1] as number}`);
    if (own) return { first: own.first, last: own.last };
  }
  const wanted = PART_OF[top] ?? 'letter';
  const part = parts.find((p) => p.part === wanted) ?? parts.find((p) => p.part === 'letter') ?? parts[0]!;
  return { first: part.first, last: part.last };
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The page (1-based) within `range` whose text holds the end of `typed` (the words just typed; a long paragraph
 * wraps, so only its last words are looked for), else the range's first page.
 */
export function pageShowing(typed: string, range: { first: number; last: number }, pageText: (page: number) => string): number {
  const words = squash(typed).split(' ').filter(Boolean);
  const tail = words.slice(-4).join(' ');
  if (tail.length >= 2) {
    for (let p = range.first; p <= range.last; p++) if (squash(pageText(p)).includes(tail)) return p;
  }
  return range.first;
}
