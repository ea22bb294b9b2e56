// The OpenAPI 3.1 document served at /openapi.json, generated from the zod schemas the routes use (api-schemas.ts)
// and from the case format's own JSON Schema, so the documentation cannot drift from what the server does.
import { z } from 'zod';
import { payerProfileSchema } from '../payers/payer-schema.js';
import { packageVersion } from '../package-root.js';
import { caseJsonSchema } from '../validate/case-json-schema.js';
import { checkVerdictSchema, diagnosticSchema, errorBodySchema, healthSchema, importResultSchema, packetQuerySchema, payerSummarySchema, starterQuerySchema, validateVerdictSchema } from './api-schemas.js';

type Json = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: Json) => ({ 'application/json': { schema } });
const caseBody = (multipart: boolean) => ({
  required: true,
  content: {
    'application/json': { schema: ref('Case') },
    'application/yaml': { schema: { type: 'string', description: 'The case as YAML text (as a case file).' } },
    ...(multipart
      ? {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['case'],
              properties: { case: { type: 'string', description: 'The case, JSON or YAML.' } },
              additionalProperties: { type: 'string', contentMediaType: 'application/octet-stream', description: "An attachment file, named as the case's `attachments[].file` (or its last part)." },
            },
          },
        }
      : {}),
  },
});
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/Error${s}` }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'The body is not readable JSON/YAML (or not a case at all).',
  401: 'The server needs `Authorization: Bearer <token>`.',
  404: 'No such route or payer.',
  413: 'The body (attachments included), or its number of parts, is over the limit.',
  415: 'The Content-Type is not one this route reads.',
  422: 'The case is invalid, preflight found errors (without `force`), or an attachment cannot be used.',
  500: 'A bug in authpack; the answer carries the request id the server logged it under.',
  503: 'The render queue is full; retry after `Retry-After` seconds.',
  504: 'The render took longer than the time limit.',
};

let cached: Json | undefined;

export function openApiDocument(): Json {
  if (cached) return cached;
  const registry = z.registry<{ id: string }>();
  const named = { Diagnostic: diagnosticSchema, Error: errorBodySchema, ValidateVerdict: validateVerdictSchema, CheckVerdict: checkVerdictSchema, PayerSummary: payerSummarySchema, FhirImport: importResultSchema, Health: healthSchema };
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  registry.add(payerProfileSchema, { id: 'PayerProfile' });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: 'output', unrepresentable: 'any' }) as { schemas: Record<string, Json> };
  for (const s of Object.values(schemas)) delete s.$schema;
  const { $schema: _s, $id: _i, $defs, ...caseSchema } = caseJsonSchema();
  const components = {
    schemas: { ...schemas, Case: retarget(caseSchema), PlainData: retarget((($defs as Json) ?? {}).plainData) },
    responses: Object.fromEntries(Object.entries(ERROR_TEXT).map(([s, description]) => [`Error${s}`, { description, content: json(ref('Error')) }])),
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Required when the server has a token (always when it is bound to an address other than loopback).' } },
  };
  const paths = {
    '/healthz': { get: { summary: 'Liveness', security: [], responses: { 200: { description: 'The server is up.', content: json(ref('Health')) } } } },
    '/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
    '/v1/schema': { get: { summary: 'The case format as JSON Schema (as `authpack schema`)', responses: { 200: { description: 'JSON Schema 2020-12', content: json(ref('Case')) }, ...errors(401) } } },
    '/v1/starter': {
      get: {
        summary: 'A starter case to fill in (what `authpack init` writes), as JSON',
        parameters: queryParameters(starterQuerySchema),
        responses: { 200: { description: 'The starter case', content: json({ type: 'object' }) }, ...errors(400, 401) },
      },
    },
    '/v1/payers': { get: { summary: 'The payer profiles', responses: { 200: { description: 'One summary per profile', content: json({ type: 'array', items: ref('PayerSummary') }) }, ...errors(401) } } },
    '/v1/payers/{id}': {
      get: {
        summary: 'One payer profile (as `authpack payers show`)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The profile', content: json(ref('PayerProfile')) }, ...errors(401, 404) },
      },
    },
    '/v1/validate': {
      post: {
        summary: 'Validate a case (as `authpack validate --format json`)',
        description: 'The verdict is in the body (200 either way). Attachment files are looked for only when they are sent (multipart).',
        requestBody: caseBody(true),
        responses: { 200: { description: 'The verdict', content: json(ref('ValidateVerdict')) }, ...errors(400, 401, 413, 415, 422) },
      },
    },
    '/v1/check': {
      post: {
        summary: "Preflight-check a case against its payer's profile (as `authpack check`)",
        description: 'The verdict is in the body (200 either way): the criteria met / not met / not shown with their evidence, the suggested modifiers, the decision timeframe.',
        requestBody: caseBody(true),
        responses: { 200: { description: 'The verdict', content: json(ref('CheckVerdict')) }, ...errors(400, 401, 413, 415, 422) },
      },
    },
    '/v1/packets': {
      post: {
        summary: 'Render the packet (as `authpack render`)',
        parameters: queryParameters(packetQuerySchema),
        requestBody: caseBody(true),
        responses: {
          200: {
            description: 'The packet',
            headers: {
              'Authpack-Pages': { schema: { type: 'integer' }, description: 'Page count.' },
              'Authpack-Sha256': { schema: { type: 'string' }, description: "SHA-256 of the packet's bytes (hex)." },
              'Authpack-Draft': { schema: { type: 'string', enum: ['true', 'false'] }, description: 'True when `force` overrode preflight errors: every page is marked DRAFT.' },
              'Authpack-Parts': { schema: { type: 'string' }, description: 'JSON: [{part, title, kind, first, last}], the pages of each part of the packet.' },
              'Authpack-Warnings': { schema: { type: 'integer' }, description: 'How many warnings the render found (POST /v1/check lists them).' },
            },
            content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } }, 'application/fhir+json': { schema: { type: 'object' } } },
          },
          ...errors(400, 401, 413, 415, 422, 503, 504),
        },
      },
    },
    '/v1/fhir/import': {
      post: {
        summary: 'Start a case from a FHIR R4 export of the chart (as `authpack fhir import`)',
        requestBody: { required: true, content: { 'application/fhir+json': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } }, 'application/fhir+ndjson': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } } },
        responses: { 200: { description: 'The case, its gaps and the mapping report', content: json(ref('FhirImport')) }, ...errors(400, 401, 413, 415, 422) },
      },
    },
  };
  cached = {
    openapi: '3.1.0',
    info: { title: 'authpack', version: packageVersion(), description: 'Prior-authorization packets over HTTP: the same pipeline and diagnostics as the authpack CLI. Every error answer is `{error: {code, message, diagnostics}}`.' },
    security: [{ bearer: [] }],
    paths,
    components,
  };
  return cached;
}

/** OpenAPI query parameters from the zod schema the route parses its query with. */
function queryParameters(schema: z.ZodObject): Json[] {
  const { properties = {}, required = [] } = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(properties).map(([name, { description, ...rest }]) => ({ name, in: 'query', required: required.includes(name), ...(description ? { description } : {}), schema: rest }));
}

/** The case schema's own `#/$defs/...` references, made to point into components. */
function retarget(schema: unknown): Json {
  return JSON.parse(JSON.stringify(schema ?? {}).replaceAll('"#/$defs/plainData"', '"#/components/schemas/PlainData"')) as Json;
}
