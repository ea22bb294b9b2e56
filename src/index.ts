// authpack's public API: a handful of functions and types; everything else is internal.
export { generatePacket, type GenerateOptions, type PacketResult } from './generate-packet.js';
export { validateCase, type ValidateOptions, type ValidationResult } from './validate/validate-case.js';
export { loadCase, parseCaseText, type LoadedCase } from './load/load-case.js';
export { writePacket, type WriteOptions, type ProtectedFile } from './write/write-packet.js';
export { caseJsonSchema } from './validate/case-json-schema.js';
export { formatDiagnostics, type DiagnosticFormat } from './diagnostics/format-diagnostics.js';
export type { Diagnostic, Severity, Place } from './diagnostics/diagnostic.js';
export { PacketError, UsageError, InputError, RenderError, OutputError, ExitCode } from './diagnostics/errors.js';
export type { Case, CaseInput } from './validate/case-schema.js';
export { listPayerIds, loadPayer } from './payers/load-payer.js';
export type { PayerProfile } from './payers/payer-schema.js';
export { runBatch, type BatchOptions, type BatchSummary } from './batch/run-batch.js';
export type { ReportRow } from './batch/report.js';
