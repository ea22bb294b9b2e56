// The server's render task, run in the batch's worker threads (piscina, export name `renderInMemory`): one case to
// a packet kept in memory (no file), or to the Da Vinci PAS bundle that carries it. Returns plain data only:
// structured clone drops Error prototypes, so diagnostics travel as objects and the failure as its exit code.
import { createHash } from 'node:crypto';
import type { PacketPart } from '../assemble/plan-packet.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import { exportPas } from '../fhir/export-pas.js';
import { generatePacket, type GenerateOptions } from '../generate-packet.js';
import { resolvePacketDate } from '../packet-date.js';

export interface RenderTask {
  raw: unknown;
  /** The request's private folder holding the uploaded attachments. */
  baseDir: string;
  options: Pick<GenerateOptions, 'payerDirs' | 'templateDirs' | 'force'> & { date?: string };
  /** Answer the PAS request bundle instead of the PDF. */
  fhir?: boolean;
}

export type RenderOutcome =
  | { status: 'ok'; caseId: string; pdf?: Uint8Array; fhir?: string; pages: number; sha256: string; draft: boolean; parts: PartRange[]; diagnostics: Diagnostic[]; ms: number }
  | { status: 'failed'; exitCode: number; diagnostics: Diagnostic[]; ms: number };

export interface PartRange {
  part: string;
  title: string;
  kind: PacketPart['kind'];
  first: number;
  last: number;
}

export async function renderInMemory(task: RenderTask): Promise<RenderOutcome> {
  const start = performance.now();
  const ms = () => Math.round(performance.now() - start);
  try {
    const date = resolvePacketDate(task.options.date);
    const result = await generatePacket(task.raw, { ...task.options, date, baseDir: task.baseDir });
    const sha256 = createHash('sha256').update(result.bytes).digest('hex');
    const parts = result.parts.map((p) => ({ part: p.id, title: p.title, kind: p.kind, first: p.first, last: p.last }));
    const diagnostics = result.diagnostics.filter((d) => d.severity !== 'info');
    const base = { status: 'ok' as const, caseId: result.case.caseId, pages: result.pages, sha256, draft: result.draft, parts };
    if (task.fhir) {
      const pas = await exportPas(result, { date, baseDir: task.baseDir, ...(task.options.payerDirs ? { payerDirs: task.options.payerDirs } : {}) });
      return { ...base, fhir: pas.json, diagnostics: [...diagnostics, ...pas.diagnostics], ms: ms() };
    }
    return { ...base, pdf: result.bytes, diagnostics, ms: ms() };
  } catch (err) {
    if (err instanceof PacketError) return { status: 'failed', exitCode: err.exitCode, diagnostics: err.diagnostics.map((d) => ({ ...d })), ms: ms() };
    // The message of an unexpected error may quote case data: only its kind and stack frames leave the worker.
    const stack = (err as Error)?.stack?.split('\n').slice(1).join('\n') ?? '';
    return { status: 'failed', exitCode: ExitCode.internal, diagnostics: [{ code: 'serve/internal-error', severity: 'error', message: `Internal error (a bug in authpack): ${(err as Error)?.name ?? 'error'}\n${stack}` }], ms: ms() };
  }
}
