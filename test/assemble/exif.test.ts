// Phone photos of pages: a JPEG's EXIF orientation turns it upright, like a PDF page's /Rotate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exifRotation } from '../../src/assemble/load-attachments.js';
import { ROOT } from '../support/build-case.js';
import { withOrientation } from '../support/jpeg-exif.js';
import { planPacket } from '../../src/assemble/plan-packet.js';
import { LETTER } from '../../src/layout/typography.js';
import { mono } from '../support/fake-measurer.js';

describe('EXIF orientation', () => {
  const jpeg = new Uint8Array(readFileSync(path.join(ROOT, 'test', 'fixtures', 'attachments', 'tiny.jpg')));
  it.each([
    [1, 0],
    [3, 180],
    [6, 90],
    [8, 270],
  ])('orientation %i turns the image %i° clockwise', (orientation, degrees) => {
    expect(exifRotation(withOrientation(jpeg, orientation))).toBe(degrees);
    expect(exifRotation(withOrientation(jpeg, orientation, true))).toBe(degrees);
  });
  it('leaves a JPEG without EXIF as it is', () => {
    expect(exifRotation(jpeg)).toBe(0);
  });
});

describe('fitting a turned image', () => {
  it('fits a landscape photo turned 90° as a portrait box inside the margins', () => {
    const identity = { patientName: 'A B', dateOfBirth: '01/01/1960', memberId: 'M1', payerName: 'P', caseId: 'C1', confidentiality: 'x' };
    const plan = planPacket([], [{ id: 'attachment-0', title: 'Photo', kind: 'attachment', source: 0, pages: [{ width: 600, height: 400, rotation: 90 }], isImage: true }], { parts: [{ id: 'attachment-0', kind: 'attachment', number: 1, title: 'Photo', enclosure: 1, caption: 'Enclosure 1: Photo' }], identity, geometry: LETTER, measurer: mono, batesPrefix: 'C1', draft: false });
    const item = plan.pages[0]!.items.find((i) => i.kind === 'external')!;
    if (item.kind !== 'external') throw new Error('no image');
    expect(item.rotation).toBe(90);
    expect(item.height / item.width).toBeCloseTo(600 / 400, 5);
    expect(item.x).toBeGreaterThanOrEqual(LETTER.marginLeft);
    expect(item.y + item.height).toBeLessThanOrEqual(LETTER.bodyBottom + 1e-6);
  });
});
