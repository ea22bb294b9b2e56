// Registers `authpack fhir export` on the `fhir` command; its code (and the bundle builder) loads only when run.
import type { Command, Option } from 'commander';
import type { CommandContext } from '../program.js';
import type { FhirExportFlags } from './fhir-export.js';

type Run = (fn: (c: CommandContext) => Promise<number> | number) => () => Promise<void>;
interface Parsers {
  dateArgument: (value: string) => string;
  collect: (value: string, previous: string[] | undefined) => string[];
}

export function registerFhirExport(fhir: Command, run: Run, formatOption: () => Option, { dateArgument, collect }: Parsers): void {
  fhir
    .command('export')
    .description('render the packet and write a Da Vinci PAS request Bundle (Claim first) that carries it')
    .argument('<case>', 'case file (.yaml, .yml, .json), or - for stdin')
    .requiredOption('-o, --output <file>', 'where to write the bundle (JSON)')
    .option('--overwrite', 'replace an existing -o file even if it is not JSON (never the case file or an attachment)')
    .option('--payer <id>', "payer profile to use instead of the case's `payer`")
    .option('--payers <dir>', 'an extra folder of payer profiles (repeatable)', collect)
    .option('--templates <dir>', 'a folder of templates that override the shared and payer ones (repeatable)', collect)
    .option('--date <iso>', 'packet date (default: SOURCE_DATE_EPOCH, else now); fixes the output bytes', dateArgument)
    .option('--force', 'export even when preflight finds errors; the packet is marked DRAFT')
    .option('--allow-outside', "accept attachments outside the case file's folder")
    .addOption(formatOption())
    .action((file: string, opts: FhirExportFlags) => run(async (c) => (await import('./fhir-export.js')).fhirExportCommand(file, opts, c))());
}
