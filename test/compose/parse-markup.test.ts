import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../src/compose/parse-markup.js';

describe('parseMarkup', () => {
  it('turns the HTML subset into blocks with styled runs', () => {
    const { tree, diagnostics } = parseMarkup(
      '<section data-title="Letter"><h2>Title</h2><p class="small">A <strong>bold</strong> and <em>italic</em><br>next <span class="nobreak">W123-45</span></p>' +
        '<ul><li>one</li><li>two</li></ul><dl data-columns="2"><dt>DOB</dt><dd>04/02/1961</dd></dl>' +
        '<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>' +
        '<div class="keep"><p>k</p></div><div class="signature"><p>s</p></div><div class="page-break"></div><hr></section>',
    );
    expect(diagnostics).toEqual([]);
    const section = tree.blocks[0];
    expect(section?.kind).toBe('section');
    if (section?.kind !== 'section') return;
    expect(section.title).toBe('Letter');
    expect(section.children.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'fields', 'table', 'keep', 'signature', 'page-break', 'rule']);
    const p = section.children[1];
    if (p?.kind !== 'paragraph') throw new Error('paragraph expected');
    expect(p.style.size).toBe('small');
    expect(p.runs).toEqual([
      { text: 'A ' },
      { text: 'bold', bold: true },
      { text: ' and ' },
      { text: 'italic', italic: true },
      { text: '\nnext ' },
      { text: 'W123-45', noBreak: true },
    ]);
  });

  it('decodes entities, so escaped case data prints exactly as typed', () => {
    const { tree } = parseMarkup('<p>a &lt; b &amp;&amp; {{x}} &lt;/table&gt;</p>');
    expect(tree.blocks[0]).toMatchObject({ kind: 'paragraph', runs: [{ text: 'a < b && {{x}} </table>' }] });
  });

  it('reports elements it cannot lay out', () => {
    const { diagnostics } = parseMarkup('<p>ok</p><img src="x.png"><div class="fancy">x</div>');
    expect(diagnostics.map((d) => d.code)).toEqual(['compose/unsupported-markup', 'compose/unsupported-markup']);
    expect(diagnostics[0]?.message).toContain('<img>');
    expect(diagnostics[0]?.hint).toContain('div.keep');
  });
});
