import { describe, expect, it } from 'vitest';
import { ageOn, daysBetween, enumLabel, formatDate, formatLongDate, formatPhone, formatHelpers, fullName } from '../../src/compose/helpers/format-helpers.js';

describe('template helpers', () => {
  it('formats dates for US payer forms and letters', () => {
    expect(formatDate('2026-11-20')).toBe('11/20/2026');
    expect(formatLongDate('2026-11-20')).toBe('November 20, 2026');
    expect(daysBetween('2026-08-20', '2026-10-27')).toBe(68);
    expect(ageOn('1961-04-02', '2026-04-01')).toBe(64);
    expect(ageOn('1961-04-02', '2026-04-02')).toBe(65);
  });

  it('formats North American phone numbers and leaves others as typed', () => {
    expect(formatPhone('+1 555 010 0200')).toBe('(555) 010-0200');
    expect(formatPhone('555.010.0200 ext. 12')).toBe('(555) 010-0200 ext. 12');
    expect(formatPhone('+44 20 7946 0000')).toBe('+44 20 7946 0000');
  });

  it('builds names, labels and plurals', () => {
    expect(fullName({ firstName: 'José', middleName: 'A', lastName: 'Núñez-Łukasz', suffix: 'Jr.' })).toBe('José A Núñez-Łukasz, Jr.');
    expect(enumLabel('operative-note')).toBe('Operative note');
    const plural = formatHelpers.plural as (...a: unknown[]) => string;
    const options = { hash: {}, data: {} };
    expect(plural(1, 'month', options)).toBe('1 month');
    expect(plural(3, 'month', options)).toBe('3 months');
    expect(plural(2, 'diagnosis', 'diagnoses', options)).toBe('2 diagnoses');
  });

  it('turns blank-line separated text into escaped paragraphs', () => {
    const paragraphs = formatHelpers.paragraphs as (t: string) => { toString(): string };
    expect(paragraphs('One <b>\nwrapped.\n\nTwo.').toString()).toBe('<p>One &lt;b&gt; wrapped.</p><p>Two.</p>');
  });
});
