// POST /v1/fhir/import: a FHIR R4 Bundle (JSON) or NDJSON of resources, as text, to the case it carries, the gaps
// left to fill by field, the mapping report, and the attachments it carried inline (base64, at the paths the case
// gives them). The same steps as `authpack fhir import`; nothing is written and no file is read.
import path from 'node:path';
import { InputError } from '../diagnostics/errors.js';
import { checkStructure } from '../fhir/check-structure.js';
import { importFhir } from '../fhir/import-fhir.js';
import { openGaps } from '../fhir/merge-companion.js';
import { parseFhirText } from '../fhir/read-fhir.js';
import type { ImportResultBody } from './api-schemas.js';

const NAME = '<request body>';
const TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg' };

/** `folder` stands for where the case would be: relative attachment URLs in the bundle are kept relative to it. */
export function importFhirText(text: string, folder: string): ImportResultBody {
  const resources = parseFhirText(text.replace(/^\uFEFF/, ''), NAME);
  checkStructure(resources, NAME);
  if (resources.every((r) => r.container)) {
    throw new InputError([{ code: 'fhir/empty', severity: 'error', message: 'The FHIR data sent holds no resources.', hint: "Export the patient's chart (Patient, Coverage, Condition, the request …) as a Bundle." }]);
  }
  const { draft, report, inline } = importFhir(resources, { bundleDir: folder, caseDir: folder, inlineDir: 'fhir-attachments' });
  const gaps = openGaps(report, draft);
  return {
    case: draft,
    gaps: gaps.map((g) => ({ path: toPath(g.field), field: g.field, message: `\`${g.field}\` is left to fill: ${g.reason}.` })),
    report: { ...report, gaps },
    attachments: inline.map((f) => ({ file: f.file, contentType: TYPES[path.extname(f.file).toLowerCase()] ?? 'application/octet-stream', data: Buffer.from(f.bytes).toString('base64') })),
  };
}

/** `priorTherapies[2].outcome` → ['priorTherapies', 2, 'outcome'] (the diagnostics' path form). */
function toPath(field: string): (string | number)[] {
  return field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
