// The ToUnicode CMap of a subset font: maps each 2-byte glyph code back to its character for copy and search.

/** `codePoints[id]` is the character drawn with subset glyph `id` (holes are glyphs never drawn for text). */
export function toUnicodeCmap(codePoints: readonly (number | undefined)[]): string {
  const entries: string[] = [];
  codePoints.forEach((cp, id) => {
    if (cp !== undefined) entries.push(`<${hex4(id)}> <${utf16Hex(cp)}>`);
  });
  // A bfchar block holds at most 100 entries (PDF 32000-1, 9.10.3; Adobe technical note #5411).
  let blocks = '';
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks += `${block.length} beginbfchar\n${block.join('\n')}\nendbfchar\n`;
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <<\n  /Registry (Adobe)\n  /Ordering (UCS)\n  /Supplement 0\n>> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n' +
    blocks +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend'
  );
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** UTF-16BE in hex: one unit for the BMP, a surrogate pair above it. */
function utf16Hex(cp: number): string {
  if (cp < 0x10000) return hex4(cp);
  const v = cp - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}
