// Flows slabs into page bodies: forced breaks, keep-with-next chains, repeated table headers, overflow as a diagnostic.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DrawItem, LaidOutPage, PageGeometry } from './boxes.js';
import { shiftItems, type Slab } from './slab.js';

export function paginate(slabs: readonly Slab[], geometry: PageGeometry, diagnostics: Diagnostic[]): LaidOutPage[] {
  const bodyHeight = geometry.bodyBottom - geometry.bodyTop;
  const pages: LaidOutPage[] = [];
  let section = { id: '', title: '' };
  let items: DrawItem[] = [];
  let pageSection = section;
  let y = 0;
  let fresh = true;

  const finishPage = () => {
    if (!fresh) pages.push({ items, section: pageSection });
    items = [];
    y = 0;
    fresh = true;
  };
  const place = (slab: Slab, dropSpace: boolean) => {
    if (slab.section) section = slab.section;
    if (fresh) pageSection = section;
    if (!dropSpace) y += slab.spaceBefore;
    items.push(...shiftItems(slab.items, 0, geometry.bodyTop + y));
    y += slab.height;
    fresh = false;
  };
  const placeFirstOnPage = (slab: Slab) => {
    // A table row that opens a page brings its table's header row with it.
    if (slab.repeatHeader) place(slab.repeatHeader, true);
    place(slab, true);
  };

  let i = 0;
  while (i < slabs.length) {
    const first = slabs[i]!;
    if (first.pageBreakBefore && !fresh) finishPage();
    let j = i;
    while (j < slabs.length - 1 && slabs[j]!.keepWithNext && !slabs[j + 1]!.pageBreakBefore) j++;
    const chain = slabs.slice(i, j + 1);
    const chainHeight = chain.reduce((h, s, k) => h + s.height + (k > 0 ? s.spaceBefore : 0), 0);

    if (!fresh) {
      if (y + first.spaceBefore + chainHeight <= bodyHeight) {
        chain.forEach((s) => place(s, false));
        i = j + 1;
        continue;
      }
      finishPage();
    }
    const header = first.repeatHeader?.height ?? 0;
    if (header + chainHeight <= bodyHeight) {
      chain.forEach((s, k) => (k === 0 ? placeFirstOnPage(s) : place(s, false)));
      i = j + 1;
      continue;
    }
    // The chain is taller than a page: give up the keep rule, but never the content.
    if (header + first.height > bodyHeight) {
      diagnostics.push({
        code: 'layout/does-not-fit',
        severity: 'error',
        message: `The ${first.label ?? 'content'} is ${Math.round(first.height)} pt tall and cannot fit on a page (${Math.round(bodyHeight - header)} pt available); part of it would be cut off.`,
        hint: 'Shorten that text, or split it into smaller parts in the case file.',
      });
    }
    placeFirstOnPage(first);
    i += 1;
  }
  finishPage();
  return pages;
}
