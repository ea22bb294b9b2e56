// The commander program: parses flags, calls the library, reports diagnostics, and returns an exit code.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BATES_PREFIX_RULE, isBatesPrefix } from '../format/bates.js';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import type { DiagnosticFormat } from '../diagnostics/format-diagnostics.js';
import { packageVersion } from '../package-root.js';
import { parsePacketDate, resolvePacketDate } from '../packet-date.js';
import type { BatchFlags } from './commands/batch.js';
import type { CheckFlags } from './commands/check.js';
import type { ReportFlags, StatusFlags, SubmitFlags, WorkFlags } from './commands/queue.js';
import type { ServeFlags } from './commands/serve.js';
import { registerFhirImport } from './commands/fhir.js';
import { registerFhirExport } from './commands/register-fhir-export.js';
import type { ValidateFlags } from './commands/validate.js';
import { createReporter, type Reporter } from './report.js';

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface CommandContext {
  io: CliIO;
  reporter: Reporter;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIO = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }): Promise<number> {
  let code: number = ExitCode.ok;
  let reporter = createReporter('human', io);
  const program = new Command('authpack')
    .description('Turn a prior-authorization case file into a complete, payer-ready PDF packet.')
    .version(packageVersion(), '-V, --version')
    .addOption(new Option('--format <format>', 'how diagnostics are printed').choices(['human', 'json']).default('human'))
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride()
    .hook('preAction', (cmd, action) => {
      const format = action.opts<{ format?: DiagnosticFormat }>().format ?? cmd.opts<{ format: DiagnosticFormat }>().format;
      // `render -o -` owns stdout (the PDF): the JSON diagnostics go to stderr instead.
      const pdfOnStdout = action.name() === 'render' && action.opts<{ output?: string }>().output === '-';
      reporter = createReporter(format, pdfOnStdout ? { ...io, out: io.err } : io);
      // A bad SOURCE_DATE_EPOCH is a usage error before any work starts (batch would otherwise fail every case).
      if (action.options.some((o) => o.long === '--date') && action.opts<{ date?: string }>().date === undefined) resolvePacketDate();
    });
  const formatOption = () => new Option('--format <format>', 'how diagnostics are printed').choices(['human', 'json']);
  const ctx = (): CommandContext => ({ io, reporter });
  const run = (fn: (c: CommandContext) => Promise<number> | number) => async () => {
    code = await fn(ctx());
  };

  // Each command's definition, registered only when it is the one run (a cold start builds one, not twelve);
  // everything else (help, an unknown command and its suggestion) sees them all.
  const commands: Record<string, () => void> = {
    validate: () => {
      program
        .command('validate')
        .description('check case files against the case format; exit 3 if any is invalid')
        .argument('<case...>', 'case files (.yaml, .yml, .json), or - for stdin')
        .option('--date <iso>', 'the day to check dates against (default: SOURCE_DATE_EPOCH, else today)', dateArgument)
        .option('--payers <dir>', 'an extra folder of payer profiles (repeatable)', collect)
        .option('--allow-outside', "accept attachments outside the case file's folder")
        .addOption(attachmentsOption())
        .addOption(formatOption())
        .action((cases: string[], opts: ValidateFlags) => run(async (c) => (await import('./commands/validate.js')).validateCommand(cases, opts, c))());
    },
    render: () => {
      const render = program
        .command('render')
        .description('validate and preflight-check a case, then render its PDF packet')
        .argument('<case>', 'case file (.yaml, .yml, .json), or - for stdin')
        .option('-o, --output <file>', 'where to write the PDF (default: <caseId>.pdf); - for standard output')
        .option('--overwrite', 'replace an existing -o file even if it is not a PDF (never the case file or an attachment)')
        .option('--payer <id>', "payer profile to use instead of the case's `payer`")
        .option('--date <iso>', 'packet date (default: SOURCE_DATE_EPOCH, else now); fixes the output bytes', dateArgument);
      packetOptions(render)
        .option('--bates-prefix <prefix>', 'prefix of the Bates page ids (default: the case ID)', parseBatesPrefix)
        .option('--split', "over the payer's page or size budget, write numbered parts instead of failing")
        .option('--fhir <file>', 'also write the Da Vinci PAS request Bundle (JSON) carrying the packet')
        .addOption(formatOption())
        .action((file: string, opts: RenderFlags) => run(async (c) => (await import('./commands/render.js')).renderCommand(file, opts, c))());
    },
    batch: () => {
      const batch = program
        .command('batch')
        .description('render many cases (files, folders, NDJSON, CSV) on all cores into a folder, with a run report')
        .argument('<input...>', 'case files, folders of case files, .ndjson/.jsonl (a case a line) or .csv (a case a row)')
        .requiredOption('-o, --output <dir>', 'output folder (packets, report.json, report.csv)')
        .option('--concurrency <n>', 'worker threads (default and most: the CPU count, less if memory is short)', parsePositiveInt)
        .option('--names <template>', 'output file names, e.g. "{caseId}.pdf" or "{payer}/{caseId}.pdf"', '{caseId}.pdf')
        .option('--resume', 'skip cases whose packet is in place and made from the same case, files and options; render the rest')
        .option('--overwrite', 'replace existing packets')
        .option('--quiet', 'no progress output')
        .option('--case-timeout <seconds>', 'stop a case that renders longer than this (default 120)', parsePositive)
        .option('--date <iso>', 'packet date for every case; fixes the output bytes', dateArgument);
      packetOptions(batch)
        .addOption(formatOption())
        .action((inputs: string[], opts: BatchFlags) => run(async (c) => (await import('./commands/batch.js')).batchCommand(inputs, opts, c))());
    },
    check: () => {
      program
        .command('check')
        .description('preflight denial checks against the payer profile; exit 4 if any error remains')
        .argument('<case...>', 'case files (.yaml, .yml, .json), or - for stdin')
        .option('--payer <id>', "payer profile to use instead of the case's `payer`")
        .option('--payers <dir>', 'an extra folder of payer profiles (repeatable)', collect)
        .option('--strict', 'treat warnings as errors')
        .option('--allow-outside', "accept attachments outside the case file's folder")
        .option('--max-attachment-mb <mb>', 'largest accepted attachment, in MB (default 25)', parsePositive)
        .option('--max-attachment-pages <n>', 'most pages in one attached PDF (default 1000)', parsePositiveInt)
        .option('--date <iso>', 'the day to check against (default: SOURCE_DATE_EPOCH, else today)', dateArgument)
        .addOption(attachmentsOption())
        .addOption(formatOption())
        .action((cases: string[], opts: CheckFlags) => run(async (c) => (await import('./commands/check.js')).checkCommand(cases, opts, c))());
    },
    payers: () => {
      const payers = program
        .command('payers')
        .description('list the payer profiles (`payers show ID` prints one)')
        .option('--payers <dir>', 'an extra folder of payer profiles (repeatable)', collect)
        .action((opts: { payers?: string[] }) => run(async (c) => (await import('./commands/payers.js')).payersListCommand(opts, c))());
      payers
        .command('show')
        .description('print one payer profile')
        .argument('<id>', 'payer profile id')
        .option('--payers <dir>', 'an extra folder of payer profiles (repeatable)', collect)
        .action((id: string, opts: { payers?: string[] }) => run(async (c) => (await import('./commands/payers.js')).payersShowCommand(id, { payers: [...(opts.payers ?? []), ...(payers.opts<{ payers?: string[] }>().payers ?? [])] }, c))());
    },
    'form-fields': () => {
      program
        .command('form-fields')
        .description("list a PDF form's fields and their types, to write a payer form map")
        .argument('<form>', 'the fillable PDF form')
        .addOption(formatOption())
        .action((file: string) => run(async (c) => (await import('./commands/form-fields.js')).formFieldsCommand(file, c))());
    },
    schema: () => {
      program
        .command('schema')
        .description('print the case format as JSON Schema')
        .action(() => run(async (c) => (await import('./commands/schema.js')).schemaCommand(c))());
    },
    init: () => {
      program
        .command('init')
        .description('print a commented starter case to fill in')
        .addOption(new Option('--kind <kind>', 'what is requested: a device (HCPCS), a drug (NDC) or a procedure (CPT)').choices(['device', 'drug', 'procedure']).default('device'))
        .action((opts: { kind: 'device' | 'drug' | 'procedure' }) => run(async (c) => (await import('./commands/init.js')).initCommand(opts, c))());
    },
    serve: () => {
      program
        .command('serve')
        .description('the workbench (a browser page) and the HTTP API, on this machine only unless --host says otherwise')
        .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 8080)
        .option('--host <address>', 'address to bind; any other than loopback needs a token', '127.0.0.1')
        .option('--token-file <file>', 'file whose first line is the access token (else AUTHPACK_TOKEN)')
        .option('--workers <n>', 'render worker threads (default: the CPU count, less if memory is short)', parsePositiveInt)
        .option('--queue <n>', 'renders that may wait for a worker (with --redis: renders in the queue at once); beyond, 503 with Retry-After (default 32)', parseNonNegativeInt)
        .option('--max-body <size>', 'largest request body, attachments included (e.g. 25mb)', parseSize, parseSize('25mb'))
        .option('--render-timeout <duration>', 'longest a packet may render (e.g. 30s)', parseDuration, parseDuration('30s'))
        .option('--payers <dir>', 'an extra folder of payer profiles (repeatable)', collect)
        .option('--templates <dir>', 'a folder of templates that override the shared and payer ones (repeatable)', collect)
        .option('--date <iso>', 'packet date for every render (default: SOURCE_DATE_EPOCH, else now)', dateArgument)
        .option('--redis <url>', 'render through the job queue on this Redis (`authpack queue work` renders); redis:// or rediss:// (default: AUTHPACK_REDIS_URL)')
        .option('--redis-ca <file>', 'PEM file of a private certificate authority, for rediss:// (default: AUTHPACK_REDIS_CA)')
        .option('--queue-name <name>', 'with --redis: the queue name (default authpack)')
        .option('--shared <dir>', 'with --redis (required): a folder every queue worker sees at the same path; request files pass through it')
        .action((opts: ServeFlags) => run(async (c) => (await import('./commands/serve.js')).serveCommand(opts, c))());
    },
    queue: () => {
      const queue = program.command('queue').description('batch runs on a Redis job queue (BullMQ): workers on many hosts, one shared output folder');
      const redisOptions = (c: Command) =>
        c
          .option('--redis <url>', 'redis://[user:password@]host:port[/db], or rediss:// for TLS (default: AUTHPACK_REDIS_URL, which keeps a password out of the process list)')
          .option('--redis-ca <file>', 'PEM file of a private certificate authority, for rediss:// (default: AUTHPACK_REDIS_CA)')
          .option('--queue <name>', 'queue name (default authpack)')
          .addOption(formatOption());
      const submit = redisOptions(
        queue
          .command('submit')
          .description('validate cases (files, folders, NDJSON, CSV) and queue one job per case; prints the run id')
          .argument('<input...>', 'case files, folders of case files, .ndjson/.jsonl or .csv')
          .requiredOption('--output <dir>', 'shared output folder every worker sees at the same path (packets and report rows)')
          .option('--names <template>', 'output file names, e.g. "{caseId}.pdf" or "{payer}/{caseId}.pdf"', '{caseId}.pdf')
          .option('--overwrite', 'replace packets already in the output folder that this run did not write')
          .option('--attempts <n>', 'attempts for a job whose worker crashes (default 3); invalid cases are never retried', parsePositiveInt)
          .option('--date <iso>', 'packet date for every case; fixes the output bytes (default: SOURCE_DATE_EPOCH, else now)', dateArgument),
      );
      packetOptions(submit).action((inputs: string[], opts: SubmitFlags) => run(async (c) => (await import('./commands/queue.js')).queueSubmitCommand(inputs, opts, c))());
      redisOptions(
        queue
          .command('work')
          .description('a worker: render queued jobs on this host until SIGTERM or Ctrl-C')
          .option('--concurrency <n>', 'render threads and jobs at once (default: the CPU count, less if memory is short)', parsePositiveInt)
          .option('--case-timeout <seconds>', 'stop a case that renders longer than this (default 120)', parsePositive)
          .option('--stall-timeout <seconds>', "take over a job whose worker stopped answering after this long (default 30)", parsePositive)
          .option('--quiet', 'no progress lines'),
      ).action((opts: WorkFlags) => run(async (c) => (await import('./commands/queue.js')).queueWorkCommand(opts, c))());
      redisOptions(
        queue
          .command('status')
          .description("a run's progress: waiting, active, done, failed")
          .argument('<run>', 'the run id printed by submit')
          .option('--wait', 'wait until the run is finished; exit 0 if every case was written, 7 if any failed')
          .option('--timeout <seconds>', 'with --wait: give up after this long', parsePositive),
      ).action((runId: string, opts: StatusFlags) => run(async (c) => (await import('./commands/queue.js')).queueStatusCommand(runId, opts, c))());
      redisOptions(
        queue
          .command('report')
          .description("write a finished run's report.json and report.csv, as batch writes them, in input order")
          .argument('<run>', 'the run id printed by submit')
          .requiredOption('-o, --output <dir>', 'folder for report.json and report.csv'),
      ).action((runId: string, opts: ReportFlags) => run(async (c) => (await import('./commands/queue.js')).queueReportCommand(runId, opts, c))());
    },
    fhir: () => {
      const fhir = program.command('fhir').description('FHIR R4: import a case from an EHR export, export a Da Vinci PAS request bundle');
      registerFhirImport(fhir, run, formatOption);
      registerFhirExport(fhir, run, formatOption, { dateArgument, collect });
    },
    demo: () => {
      program
        .command('demo')
        .description('render every bundled sample into a folder, and import and render the FHIR samples')
        .option('--out <dir>', 'output folder', 'out')
        .option('--date <iso>', "packet date for all samples (default: each sample's signature date)", dateArgument)
        .addOption(formatOption())
        .action((opts: { out: string; date?: string }) => run(async (c) => (await import('./commands/demo.js')).demoCommand(opts, c))());
    },
  };
  const named = commandName(argv);
  if (named !== undefined && Object.hasOwn(commands, named)) commands[named]!();
  else for (const register of Object.values(commands)) register();

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.ok;
      return ExitCode.usage;
    }
    if (err instanceof PacketError) {
      reporter.diagnostics(err.diagnostics);
      reporter.finish();
      return err.exitCode;
    }
    io.err(`authpack: internal error (this is a bug; please report it with the command you ran):\n${(err as Error)?.stack ?? String(err)}`);
    return ExitCode.internal;
  }
  reporter.finish();
  return code;
}

