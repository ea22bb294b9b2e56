// Writes an imported case as YAML: a header saying where it came from and listing the gaps, and each gap left as
// `null` with a `# TO FILL` comment beside it, so the coordinator (and `authpack validate`) finds every one.
import { Document, isNode, isScalar, type Node } from 'yaml';
import type { ImportReport } from './import-context.js';

export function caseYaml(data: unknown, gaps: ImportReport['gaps'], sourceName: string): string {
  const doc = new Document(data);
  const header = [
    ` Imported by \`authpack fhir import\` from ${sourceName.replace(/\n/g, ' ')}.`,
    ' Check every value against the chart before sending.',
  ];
  if (gaps.length) {
    header.push(` ${gaps.length} field${gaps.length === 1 ? '' : 's'} FHIR cannot supply are left empty (null, marked TO FILL);`, ' `authpack validate` names each until it is written:');
    for (const g of gaps) header.push(`   - ${g.field}: ${g.reason}`);
  }
  doc.commentBefore = header.join('\n');
  for (const g of gaps) {
    const node = doc.getIn(pathOf(g.field), true);
    if (isNode(node) && isScalar(node)) (node as Node).comment = ` TO FILL: ${g.reason}`;
  }
  return doc.toString({ lineWidth: 0 });
}

function pathOf(field: string): (string | number)[] {
  return field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
