// The error path of the app itself, with a stand-in render pool: a bug is 500 with a request id, logged under
// that id with its kind and stack but never its message (which may quote case data); a worker's failure too.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/diagnostics/errors.js';
import { createApp, type AppOptions } from '../../src/serve/create-app.js';
import type { RenderPool } from '../../src/serve/render-pool.js';
import { makeTempDir } from '../support/temp.js';
import { bareCase, json } from './test-server.js';

function appWith(render: RenderPool['render'], draining = false) {
  const logs: Record<string, unknown>[] = [];
  const options: AppOptions = {
    pool: { render } as unknown as RenderPool,
    maxBodyBytes: 1024 * 1024,
    payerDirs: [],
    templateDirs: [],
    date: '2026-11-26',
    log: (e) => logs.push(e),
    workbenchDir: makeTempDir('serve-none'),
    emptyDir: makeTempDir('serve-empty'),
    loopbackOnly: false,
    draining: () => draining,
  };
  return { app: createApp(options), logs };
}

describe('500: a bug', () => {
  it('an exception in the server is 500 with the request id; the log has the id and stack, not the message', async () => {
    const c = bareCase();
    const { app, logs } = appWith(async () => {
      throw new TypeError(`cannot read ${c.patient.lastName}`);
    });
    const r = await app.request('/v1/packets', json(c));
    expect(r.status).toBe(500);
    const body = (await r.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('serve/internal-error');
    expect(body.error.requestId).toBe(r.headers.get('request-id'));
    expect(body.error.message).toContain(body.error.requestId);
    const logged = logs.find((l) => l.level === 'error')!;
    expect(logged.id).toBe(body.error.requestId);
    expect(String(logged.detail)).toContain('TypeError');
    expect(JSON.stringify(logs)).not.toContain(c.patient.lastName);
    expect(JSON.stringify(body)).not.toContain(c.patient.lastName);
  });

  it("a worker's internal error is 500 too, logged with what the worker reported", async () => {
    const { app, logs } = appWith(async () => ({ status: 'failed', exitCode: ExitCode.internal, diagnostics: [{ code: 'serve/internal-error', severity: 'error', message: 'Internal error (a bug in authpack): RangeError\n    at paint' }], ms: 1 }));
    const r = await app.request('/v1/packets', json(bareCase()));
    expect(r.status).toBe(500);
    expect(String(logs.find((l) => l.level === 'error')!.detail)).toContain('RangeError');
  });

  it('while shutting down, new requests are 503 with Retry-After and Connection: close', async () => {
    const { app } = appWith(async () => {
      throw new Error('not reached');
    }, true);
    const r = await app.request('/v1/packets', json(bareCase()));
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    expect(r.headers.get('connection')).toBe('close');
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('serve/shutting-down');
  });
});
