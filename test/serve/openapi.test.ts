// The OpenAPI 3.1 document at /openapi.json: every route the server answers is in it, every reference resolves,
// and what the server really answers validates against the document's own schemas (Ajv, draft 2020-12), so the
// document cannot drift from the code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCase, ROOT } from '../support/build-case.js';
import { bareCase, json, testServer, type TestServer } from './test-server.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let server: TestServer;
let doc: Json;
let ajv: Ajv2020;
beforeAll(async () => {
  server = await testServer();
  const r = await server.call('/openapi.json');
  expect(r.status).toBe(200);
  doc = (await r.json()) as Json;
  ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  // The whole document as one schema resource, so `#/components/schemas/...` references resolve inside it.
  ajv.addSchema({ $id: 'openapi', components: doc.components }, 'openapi');
});

const validate = (component: string, value: unknown) => {
  const check = ajv.getSchema(`openapi#/components/schemas/${component}`)!;
  const ok = check(value);
  return ok ? '' : ajv.errorsText(check.errors);
};

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 and lists every route the server answers', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/healthz', '/openapi.json', '/v1/check', '/v1/fhir/import', '/v1/packets', '/v1/payers', '/v1/payers/{id}', '/v1/schema', '/v1/starter', '/v1/validate'].sort());
  });

  it('every $ref points at something in the document', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      const pointer = r.slice(8, -1);
      expect(pointer.startsWith('#/')).toBe(true);
      const target = pointer.slice(2).split('/').reduce<unknown>((at, key) => (at as Json | undefined)?.[key], doc);
      expect(target, pointer).toBeDefined();
    }
  });

  it("the server's answers validate against the document's schemas", async () => {
    const valid = await (await server.call('/v1/validate', json(buildCase((c) => (c.prescriber.npi = '123'))))).json();
    expect(validate('ValidateVerdict', valid)).toBe('');
    const check = await (await server.call('/v1/check', json(buildCase()))).json();
    expect(validate('CheckVerdict', check)).toBe('');
    const payers = (await (await server.call('/v1/payers')).json()) as unknown[];
    for (const p of payers) expect(validate('PayerSummary', p)).toBe('');
    const profile = await (await server.call('/v1/payers/aetna-cpb-0827')).json();
    expect(validate('PayerProfile', profile)).toBe('');
    const error = await (await server.call('/v1/packets', json(bareCase((c) => (c.items[0].hcpcs = 'E0711'))))).json();
    expect(validate('Error', error)).toBe('');
    const bundle = readFileSync(path.join(ROOT, 'samples', 'fhir', 'cpap-initial.json'), 'utf8');
    const imported = await (await server.call('/v1/fhir/import', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: bundle })).json();
    expect(validate('FhirImport', imported)).toBe('');
    expect(validate('Case', buildCase())).toBe('');
    expect(validate('Health', await (await server.call('/healthz')).json())).toBe('');
  });

  it('documents the packet headers and the error statuses of /v1/packets', () => {
    const post = doc.paths['/v1/packets'].post;
    expect(Object.keys(post.responses['200'].headers)).toEqual(expect.arrayContaining(['Authpack-Pages', 'Authpack-Sha256', 'Authpack-Draft', 'Authpack-Parts']));
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '413', '415', '422', '503', '504']));
    expect(Object.keys(post.requestBody.content)).toEqual(['application/json', 'application/yaml', 'multipart/form-data']);
    // The query parameters come from the zod schema the route parses its query with.
    expect(post.parameters.map((p: Json) => p.name)).toEqual(['force', 'fhir']);
    expect(doc.paths['/v1/starter'].get.parameters[0].schema.enum).toEqual(['device', 'drug', 'procedure']);
  });
});
