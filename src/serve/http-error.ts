// The API's one error shape, and the HTTP status that fits each failure: a PacketError keeps its diagnostics, and
// its kind (input, preflight, render) chooses the status the way its exit code does for the CLI.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode, PacketError } from '../diagnostics/errors.js';

export interface ErrorBody {
  error: { code: string; message: string; diagnostics: Diagnostic[]; requestId?: string };
}

/** A failure the client can act on, with its HTTP status (and headers such as Retry-After). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly diagnostics: Diagnostic[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The HTTP form of a PacketError: 400 a body that is not a readable case (load/*: not JSON/YAML, too deep or too
 * many values), 413 too large, 422 invalid case / preflight / unusable
 * attachment, 500 anything the user cannot fix. */
export function fromPacketError(err: PacketError): HttpError {
  const first = err.diagnostics.find((d) => d.severity === 'error') ?? err.diagnostics[0];
  const code = first?.code ?? 'serve/failed';
  const message = first?.message ?? err.message;
  if (first && first.code === 'load/too-large') return new HttpError(413, code, message, err.diagnostics);
  if (first && first.code.startsWith('load/')) return new HttpError(400, code, message, err.diagnostics);
  switch (err.exitCode) {
    case ExitCode.inputInvalid:
    case ExitCode.preflightBlocked:
    case ExitCode.renderFailed:
    case ExitCode.usage:
      return new HttpError(422, code, message, err.diagnostics);
    default:
      return new HttpError(500, code, message, err.diagnostics);
  }
}

export function errorBody(err: HttpError, requestId?: string): ErrorBody {
  return { error: { code: err.code, message: err.message, diagnostics: err.diagnostics, ...(requestId ? { requestId } : {}) } };
}
