// Every route of `authpack serve` over real HTTP: the reference routes, validate and check (the CLI's diagnostics
// as data), packets (PDF with its headers, multipart attachments, preflight 422 / force DRAFT, the PAS bundle), the
// FHIR import, and the static workbench files.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listPayerIds } from '../../src/payers/load-payer.js';
import { caseJsonSchema } from '../../src/validate/case-json-schema.js';
import { buildCase, ROOT, TODAY } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';
import { runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';
import { bareCase, json, testServer, withAttachments, yaml, type TestServer } from './test-server.js';

let server: TestServer;
beforeAll(async () => {
  const workbench = makeTempDir('serve-workbench');
  mkdirSync(path.join(workbench, 'assets'));
  writeFileSync(path.join(workbench, 'index.html'), '<!doctype html><title>workbench</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(workbench, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(workbench, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(workbench, 'secret.txt'), 'not an asset');
  server = await testServer({ workbenchDir: workbench });
});

const errorOf = async (r: Response) => ((await r.json()) as { error: { code: string; message: string; diagnostics: { code: string; path?: unknown[] }[] } }).error;

describe('reference routes', () => {
  it('GET /healthz', async () => {
    const r = await server.call('/healthz');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
  });

  it('GET /v1/schema is the case JSON schema (as `authpack schema`)', async () => {
    const r = await server.call('/v1/schema');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual(caseJsonSchema());
  });

  it('GET /v1/starter gives the starter case of each kind as data; an unknown kind is 400', async () => {
    for (const kind of ['device', 'drug', 'procedure']) {
      const r = await server.call(`/v1/starter?kind=${kind}`);
      expect(r.status).toBe(200);
      const c = (await r.json()) as { version: number; patient: object };
      expect(c.version).toBe(1);
      expect(c.patient).toBeTypeOf('object');
    }
    const drug = (await (await server.call('/v1/starter?kind=drug')).json()) as { items: { ndc?: string }[] };
    expect(drug.items[0]).toHaveProperty('ndc');
    expect((await server.call('/v1/starter')).status).toBe(200);
    const bad = await server.call('/v1/starter?kind=spaceship');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('serve/bad-query');
  });

  it('GET /v1/payers lists every profile; GET /v1/payers/{id} gives one, 404 for an unknown id', async () => {
    const list = (await (await server.call('/v1/payers')).json()) as { id: string; displayName: string }[];
    expect(list.map((p) => p.id)).toEqual(listPayerIds());
    expect(list.every((p) => p.displayName.length > 0)).toBe(true);
    const one = await server.call('/v1/payers/aetna-cpb-0827');
    expect(one.status).toBe(200);
    const profile = (await one.json()) as Record<string, unknown>;
    expect(profile.id).toBe('aetna-cpb-0827');
    expect(profile).not.toHaveProperty('dir');
    const missing = await server.call('/v1/payers/no-such-plan');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('serve/unknown-payer');
  });

  it('unknown routes are 404 and wrong methods 405 with Allow, in the error shape', async () => {
    const r = await server.call('/v2/nothing');
    expect(r.status).toBe(404);
    expect((await errorOf(r)).code).toBe('serve/not-found');
    const m = await server.call('/v1/packets');
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toBe('POST');
    expect((await errorOf(m)).code).toBe('serve/method-not-allowed');
    const d = await server.call('/v1/payers', { method: 'DELETE' });
    expect(d.status).toBe(405);
  });
});

describe('POST /v1/validate and /v1/check', () => {
  it('a valid case: 200, ok, and the diagnostics the CLI prints with --format json', async () => {
    const c = buildCase();
    const r = await server.call('/v1/validate', json(c));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ok: boolean; diagnostics: unknown[] };
    expect(body.ok).toBe(true);
    const dir = makeTempDir('serve-validate');
    writeFileSync(path.join(dir, 'case.json'), JSON.stringify(c));
    const cli = await runAuthpack(['validate', 'case.json', '--attachments', 'list', '--format', 'json', '--date', TODAY], { cwd: dir });
    expect(cli.code).toBe(0);
    expect(body.diagnostics.map(strip)).toEqual((JSON.parse(cli.stdout) as unknown[]).map(strip));
  });

  it('an invalid case: 200 with ok false and the same diagnostics as the CLI, located in YAML text', async () => {
    const c = buildCase((x) => (x.prescriber.npi = '123'));
    const dir = makeTempDir('serve-invalid');
    const text = readFileSync(path.join(ROOT, 'samples', 'gbm-initial.yaml'), 'utf8').replace(/npi: "?\d{10}"?/, 'npi: "123"');
    writeFileSync(path.join(dir, 'case.yaml'), text);
    const r = await server.call('/v1/validate', yaml(text));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ok: boolean; diagnostics: { code: string; path?: unknown[]; place?: { line?: number } }[] };
    expect(body.ok).toBe(false);
    const npi = body.diagnostics.find((d) => d.path?.join('.') === 'prescriber.npi');
    expect(npi?.place?.line).toBe(text.split('\n').findIndex((l) => l.includes('npi: "123"')) + 1);
    const cli = await runAuthpack(['validate', 'case.yaml', '--attachments', 'list', '--format', 'json', '--date', TODAY], { cwd: dir });
    expect(cli.code).toBe(3);
    expect(body.diagnostics.map(strip)).toEqual((JSON.parse(cli.stdout) as unknown[]).map(strip));
    const asJson = (await (await server.call('/v1/validate', json(c))).json()) as typeof body;
    expect(asJson.diagnostics.map((d) => d.code)).toContain(npi!.code);
  });

  it('with attachment files (multipart), validate looks for them; a file the case does not list is 422', async () => {
    const c = buildCase();
    const ok = (await (await server.call('/v1/validate', withAttachments(c))).json()) as { ok: boolean };
    expect(ok.ok).toBe(true);
    // Every file sent, but the case no longer lists the last one.
    const form = withAttachments(c);
    form.body = withCase(form.body as FormData, buildCase((x) => x.attachments.pop()));
    const missing = buildCase();
    const partial = new FormData();
    partial.set('case', JSON.stringify(missing));
    const r = (await (await server.call('/v1/validate', { method: 'POST', body: partial })).json()) as { ok: boolean; diagnostics: { code: string; message: string }[] };
    expect(r.ok).toBe(false);
    const gone = r.diagnostics.find((d) => d.code === 'validate/attachment-missing')!;
    expect(gone.message).toContain('attachments/operative-note-2026-05-04.pdf');
    // The server's private folder is not shown to the client.
    expect(gone.message).not.toContain('authpack-serve-');
    const extra = await server.call('/v1/validate', form);
    expect(extra.status).toBe(422);
    expect((await errorOf(extra)).code).toBe('serve/attachment-not-in-case');
  });

  it('/v1/check: criteria met / not met / not shown with evidence, modifiers and the decision clock', async () => {
    const r = await server.call('/v1/check', json(buildCase()));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ok: boolean; criteria: { id: string; status: string; evidence: string; title: string }[]; modifiers: { code: string; suggested: string[] }[]; timeframe: { message: string }[]; payer: { id: string } };
    expect(body.ok).toBe(true);
    expect(body.payer.id).toBe('aetna-cpb-0827');
    expect(body.criteria.length).toBeGreaterThan(3);
    for (const cr of body.criteria) {
      expect(['met', 'not-met', 'not-shown']).toContain(cr.status);
      expect(cr.evidence.length).toBeGreaterThan(0);
      expect(cr.title.length).toBeGreaterThan(0);
    }
    expect(body.criteria.every((cr) => cr.status === 'met')).toBe(true);
    expect(body.timeframe.length).toBe(1);
    const later = buildCase((c) => (c.clinical.supratentorial = false));
    const worse = (await (await server.call('/v1/check', json(later))).json()) as typeof body;
    expect(worse.criteria.some((cr) => cr.status === 'not-met')).toBe(true);
  });

  it('/v1/check on a case with preflight errors: 200, ok false, the error diagnostics', async () => {
    const r = await server.call('/v1/check', json(buildCase((c) => (c.items[0].hcpcs = 'E0711'))));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ok: boolean; diagnostics: { severity: string; code: string }[] };
    expect(body.ok).toBe(false);
    expect(body.diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('preflight/'))).toBe(true);
    const invalid = (await (await server.call('/v1/check', json(buildCase((c) => delete c.patient)))).json()) as typeof body & { criteria: unknown[] };
    expect(invalid.ok).toBe(false);
    expect(invalid.criteria).toEqual([]);
  });
});

