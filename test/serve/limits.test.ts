// The server's limits and guards: body size (attachments count), parts, JSON depth and values, content types, bad
// JSON, the bounded render queue (503 + Retry-After), the render time limit (504), the token when bound publicly
// (401), the Host check on loopback, graceful shutdown, and logs that carry no case data.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/diagnostics/errors.js';
import { startServer } from '../../src/serve/start-server.js';
import { bareCase, json, testServer, withAttachments, yaml } from './test-server.js';

const errorOf = async (r: Response) => ((await r.json()) as { error: { code: string; message: string; diagnostics: { code: string }[]; requestId?: string } }).error;

describe('request limits', () => {
  it('a body over --max-body is 413, attachments included; under it is read', async () => {
    const s = await testServer({ maxBodyBytes: 64 * 1024 });
    const small = await s.call('/v1/validate', json(bareCase()));
    expect(small.status).toBe(200);
    const big = await s.call('/v1/validate', json(bareCase((c) => (c.extra = { note: 'x'.repeat(70 * 1024) }))));
    expect(big.status).toBe(413);
    const e = await errorOf(big);
    expect(e.code).toBe('serve/too-large');
    expect(e.diagnostics[0]!.code).toBe('serve/too-large');
    const c = bareCase((x) => (x.attachments = [{ file: 'scan.pdf', kind: 'other', title: 'A large scan' }]));
    const files = await s.call('/v1/packets', withAttachments(c, [{ name: 'scan.pdf', bytes: new Uint8Array(80 * 1024) }]));
    expect(files.status).toBe(413);
  });

  it('a body sent without Content-Length (chunked) is cut off at the limit too', async () => {
    const s = await testServer({ maxBodyBytes: 16 * 1024 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: s.port, path: '/v1/validate', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write('{"extra": {"note": "');
      for (let i = 0; i < 40; i++) req.write('y'.repeat(1024));
      req.end('"}}');
    });
    expect(status).toBe(413);
  });

  it('too many multipart parts is 413; a multipart body without `case` is 400', async () => {
    const s = await testServer();
    const form = new FormData();
    form.set('case', JSON.stringify(bareCase()));
    for (let i = 0; i < 120; i++) form.append('file', new Blob(['x']), `f${i}.pdf`);
    const r = await s.call('/v1/packets', { method: 'POST', body: form });
    expect(r.status).toBe(413);
    expect((await errorOf(r)).code).toBe('serve/too-many-parts');
    const none = new FormData();
    none.append('file', new Blob(['x']), 'scan.pdf');
    const missing = await s.call('/v1/packets', { method: 'POST', body: none });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).code).toBe('serve/case-missing');
  });

  it('bad JSON and bad YAML are 400 with the line; an empty body 400; JSON nested too deep or too many values 400', async () => {
    const s = await testServer();
    const bad = await s.call('/v1/packets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{\n  "caseId": "A",\n  "payer": "x"\n  "version": 1\n' });
    expect(bad.status).toBe(400);
    const e = (await bad.json()) as { error: { code: string; diagnostics: { place?: { line?: number } }[] } };
    expect(e.error.code).toBe('load/unparsable');
    expect(e.error.diagnostics[0]!.place?.line).toBeGreaterThan(1);
    expect((await s.call('/v1/validate', yaml('caseId: [unclosed'))).status).toBe(400);
    expect((await s.call('/v1/validate', yaml(''))).status).toBe(400);
    expect((await s.call('/v1/validate', yaml('- a list\n- not a case\n'))).status).toBe(400);
    const deep = await s.call('/v1/validate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"extra": ${'['.repeat(200)}${']'.repeat(200)}}` });
    expect(deep.status).toBe(400);
    expect((await errorOf(deep)).code).toBe('load/too-complex');
    const wide = await s.call('/v1/validate', json(bareCase((c) => (c.extra = { list: Array.from({ length: 30_000 }, (_, i) => i) }))));
    expect(wide.status).toBe(400);
    expect((await errorOf(wide)).code).toBe('load/too-complex');
  });

  it('a content type the route does not read is 415', async () => {
    const s = await testServer();
    for (const route of ['/v1/validate', '/v1/check', '/v1/packets']) {
      const r = await s.call(route, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
      expect(r.status).toBe(415);
      expect((await errorOf(r)).code).toBe('serve/unsupported-media-type');
    }
    const none = await s.call('/v1/validate', { method: 'POST', body: new Uint8Array([1, 2]) });
    expect(none.status).toBe(415);
  });
});

