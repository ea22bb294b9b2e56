// The routes that read no case: liveness, the OpenAPI document, the case schema, a starter case, the payer
// profiles, and the FHIR import (a chart export to a case to start from).
import type { Hono } from 'hono';
import { starterText } from '../cli/commands/init.js';
import { describeScope } from '../coverage/profile-scope.js';
import { parseCaseText } from '../load/load-case.js';
import { listPayerIds, loadPayer } from '../payers/load-payer.js';
import { confirmedRevision } from '../payers/policy-revision.js';
import { caseJsonSchema } from '../validate/case-json-schema.js';
import { starterQuerySchema, type PayerSummary } from './api-schemas.js';
import type { AppOptions } from './create-app.js';
import { HttpError } from './http-error.js';
import { importFhirText } from './import-fhir-body.js';
import { openApiDocument } from './openapi-document.js';
import { mediaType } from './read-case-body.js';

const FHIR_TYPES = ['application/json', 'application/fhir+json', 'application/fhir+ndjson', 'application/x-ndjson', 'application/ndjson'];

export function referenceRoutes(app: Hono, o: AppOptions): void {
  app.get('/healthz', async (c) => c.json({ status: 'ok' as const, ...(o.pool.health ? await o.pool.health() : {}) }));
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/v1/schema', (c) => c.json(caseJsonSchema()));

  app.get('/v1/starter', (c) => {
    const query = starterQuerySchema.safeParse(c.req.query());
    if (!query.success) throw new HttpError(400, 'serve/bad-query', '`kind` is device, drug or procedure.');
    return c.json(parseCaseText(starterText(query.data.kind), `starter (${query.data.kind})`).raw);
  });

  app.get('/v1/payers', (c) => {
    const list: PayerSummary[] = listPayerIds(o.payerDirs).map((id) => {
      const p = loadPayer(id, o.payerDirs);
      const revision = p.policy ? confirmedRevision(p.policy) : undefined;
      return {
        id,
        displayName: p.displayName,
        lineOfBusiness: p.lineOfBusiness,
        scope: describeScope(p),
        ...(p.policy ? { policy: { number: p.policy.number, title: p.policy.title, ...(revision ? { revision } : {}), lastChecked: p.policy.lastChecked } } : {}),
      };
    });
    return c.json(list);
  });

  app.get('/v1/payers/:id', (c) => {
    const id = c.req.param('id');
    if (!listPayerIds(o.payerDirs).includes(id)) {
      throw new HttpError(404, 'serve/unknown-payer', `There is no payer profile ${JSON.stringify(id.slice(0, 80))}.`, [
        { code: 'serve/unknown-payer', severity: 'error', message: `No payer profile has the id ${JSON.stringify(id.slice(0, 80))}.`, hint: 'GET /v1/payers lists the profiles.' },
      ]);
    }
    // The folder it was loaded from is the server's business, not the client's.
    const { dir: _dir, ...profile } = loadPayer(id, o.payerDirs);
    return c.json(profile);
  });

  app.post('/v1/fhir/import', async (c) => {
    const type = mediaType(c);
    if (!FHIR_TYPES.includes(type)) throw new HttpError(415, 'serve/unsupported-media-type', `A FHIR import reads ${FHIR_TYPES.join(', ')}; this body is ${type || 'untyped'}.`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    } catch {
      throw new HttpError(400, 'fhir/unreadable', 'The FHIR data sent is not UTF-8 text.');
    }
    return c.json(importFhirText(text, o.emptyDir));
  });
}
