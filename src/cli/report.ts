// How the CLI shows diagnostics: people get readable blocks on stderr, programs get JSON on stdout.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, type DiagnosticFormat } from '../diagnostics/format-diagnostics.js';

export interface Reporter {
  format: DiagnosticFormat;
  diagnostics(list: readonly Diagnostic[]): void;
  /** A status line for people (suppressed with --format json). */
  status(line: string): void;
  /** Flushes collected JSON diagnostics at exit. */
  finish(): void;
}

export function createReporter(format: DiagnosticFormat, io: { out: (s: string) => void; err: (s: string) => void }): Reporter {
  const collected: Diagnostic[] = [];
  return {
    format,
    diagnostics(list) {
      if (list.length === 0) return;
      if (format === 'json') collected.push(...list);
      else io.err(formatDiagnostics(list, 'human') + '\n');
    },
    status(line) {
      if (format === 'human') io.err(line);
    },
    finish() {
      if (format === 'json') io.out(JSON.stringify(collected, null, 2));
    },
  };
}