describe('POST /v1/packets', () => {
  it('a case as JSON: the PDF, with page count, SHA-256, draft flag and parts in headers', async () => {
    const r = await server.call('/v1/packets', json(bareCase()));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(r.headers.get('authpack-sha256')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(r.headers.get('authpack-draft')).toBe('false');
    const text = await extractText(bytes);
    expect(Number(r.headers.get('authpack-pages'))).toBe(text.pages.length);
    expect(text.pages.every((p, i) => p.includes(`Page ${i + 1} of ${text.pages.length}`))).toBe(true);
    expect(text.pages[0]).toContain('PA-2026-0142');
    const parts = JSON.parse(r.headers.get('authpack-parts')!) as { part: string; first: number; last: number }[];
    expect(parts.map((p) => p.part)).toEqual(expect.arrayContaining(['cover', 'letter', 'history']));
    const letter = parts.find((p) => p.part === 'letter')!;
    expect(text.pages[letter.first - 1]).toMatch(/medical necessity/i);
  });

  it('multipart with the attachment files: they are merged into the packet', async () => {
    const c = buildCase();
    const r = await server.call('/v1/packets', withAttachments(c));
    expect(r.status).toBe(200);
    const parts = JSON.parse(r.headers.get('authpack-parts')!) as { part: string; kind: string }[];
    expect(parts.filter((p) => p.kind === 'attachment')).toHaveLength(c.attachments.length);
    const text = await extractText(new Uint8Array(await r.arrayBuffer()));
    expect(text.pages.length).toBe(Number(r.headers.get('authpack-pages')));
    expect(text.pages.join('\n')).toMatch(/Operative note/i);
  });

  it('multipart with a signature image: placed as signature.image names it and drawn; a bad one is 422 naming the field', async () => {
    const image = readFileSync(path.join(ROOT, 'test', 'fixtures', 'signature.png'));
    const c = buildCase((x) => (x.signature.image = 'scans/signature.png'));
    const r = await server.call('/v1/packets', withAttachments(c, [{ name: 'signature.png', bytes: image }]));
    expect(r.status).toBe(200);
    const pdf = Buffer.from(await r.arrayBuffer());
    // The picture's 480 × 120 image XObject is in the packet.
    expect(pdf.toString('latin1')).toMatch(/\/Height 120[^>]*\/Width 480|\/Width 480[^>]*\/Height 120/);
    const wrong = await server.call('/v1/packets', withAttachments(c, [{ name: 'signature.png', bytes: new TextEncoder().encode('not a picture') }]));
    expect(wrong.status).toBe(422);
    const e = await errorOf(wrong);
    expect(e.code).toBe('validate/signature-image-not-supported');
    expect(e.diagnostics[0]!.path).toEqual(['signature', 'image']);
    expect(e.message).toContain('signature.image');
  });

  it('a case in YAML renders the same bytes as the CLI', async () => {
    const text = JSON.stringify(bareCase());
    const r = await server.call('/v1/packets', yaml(text));
    const dir = makeTempDir('serve-render');
    writeFileSync(path.join(dir, 'case.yaml'), text);
    const cli = await runAuthpack(['render', 'case.yaml', '-o', 'out.pdf', '--date', TODAY], { cwd: dir });
    expect(cli.code).toBe(0);
    expect(r.headers.get('authpack-sha256')).toBe(createHash('sha256').update(readFileSync(path.join(dir, 'out.pdf'))).digest('hex'));
  });

  it('an invalid case is 422 with its diagnostics; attachments the case names but were not sent are 422 too', async () => {
    const bad = await server.call('/v1/packets', json(bareCase((c) => (c.prescriber.npi = '123'))));
    expect(bad.status).toBe(422);
    const e = await errorOf(bad);
    expect(e.diagnostics.some((d) => d.path?.join('.') === 'prescriber.npi')).toBe(true);
    expect(e.message.length).toBeGreaterThan(0);
    const noFiles = await server.call('/v1/packets', json(buildCase()));
    expect(noFiles.status).toBe(422);
    expect((await errorOf(noFiles)).code).toBe('validate/attachment-missing');
  });

  it('preflight errors are 422; with force=1 a DRAFT packet', async () => {
    const blocked = bareCase((c) => (c.items[0].hcpcs = 'E0711'));
    const r = await server.call('/v1/packets', json(blocked));
    expect(r.status).toBe(422);
    expect((await errorOf(r)).diagnostics.some((d) => d.code.startsWith('preflight/'))).toBe(true);
    const forced = await server.call('/v1/packets?force=1', json(blocked));
    expect(forced.status).toBe(200);
    expect(forced.headers.get('authpack-draft')).toBe('true');
    const text = await extractText(new Uint8Array(await forced.arrayBuffer()));
    expect(text.pages[0]).toContain('DRAFT');
    expect((await server.call('/v1/packets?force=maybe', json(blocked))).status).toBe(400);
  });

  it('fhir=1 answers the Da Vinci PAS request bundle carrying the packet', async () => {
    const r = await server.call('/v1/packets?fhir=1', json(bareCase()));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/fhir+json');
    const bundle = (await r.json()) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(expect.arrayContaining(['Claim', 'Patient', 'DocumentReference']));
    expect(r.headers.get('authpack-sha256')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('POST /v1/fhir/import', () => {
  it('a chart bundle: the case, its gaps by field, the report', async () => {
    const bundle = readFileSync(path.join(ROOT, 'samples', 'fhir', 'gbm-initial.json'), 'utf8');
    const r = await server.call('/v1/fhir/import', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: bundle });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { case: Record<string, unknown>; gaps: { path: unknown[]; field: string; message: string }[]; report: { mapped: unknown[] }; attachments: unknown[] };
    expect(body.case.patient).toBeTypeOf('object');
    expect(body.report.mapped.length).toBeGreaterThan(10);
    const summary = body.gaps.find((g) => g.field === 'necessity.summary');
    expect(summary?.path).toEqual(['necessity', 'summary']);
    expect(summary?.message).toContain('left to fill');
    expect(Array.isArray(body.attachments)).toBe(true);
  });

  it('NDJSON (one resource a line) imports the same case as the bundle', async () => {
    const bundle = JSON.parse(readFileSync(path.join(ROOT, 'samples', 'fhir', 'gbm-initial.json'), 'utf8')) as { entry: { resource: unknown }[] };
    const ndjson = bundle.entry.map((e) => JSON.stringify(e.resource)).join('\n');
    const r = await server.call('/v1/fhir/import', { method: 'POST', headers: { 'content-type': 'application/fhir+ndjson' }, body: ndjson });
    expect(r.status).toBe(200);
    const fromBundle = await server.call('/v1/fhir/import', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(bundle) });
    expect(((await r.json()) as { case: unknown }).case).toEqual(((await fromBundle.json()) as { case: unknown }).case);
  });

  it('malformed FHIR is 422; another content type 415', async () => {
    const notFhir = await server.call('/v1/fhir/import', json({ hello: 'world' }));
    expect(notFhir.status).toBe(422);
    expect((await errorOf(notFhir)).code).toMatch(/^fhir\//);
    const broken = await server.call('/v1/fhir/import', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: '{"resourceType": "Bundle", "entry": [' });
    expect(broken.status).toBe(422);
    expect((await server.call('/v1/fhir/import', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
  });
});

describe('the workbench files', () => {
  it('serves / and /assets with their content types and a strict CSP; nothing outside assets/', async () => {
    const page = await server.call('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect((await server.call('/assets/app.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await server.call('/assets/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await server.call('/assets/missing.js')).status).toBe(404);
    expect((await server.call('/assets/..%2Fsecret.txt')).status).toBe(404);
    expect((await server.call('/assets/%2e%2e/secret.txt')).status).toBe(404);
  });
});

function withCase(form: FormData, c: unknown): FormData {
  form.set('case', JSON.stringify(c));
  return form;
}

/** The CLI names the file it read; the server names the request body. */
function strip(d: unknown): unknown {
  const { place, ...rest } = d as { place?: { line?: number; column?: number } };
  return { ...rest, ...(place ? { line: place.line, column: place.column } : {}) };
}
