// PacketError and its kinds: the failures a user can fix, each mapped to one CLI exit code.
import type { Diagnostic } from './diagnostic.js';

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  inputInvalid: 3,
  preflightBlocked: 4,
  renderFailed: 5,
  outputNotWritable: 6,
  batchPartial: 7,
  /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the user can act on. Anything thrown that is not a PacketError is a bug. */
export class PacketError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: ExitCode;
  constructor(diagnostics: Diagnostic[], exitCode: ExitCode) {
    super(diagnostics.map((d) => d.message).join('\n') || 'packet error');
    this.name = new.target.name;
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
}

/** The caller asked for something impossible: an option value (--date, SOURCE_DATE_EPOCH) that is not what it must be. */
export class UsageError extends PacketError {
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics, ExitCode.usage);
  }
}

/** The case file is missing, unreadable, unparsable, or fails validation. */
export class InputError extends PacketError {
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics, ExitCode.inputInvalid);
  }
}

/** Preflight found denial risks marked as errors; `--force` renders a DRAFT anyway. */
export class PreflightError extends PacketError {
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics, ExitCode.preflightBlocked);
  }
}

/** A template, payer profile or layout problem stopped the packet. */
export class RenderError extends PacketError {
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics, ExitCode.renderFailed);
  }
}

/** The output file could not be written. */
export class OutputError extends PacketError {
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics, ExitCode.outputNotWritable);
  }
}
