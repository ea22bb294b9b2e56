import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { loadTemplateSet } from '../../src/compose/template-set.js';
import { RenderError } from '../../src/diagnostics/errors.js';
import { catchError } from '../support/catch-error.js';

function folder(files: Record<string, string>): string {
  const dir = makeTempDir('tpl');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const renderError = (fn: () => unknown) => catchError(RenderError, fn);

describe('loadTemplateSet', () => {
  it('escapes case data: markup typed into a field prints as text', () => {
    const set = loadTemplateSet([folder({ 'packet.hbs': '<p>{{note}}</p>' })]);
    expect(set.render('packet', { note: '</p><table>{{x}}' })).toBe('<p>&lt;/p&gt;&lt;table&gt;{{x}}</p>');
  });

  it('fails on a missing field with the template file, line and expression', () => {
    const dir = folder({ 'packet.hbs': '<p>{{> letter}}</p>', 'letter.hbs': 'Dear\n  {{patient.middleName}} x\n' });
    const err = renderError(() => loadTemplateSet([dir]).render('packet', { patient: { firstName: 'A' } }));
    const d = err.diagnostics[0]!;
    expect(d.code).toBe('compose/missing-field');
    expect(d.place?.file).toMatch(/letter\.hbs$/);
    expect(d.place?.line).toBe(2);
    expect(d.message).toContain('{{patient.middleName}}');
  });

  it('allows optional fields behind {{#if}} in strict mode', () => {
    const dir = folder({ 'packet.hbs': '{{#if patient.middleName}}{{patient.middleName}}{{else}}none{{/if}}' });
    expect(loadTemplateSet([dir]).render('packet', { patient: {} })).toBe('none');
  });

  it('names a missing partial and a syntax error', () => {
    const missing = renderError(() => loadTemplateSet([folder({ 'packet.hbs': '{{> nowhere}}' })]).render('packet', {}));
    expect(missing.diagnostics[0]?.code).toBe('compose/missing-partial');
    const syntax = renderError(() => loadTemplateSet([folder({ 'packet.hbs': 'a\n{{#if x}}never closed' })]));
    expect(syntax.diagnostics[0]).toMatchObject({ code: 'compose/template-error', place: { file: expect.stringMatching(/packet\.hbs$/) } });
  });

  it('lets a later folder override a template of the same name', () => {
    const shared = folder({ 'packet.hbs': '[{{> part}}]', 'part.hbs': 'shared' });
    const payer = folder({ 'part.hbs': 'payer' });
    expect(loadTemplateSet([shared]).render('packet', {})).toBe('[shared]');
    expect(loadTemplateSet([shared, payer]).render('packet', {})).toBe('[payer]');
  });
});