describe('the render pool', () => {
  it('when the queue is full, renders get 503 with Retry-After; the others finish', async () => {
    const s = await testServer({ workers: 1, queue: 1 });
    const body = json(bareCase());
    const answers = await Promise.all(Array.from({ length: 6 }, () => s.call('/v1/packets', body)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 200).length).toBeGreaterThanOrEqual(2);
    const busy = answers.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(Number(busy[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await errorOf(busy[0]!)).code).toBe('serve/busy');
    await Promise.all(answers.filter((r) => !r.bodyUsed).map((r) => r.arrayBuffer()));
    // Once the queue drains, renders are taken again.
    expect((await s.call('/v1/packets', body)).status).toBe(200);
  });

  it('a render over the time limit is stopped: 504; the next render works', async () => {
    const s = await testServer({ workers: 1, renderTimeoutMs: 1 });
    const r = await s.call('/v1/packets', json(bareCase()));
    expect(r.status).toBe(504);
    expect((await errorOf(r)).code).toBe('serve/render-timeout');
    const t = await testServer({ workers: 1 });
    expect((await t.call('/v1/packets', json(bareCase()))).status).toBe(200);
  });
});

describe('access', () => {
  it('binding another address than loopback without a token is refused before listening', async () => {
    await expect(startServer({ port: 0, host: '0.0.0.0', maxBodyBytes: 1e6, renderTimeoutMs: 1000, log: () => {} })).rejects.toBeInstanceOf(UsageError);
  });

  it('with a token, /v1 needs `Authorization: Bearer <token>` (401 otherwise); health and the page do not', async () => {
    const token = 'a-long-test-token-0123456789';
    const s = await testServer({ host: '0.0.0.0', token });
    const none = await s.call('/v1/payers');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await errorOf(none)).code).toBe('serve/unauthorized');
    expect((await s.call('/v1/packets', { ...json(bareCase()), headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-token' } })).status).toBe(401);
    expect((await s.call('/v1/payers', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await s.call('/v1/validate', { ...json(bareCase()), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await s.call('/healthz')).status).toBe(200);
  });

  it('on loopback, a request addressed to another host name is refused (DNS rebinding)', async () => {
    const s = await testServer();
    const status = await new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: s.port, path: '/v1/payers', headers: { host: 'evil.example:80' } }, (res) => (res.resume(), resolve(res.statusCode!))).on('error', reject);
    });
    expect(status).toBe(403);
    expect((await fetch(`http://localhost:${s.port}/healthz`)).status).toBe(200);
  });
});

describe('logs and shutdown', () => {
  it('logs method, path, status, duration and a request id, never case data', async () => {
    const s = await testServer();
    const c = bareCase();
    const r = await s.call('/v1/packets?force=1', json(c));
    expect(r.status).toBe(200);
    await s.call('/v1/validate', json(bareCase((x) => (x.prescriber.npi = '123'))));
    const line = s.logs.find((l) => l.path === '/v1/packets')!;
    expect(line).toMatchObject({ method: 'POST', path: '/v1/packets', status: 200 });
    expect(line.id).toBe(r.headers.get('request-id'));
    expect(line.ms).toBeTypeOf('number');
    const logged = JSON.stringify(s.logs);
    for (const value of [c.patient.lastName, c.patient.firstName, c.patient.memberId, c.patient.dateOfBirth, c.caseId, 'force']) expect(logged).not.toContain(String(value));
  });

  it('on close, requests in flight finish and new ones are refused', async () => {
    const s = await testServer({ workers: 1 });
    const inFlight = s.call('/v1/packets', json(bareCase()));
    await new Promise((r) => setTimeout(r, 50));
    const closed = s.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    await closed;
    await expect(s.call('/healthz')).rejects.toThrow();
  });
});

