// The appeal's parts plan on its own: order, enclosure numbering, the re-issued letter, the sheets that depend on
// the case, and listed (not merged) attachments.
import { describe, expect, it } from 'vitest';
import { planParts } from '../../src/plan/plan-parts.js';
import { validateCase } from '../../src/validate/validate-case.js';
import type { Case } from '../../src/validate/case-schema.js';
import { TODAY, type RawCase } from '../support/build-case.js';
import { buildAppealCase } from './appeal-case.js';

function plan(raw: RawCase, merged = true) {
  const v = validateCase(raw, { today: TODAY });
  if (!v.case) throw new Error(JSON.stringify(v.diagnostics));
  const c: Case = v.case;
  return planParts(c, { order: c.attachments.map((_, i) => i), merged });
}

describe('appeal parts plan', () => {
  it('numbers the denial letter, the re-issued letter and the history as enclosures 1-3', () => {
    const p = plan(buildAppealCase());
    expect(p.parts.map((x) => x.id).slice(0, 6)).toEqual(['cover', 'index', 'appeal-letter', 'attachment-0', 'letter', 'history']);
    expect(p.enclosures.slice(0, 3).map((e) => [e.n, e.kind])).toEqual([[1, 'denial-letter'], [2, 'letter'], [3, 'history']]);
    expect(p.parts.find((x) => x.id === 'letter')!.caption).toBe('Enclosure 2: Letter of medical necessity (re-issued with this appeal)');
  });

  it('adds the peer-to-peer sheet and the representative page after the appeal letter only when asked for', () => {
    expect(plan(buildAppealCase()).parts.map((x) => x.id)).not.toContain('p2p');
    const p = plan(buildAppealCase((c) => {
      c.denial.remedies = ['peer-to-peer'];
      c.representative = { name: 'Maria Example', relationship: 'daughter' };
    }));
    expect(p.parts.map((x) => x.id).slice(2, 5)).toEqual(['appeal-letter', 'p2p', 'representative']);
    expect(p.parts.find((x) => x.id === 'p2p')!.enclosure).toBeUndefined();
  });

  it('lists attachments sent separately as enclosures without parts, and says which numbers they are', () => {
    const p = plan(buildAppealCase(), false);
    expect(p.parts.map((x) => x.id)).toEqual(['cover', 'index', 'appeal-letter', 'letter', 'history']);
    expect(p.records).toEqual({ count: 9, numbers: '1, 4–11' });
    expect(p.enclosures.filter((e) => !e.inPacket)).toHaveLength(9);
  });
});