export interface RenderFlags {
  output?: string;
  overwrite?: boolean;
  payer?: string;
  payers?: string[];
  templates?: string[];
  date?: string;
  force?: boolean;
  attachments?: 'merge' | 'list';
  allowOutside?: boolean;
  maxAttachmentMb?: number;
  maxAttachmentPages?: number;
  batesPrefix?: string;
  split?: boolean;
  fhir?: string;
}

/** The command `argv` names: its first word that is not an option (`--format json check x.yaml` names `check`). */
function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--format') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Every --date goes through this: an impossible day (2026-02-30) is a UsageError (exit 2) printed as a diagnostic
 * like every other problem, never a roll-over to another day. */
function dateArgument(value: string): string {
  parsePacketDate(value);
  return value;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number above 0.');
  return n;
}

function parseNonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return n;
}

/** "25mb", "512kb", "1gb" or a number of bytes. */
function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError('expected a size such as 25mb, 512kb or a number of bytes.');
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const n = Math.round(Number(m[1]) * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[unit]!);
  if (n < 1024) throw new InvalidArgumentError('expected at least 1kb.');
  return n;
}

/** "30s", "500ms", "2m" or a number of seconds, in milliseconds. */
function parseDuration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError('expected a duration such as 30s, 500ms or 2m.');
  const ms = Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[(m[2] ?? 's').toLowerCase()]!;
  if (ms < 100) throw new InvalidArgumentError('expected at least 100ms.');
  return Math.round(ms);
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

/** The options that shape a packet, shared by `render` and `batch`. */
function packetOptions(command: Command): Command {
  return command
    .option('--payers <dir>', 'an extra folder of payer profiles (repeatable)', collect)
    .option('--templates <dir>', 'a folder of templates that override the shared and payer ones (repeatable)', collect)
    .option('--force', 'render even when preflight finds errors; every page is marked DRAFT')
    .addOption(attachmentsOption())
    .option('--allow-outside', "accept attachments outside the case file's folder")
    .option('--max-attachment-mb <mb>', 'largest accepted attachment, in MB (default 25)', parsePositive)
    .option('--max-attachment-pages <n>', 'most pages in one attached PDF (default 1000)', parsePositiveInt);
}

/** `list`: the attachments are sent separately; validate and check then do not look for their files either. */
function attachmentsOption(): Option {
  return new Option('--attachments <mode>', 'merge the attachments into the packet, or only list them as sent separately').choices(['merge', 'list']).default('merge');
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseBatesPrefix(value: string): string {
  if (!isBatesPrefix(value)) throw new InvalidArgumentError(`expected ${BATES_PREFIX_RULE} (it is printed on every page).`);
  return value;
}
