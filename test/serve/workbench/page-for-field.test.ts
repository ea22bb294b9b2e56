// The preview shows the page that prints the field being edited.
import { describe, expect, it } from 'vitest';
import { pageShowing, partPages, type PacketPartPages } from '../../../src/serve/workbench/page-for-field.js';

const parts: PacketPartPages[] = [
  { part: 'cover', first: 1, last: 1 },
  { part: 'index', first: 2, last: 2 },
  { part: 'letter', first: 3, last: 7 },
  { part: 'history', first: 7, last: 8 },
  { part: 'attachment-1', title: 'Pathology', first: 9, last: 10 },
  { part: 'attachment-0', title: 'MRI', first: 11, last: 11 },
];

describe('page for the field being edited', () => {
  it('maps fields to the part that prints them', () => {
    expect(partPages(['patient', 'firstName'], parts)).toEqual({ first: 1, last: 1 });
    expect(partPages(['necessity', 'rationale'], parts)).toEqual({ first: 3, last: 7 });
    expect(partPages(['priorTherapies', 2, 'outcome'], parts)).toEqual({ first: 7, last: 8 });
    // Parts are named by the attachment's place in the case's list, not by their order in the packet.
    expect(partPages(['attachments', 0, 'title'], parts)).toEqual({ first: 11, last: 11 });
    expect(partPages(['attachments', 1, 'kind'], parts)).toEqual({ first: 9, last: 10 });
    expect(partPages([], [])).toBeUndefined();
  });

  it('falls back to the letter when a part is absent (no prior therapies: no history part)', () => {
    expect(partPages(['priorTherapies', 0, 'name'], parts.filter((p) => p.part !== 'history'))).toEqual({ first: 3, last: 7 });
  });

  it('finds the page whose text holds the last words typed, across line breaks', () => {
    const text: Record<number, string> = { 3: 'Dear reviewer', 4: 'first paragraph', 5: 'the patient has\nprogressed despite   temozolomide', 6: '', 7: '' };
    expect(pageShowing('Since 2025 the patient has progressed despite temozolomide', { first: 3, last: 7 }, (p) => text[p] ?? '')).toBe(5);
    expect(pageShowing('words not in the packet', { first: 3, last: 7 }, (p) => text[p] ?? '')).toBe(3);
    expect(pageShowing('', { first: 3, last: 7 }, (p) => text[p] ?? '')).toBe(3);
  });
});
