// `authpack fhir …`: registers the FHIR subcommands; each loads its code (and the FHIR definitions) only when run.
import type { Command, Option } from 'commander';
import type { CommandContext } from '../program.js';
import type { FhirImportFlags } from './fhir-import.js';

type Run = (fn: (c: CommandContext) => Promise<number> | number) => () => Promise<void>;

/** Registers `fhir import` on the `fhir` command. */
export function registerFhirImport(fhir: Command, run: Run, formatOption: () => Option): void {
  fhir
    .command('import')
    .description("map an EHR's FHIR R4 export (Bundle or NDJSON) to a case file; lists what FHIR cannot supply")
    .argument('<bundle>', 'FHIR R4 Bundle (.json) or NDJSON of resources')
    .option('-o, --output <file>', 'where to write the case YAML (default: standard output)')
    .option('--with <file>', 'a case fragment (YAML/JSON) with what FHIR cannot carry: caseId, payer, narrative, signature')
    .option('--report <file>', 'write a JSON report of what was mapped from which resource, what was ignored, and the gaps')
    .option('--overwrite', 'replace existing output files')
    .addOption(formatOption())
    .action((file: string, opts: FhirImportFlags) => run(async (c) => (await import('./fhir-import.js')).fhirImportCommand(file, opts, c))());
}
