// The routes that take a case: /v1/validate and /v1/check (verdicts as data, 200 either way) and /v1/packets (the
// PDF, or the PAS bundle, rendered on the worker pool; 422 with the diagnostics when it cannot be made).
import path from 'node:path';
import type { Context, Hono } from 'hono';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { PacketError } from '../diagnostics/errors.js';
import type { SourceMap } from '../load/source-map.js';
import { isoDay, resolvePacketDate } from '../packet-date.js';
import { isOn, packetQuerySchema } from './api-schemas.js';
import type { AppOptions } from './create-app.js';
import { openWorkspace } from './case-workspace.js';
import { checkVerdict, validateVerdict } from './case-verdicts.js';
import { fromPacketError, HttpError } from './http-error.js';
import { readCaseBody, type CaseBody } from './read-case-body.js';

export function caseRoutes(app: Hono, o: AppOptions): void {
  const today = () => isoDay(resolvePacketDate(o.date));
  const verdict = (judge: typeof validateVerdict | typeof checkVerdict) => async (c: Context) => {
    const body = await readCaseBody(c, { multipart: true });
    const ws = body.files ? openWorkspace(body.raw, body.files) : undefined;
    try {
      const result = judge(body.raw, { today: today(), payerDirs: o.payerDirs, source: body.source, ...(ws ? { baseDir: ws.dir } : {}) });
      return c.json({ ...result, diagnostics: hideFolders(result.diagnostics, [ws?.dir ?? o.emptyDir]) });
    } finally {
      ws?.dispose();
    }
  };
  app.post('/v1/validate', verdict(validateVerdict));
  app.post('/v1/check', verdict(checkVerdict));

  app.post('/v1/packets', async (c) => {
    const query = packetQuerySchema.safeParse(c.req.query());
    if (!query.success) throw new HttpError(400, 'serve/bad-query', 'The query accepts `force` and `fhir`, each 0 or 1.');
    const body: CaseBody = await readCaseBody(c, { multipart: true });
    const ws = body.files ? openWorkspace(body.raw, body.files) : undefined;
    try {
      const fhir = isOn(query.data.fhir);
      const outcome = await o.pool.render({
        raw: body.raw,
        baseDir: ws?.dir ?? o.emptyDir,
        options: { force: isOn(query.data.force), payerDirs: o.payerDirs, templateDirs: o.templateDirs, ...(o.date ? { date: o.date } : {}) },
        fhir,
      });
      if (outcome.status === 'failed') {
        const diagnostics = hideFolders(locate(outcome.diagnostics, body.source), [ws?.dir ?? o.emptyDir]);
        throw fromPacketError(new PacketError(diagnostics, outcome.exitCode as PacketError['exitCode']));
      }
      const headers: Record<string, string> = {
        'Authpack-Pages': String(outcome.pages),
        'Authpack-Sha256': outcome.sha256,
        'Authpack-Draft': String(outcome.draft),
        'Authpack-Parts': asciiJson(outcome.parts),
        'Authpack-Warnings': String(outcome.diagnostics.filter((d) => d.severity === 'warning').length),
      };
      if (fhir) return c.body(outcome.fhir!, 200, { ...headers, 'Content-Type': 'application/fhir+json' });
      // The worker's bytes arrive as their own copy (structured clone): sent as they are.
      return c.body(outcome.pdf as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${outcome.caseId.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"` });
    } finally {
      ws?.dispose();
    }
  });
}

/** The request's private folder is the server's business: messages name the attachment as the case gives it. */
function hideFolders(diagnostics: Diagnostic[], folders: string[]): Diagnostic[] {
  const hide = (s: string) => folders.reduce((t, f) => t.replaceAll(`${f}${path.sep}`, '').replaceAll(f, '.'), s);
  return diagnostics.map((d) => ({ ...d, message: hide(d.message), ...(d.hint ? { hint: hide(d.hint) } : {}) }));
}

/** Diagnostics from the worker get their line in the case text here (the source map stays in this thread). */
function locate(diagnostics: Diagnostic[], source: SourceMap): Diagnostic[] {
  return diagnostics.map((d) => (d.path && !d.place ? { ...d, place: source.locate(d.path) } : d));
}

/** JSON with every non-ASCII character escaped: HTTP header values are bytes, and titles may be in any script. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
