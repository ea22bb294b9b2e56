// Checks an appeal needs once page counts are known: each cited page of an evidence enclosure exists (so every Bates
// cite resolves to a page of this packet), and the peer-to-peer sheet fits on its one page instead of spilling.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import type { Case } from '../validate/case-schema.js';

/** The last page a page list names: "2-3, 5" → 5. */
function lastPage(pages: string): number {
  return Math.max(...pages.split(',').map((run) => Number(run.trim().split('-').pop())));
}

/** `counts`: page count of each merged attachment, by its index in the case. */
export function checkEvidencePages(c: Case, counts: ReadonlyMap<number, number>): void {
  const problems: Diagnostic[] = [];
  c.denial?.reasons.forEach((r, i) =>
    r.evidence.forEach((e, j) => {
      if (!e.pages) return;
      const index = c.attachments.findIndex((a) => a.file === e.file);
      const count = counts.get(index);
      if (count === undefined || lastPage(e.pages) <= count) return;
      problems.push({
        code: 'appeal/evidence-page-missing',
        severity: 'error',
        path: ['denial', 'reasons', i, 'evidence', j, 'pages'],
        message: `Denial reason ${i + 1} cites pages ${e.pages} of the enclosure ${e.file}, which has ${count} ${count === 1 ? 'page' : 'pages'}.`,
        hint: 'Cite pages the file has (counted from 1, as your PDF viewer numbers them), or attach the right file.',
      });
    }),
  );
  if (problems.length) throw new InputError(problems);
}

/** `pages`: how many laid-out pages hold the peer-to-peer sheet. */
export function checkPeerToPeerFits(c: Case, pages: number): void {
  if (pages <= 1 || !c.denial) return;
  const criteria = c.denial.reasons.reduce((n, r) => n + Math.max(1, r.criteria.length), 0);
  throw new InputError([{
    code: 'appeal/p2p-too-long',
    severity: 'error',
    path: ['denial', 'reasons'],
    message: `The peer-to-peer sheet needs ${pages} pages for ${c.denial.reasons.length} denial reasons (${criteria} talking points), but it must fit on one page for the physician's call.`,
    hint: 'Map each reason to the criteria it really concerns (`denial.reasons[].criteria`), merge reasons that say the same, or shorten the long `response` texts; each talking point is already cut to about 200 characters.',
  }]);
}
