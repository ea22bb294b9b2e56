// Flows slabs into page bodies: forced and soft breaks, keep-with-next chains, repeated table headers, overflow as a
// diagnostic. Each page records the sections on it, how much of its body is used and what pushed content on.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DrawItem, LaidOutPage, PageGeometry } from './boxes.js';
import { shiftItems, type Slab } from './slab.js';

type Section = { id: string; title: string };

export function paginate(slabs: readonly Slab[], geometry: PageGeometry, diagnostics: Diagnostic[]): LaidOutPage[] {
  const bodyHeight = geometry.bodyBottom - geometry.bodyTop;
  const pages: LaidOutPage[] = [];
  let section: Section = { id: '', title: '' };
  let items: DrawItem[] = [];
  let sections: Section[] = [];
  let y = 0;
  let fresh = true;

  const finishPage = (pushed?: readonly Slab[]) => {
    if (!fresh) {
      const labels = pushed?.map((s) => s.label ?? 'content');
      pages.push({ items, sections, used: y, ...(labels ? { pushed: labels } : {}) });
    }
    items = [];
    sections = [];
    y = 0;
    fresh = true;
  };
  const place = (slab: Slab, dropSpace: boolean) => {
    if (slab.section) section = slab.section;
    if (sections[sections.length - 1]?.id !== section.id) sections.push(section);
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
  /** Opens a page with a slab that may be too tall for any page: that is reported, never clipped silently. */
  const placeAtTop = (slab: Slab) => {
    const header = slab.repeatHeader?.height ?? 0;
    if (header + slab.height > bodyHeight) {
      diagnostics.push({
        code: 'layout/does-not-fit',
        severity: 'error',
        message: `The ${slab.label ?? 'content'} is ${Math.round(slab.height)} pt tall and cannot fit on a page (${Math.round(bodyHeight - header)} pt available); part of it would be cut off.`,
        hint: 'Shorten that text, or split it into smaller parts in the case file.',
      });
    }
    placeFirstOnPage(slab);
  };

  // Slabs up to this index belong to a keep chain no page can hold: they are placed one by one, filling each page.
  let looseUntil = -1;
  let i = 0;
  while (i < slabs.length) {
    const first = slabs[i]!;
    if (i <= looseUntil) {
      if (!fresh && y + first.spaceBefore + first.height > bodyHeight) finishPage();
      if (fresh) placeAtTop(first);
      else place(first, false);
      i += 1;
      continue;
    }
    if (first.pageBreakBefore && !fresh) finishPage();
    // A soft break: the block goes on this page when all of it fits in what is left, else it opens the next one.
    if (first.softBreakBefore !== undefined && !fresh && y + first.spaceBefore + first.softBreakBefore > bodyHeight) finishPage([first]);
    let j = i;
    while (j < slabs.length - 1 && slabs[j]!.keepWithNext && !slabs[j + 1]!.pageBreakBefore && slabs[j + 1]!.softBreakBefore === undefined) j++;
    const chain = slabs.slice(i, j + 1);
    const chainHeight = chain.reduce((h, s, k) => h + s.height + (k > 0 ? s.spaceBefore : 0), 0);
    const header = first.repeatHeader?.height ?? 0;
    const fitsOnAPage = header + chainHeight <= bodyHeight;

    if (!fresh) {
      if (y + first.spaceBefore + chainHeight <= bodyHeight) {
        chain.forEach((s) => place(s, false));
        i = j + 1;
        continue;
      }
      // A chain no page can hold gives up its keep rule here rather than leave this page part empty.
      if (!fitsOnAPage && y + first.spaceBefore + first.height <= bodyHeight) {
        looseUntil = j;
        continue;
      }
      finishPage(chain);
    }
    if (fitsOnAPage) {
      chain.forEach((s, k) => (k === 0 ? placeFirstOnPage(s) : place(s, false)));
      i = j + 1;
      continue;
    }
    // The chain is taller than a page: give up the keep rule, but never the content.
    looseUntil = j;
    placeAtTop(first);
    i += 1;
  }
  finishPage();
  return pages;
}
