// The packet plan before layout: which parts, in what order, their numbers, and the one enclosure numbering.
import { describe, expect, it } from 'vitest';
import { planParts } from '../../src/plan/plan-parts.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, TODAY } from '../support/build-case.js';

const gbm = (change?: Parameters<typeof buildCase>[0]) => validateCase(buildCase(change), { today: TODAY }).case!;
const ids = (plan: ReturnType<typeof planParts>) => plan.parts.map((p) => p.id);

describe('planParts', () => {
  it('numbers the parts in packet order and the enclosures once: the history first, then the attachments in merge order', () => {
    const plan = planParts(gbm(), { order: [2, 0, 1], merged: true });
    expect(ids(plan)).toEqual(['cover', 'index', 'letter', 'history', 'attachment-2', 'attachment-0', 'attachment-1']);
    expect(plan.parts.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.enclosures.map((e) => [e.n, e.partId])).toEqual([[1, 'history'], [2, 'attachment-2'], [3, 'attachment-0'], [4, 'attachment-1']]);
    // The index, footers and bookmarks print the same numbers as the letter's Enclosures list.
    for (const e of plan.enclosures) expect(plan.parts.find((p) => p.id === e.partId)).toMatchObject({ enclosure: e.n, caption: `Enclosure ${e.n}: ${plan.parts.find((p) => p.id === e.partId)!.title}` });
    expect(plan.records).toEqual({ count: 3, numbers: '2–4' });
  });

  it('puts the payer form before the letter or at the end, as the profile says', () => {
    const before = planParts(gbm(), { order: [0], merged: true, formTitle: 'EHP form', formPosition: 'before-letter' });
    expect(ids(before)).toEqual(['cover', 'index', 'form', 'letter', 'history', 'attachment-0']);
    const after = planParts(gbm(), { order: [0], merged: true, formTitle: 'EHP form', formPosition: 'end' });
    expect(ids(after)).toEqual(['cover', 'index', 'letter', 'history', 'attachment-0', 'form']);
    expect(after.parts.find((p) => p.id === 'form')).toMatchObject({ number: 6, caption: 'EHP form' });
    expect(after.parts.find((p) => p.id === 'form')!.enclosure).toBeUndefined();
  });

  it('leaves the history out when no prior therapy is recorded: no part, no enclosure number', () => {
    const plan = planParts(gbm((c) => (c.priorTherapies = [])), { order: [0, 1], merged: true });
    expect(plan.hasHistory).toBe(false);
    expect(ids(plan)).toEqual(['cover', 'index', 'letter', 'attachment-0', 'attachment-1']);
    expect(plan.enclosures.map((e) => [e.n, e.partId])).toEqual([[1, 'attachment-0'], [2, 'attachment-1']]);
    expect(plan.records).toEqual({ count: 2, numbers: '1–2' });
  });

  it('lists attachments sent separately as enclosures outside the packet, numbered the same way', () => {
    const plan = planParts(gbm(), { order: [1, 0], merged: false });
    expect(ids(plan)).toEqual(['cover', 'index', 'letter', 'history']);
    expect(plan.enclosures.map((e) => [e.n, e.partId, e.inPacket])).toEqual([[1, 'history', true], [2, 'attachment-1', false], [3, 'attachment-0', false]]);
    expect(plan.records).toEqual({ count: 2, numbers: '2–3' });
  });

  it('has neither records nor a history with neither', () => {
    const plan = planParts(gbm((c) => ((c.priorTherapies = []), (c.attachments = []))), { order: [], merged: true });
    expect(plan.enclosures).toEqual([]);
    expect(plan.records).toBeUndefined();
    expect(ids(plan)).toEqual(['cover', 'index', 'letter']);
  });
});
