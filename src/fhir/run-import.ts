// The whole `fhir import` as a library call: read and check the FHIR file, map it, merge an optional companion
// fragment, and give back the case YAML, the inline attachment files and the report; nothing is written here.
import path from 'node:path';
import { InputError } from '../diagnostics/errors.js';
import { loadCase } from '../load/load-case.js';
import { caseYaml } from './case-yaml.js';
import { checkStructure } from './check-structure.js';
import type { ImportReport } from './import-context.js';
import { importFhir } from './import-fhir.js';
import type { InlineFile } from './map-attachments.js';
import { mergeCompanion, openGaps } from './merge-companion.js';
import { readFhirFile } from './read-fhir.js';

export interface ImportOptions {
  /** Where the case will be written (attachment paths are relative to its folder); undefined: standard output. */
  output?: string;
  /** A case fragment (YAML or JSON) with what FHIR cannot carry: the narrative, caseId, payer, signature … */
  companion?: string;
}

export interface ImportResult {
  /** The case as data (draft merged with the companion). */
  data: unknown;
  yaml: string;
  inline: InlineFile[];
  report: ImportReport;
  /** Folder the case's relative paths are relative to. */
  caseDir: string;
}

export function runImport(file: string, opts: ImportOptions = {}): ImportResult {
  const resources = readFhirFile(file);
  checkStructure(resources, file);
  if (resources.every((r) => r.container)) {
    throw new InputError([{ code: 'fhir/empty', severity: 'error', message: `The FHIR file ${file} holds no resources.`, hint: "Export the patient's chart (Patient, Coverage, Condition, the request …) as a Bundle.", place: { file } }]);
  }
  const caseDir = opts.output ? path.dirname(path.resolve(opts.output)) : process.cwd();
  const stem = opts.output ? path.basename(opts.output).replace(/\.(ya?ml|json)$/i, '') : 'fhir';
  const { draft, report, inline } = importFhir(resources, { bundleDir: path.dirname(path.resolve(file)), caseDir, inlineDir: `${stem}-attachments` });
  const data = opts.companion ? mergeCompanion(draft, loadCase(opts.companion).raw) : draft;
  const gaps = openGaps(report, data);
  const finalReport = { ...report, gaps };
  return { data, yaml: caseYaml(data, gaps, path.basename(file)), inline, report: finalReport, caseDir };
}
