// Template helpers for cross-references: part and enclosure numbers from the packet plan, and pages, page ranges,
// Bates ids and the page count as fields that the page planner fills in after layout. An id the plan does not have
// stops the render (naming the template and line) instead of printing a reference to nothing.
import Handlebars from 'handlebars';
import type { PartsPlan } from '../../plan/plan-parts.js';

const esc = (s: unknown) => Handlebars.escapeExpression(String(s ?? ''));

function planOf(options: Handlebars.HelperOptions | undefined): PartsPlan {
  const plan = (options?.data?.root as { packet?: { plan?: PartsPlan } } | undefined)?.packet?.plan;
  if (!plan) throw new Error('a cross-reference helper was used without the packet plan in the data');
  return plan;
}

function partOf(id: unknown, options: Handlebars.HelperOptions) {
  const plan = planOf(options);
  const part = plan.parts.find((p) => p.id === id);
  if (part) return part;
  throw referenceError(
    `it refers to the part "${String(id)}", which this packet does not have (its parts are ${plan.parts.map((p) => p.id).join(', ')})`,
    id === 'history' ? 'There is no prior-therapy history when no prior therapy is recorded: guard the reference with {{#if packet.hasHistory}}.' : 'Refer to a part of this packet, or guard the reference with {{#if …}}.',
  );
}

/** An error whose hint the template diagnostic passes on. */
const referenceError = (message: string, hint: string) => Object.assign(new Error(message), { hint });

const field = (name: string, sample: string) => new Handlebars.SafeString(`<span class="field" data-field="${esc(name)}" data-sample="${esc(sample)}"></span>`);

export const planHelpers: Record<string, Handlebars.HelperDelegate> = {
  /** The packet's total page count, filled in after pagination. */
  totalPages: () => field('total-pages', '999'),
  /** A part's number in the packet (the index's "#" column): `{{partNumber "history"}}` → 4. */
  partNumber: (id: unknown, options: Handlebars.HelperOptions) => partOf(id, options).number,
  /** A part's number in the letter's Enclosures list: `{{enclosureNumber "attachment-2"}}` → 3. */
  enclosureNumber: (id: unknown, options: Handlebars.HelperOptions) => {
    const enclosure = planOf(options).enclosures.find((e) => e.partId === id);
    if (!enclosure) throw referenceError(`it asks for the enclosure number of "${String(id)}", which is not among this packet's enclosures`, 'Use the partId of an entry of packet.enclosures.');
    return enclosure.n;
  },
  /** The page a part starts on, filled in after pagination. */
  pageOf: (id: unknown, options: Handlebars.HelperOptions) => field(`page:${partOf(id, options).id}`, '999'),
  /** Where a part starts, seen from the page this text is on: "on this page" or "on page 3". */
  pageRef: (id: unknown, options: Handlebars.HelperOptions) => field(`ref:${partOf(id, options).id}`, 'on this page'),
  /** Page range of a part of the packet (`cover`, `letter`, `attachment-2` …), filled in after pagination. */
  pageRange: (id: unknown, options: Handlebars.HelperOptions) => field(`pages:${partOf(id, options).id}`, '999–999'),
  /**
   * Bates ids of some pages of an attached part, as a case cites them ("2-3, 5" → PA-1-0012–0013, PA-1-0015),
   * filled in after pagination: `{{batesPages "attachment-2" "2-3, 5"}}`.
   */
  batesPages: (id: unknown, pages: unknown, options: Handlebars.HelperOptions) => {
    const part = partOf(id, options).id;
    const sample = (options.data.root as { packet?: { batesSample?: string } }).packet?.batesSample ?? 'XXXXXXXXXXXX-0000–0000';
    const runs = String(pages ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    return new Handlebars.SafeString(runs.map((r) => field(`bates-pages:${part}:${r}`, sample).toString()).join(', '));
  },
  /** Bates ids of a part of the packet, e.g. PA-2026-0142-0009–0011, filled in after pagination. */
  bates: (id: unknown, options: Handlebars.HelperOptions) =>
    field(`bates:${partOf(id, options).id}`, (options.data.root as { packet?: { batesSample?: string } }).packet?.batesSample ?? 'XXXXXXXXXXXX-0000–0000'),
};
