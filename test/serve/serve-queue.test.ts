// `authpack serve --redis`: renders go through the job queue to a `queue work` process (a real Redis, Debian's
// redis-server on a free port). The packet is the local pool's byte for byte; uploads reach the worker through the
// shared folder; nothing of a request stays in the shared folder or in Redis; with no worker the render times out
// (504) and its job and folder are removed; the flags that go together are checked (exit 2).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redisTarget } from '../../src/queue/redis-connection.js';
import { startWorker, until } from '../queue/queue-support.js';
import { buildCase, ROOT, TODAY } from '../support/build-case.js';
import { redisContents, startRedis } from '../support/redis-server.js';
import { BIN, runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';
import { bareCase, json, testServer, withAttachments } from './test-server.js';

const sha256 = (bytes: ArrayBuffer | Uint8Array) => createHash('sha256').update(new Uint8Array(bytes)).digest('hex');
/** The request folders a server has in the shared folder now. */
const requestFolders = (shared: string) => readdirSync(path.join(shared, '.authpack-queue', 'serve'));


const children: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('authpack serve --redis', () => {
  it('renders on a queue worker the packet the local pool renders, byte for byte (PDF, FHIR, with uploads); nothing stays in the shared folder or in Redis', async () => {
    const redis = await startRedis();
    const shared = makeTempDir('serve-shared');
    const worker = startWorker(redis.url);
    const local = await testServer({ workers: 1 });
    const queued = await testServer({ redis: redisTarget({ redis: redis.url }), shared });
    expect(queued.workers).toBe(0);
    expect(queued.renders).toBe('queue');
    expect(await (await queued.call('/healthz')).json()).toEqual({ status: 'ok', renders: 'queue', queue: 'authpack', redis: 'up' });
    expect(statSync(path.join(shared, '.authpack-queue', 'serve')).mode & 0o777).toBe(0o700);

    // A case as JSON: the same bytes as the server's own pool renders with the same --date.
    const c = bareCase();
    const fromQueue = await queued.call('/v1/packets', json(c));
    expect(fromQueue.status).toBe(200);
    expect(fromQueue.headers.get('content-type')).toBe('application/pdf');
    const fromPool = await local.call('/v1/packets', json(c));
    const [q, p] = [await fromQueue.arrayBuffer(), await fromPool.arrayBuffer()];
    expect(sha256(q)).toBe(sha256(p));
    expect(fromQueue.headers.get('authpack-sha256')).toBe(sha256(q));
    for (const h of ['authpack-pages', 'authpack-parts', 'authpack-draft', 'authpack-warnings']) expect(fromQueue.headers.get(h)).toBe(fromPool.headers.get(h));

    // Multipart with the attachment files: they reach the worker through the shared folder and are merged.
    const full = buildCase();
    const withFiles = await queued.call('/v1/packets', withAttachments(full));
    expect(withFiles.status).toBe(200);
    const parts = JSON.parse(withFiles.headers.get('authpack-parts')!) as { kind: string }[];
    expect(parts.filter((x) => x.kind === 'attachment')).toHaveLength(full.attachments.length);
    expect(sha256(await withFiles.arrayBuffer())).toBe(sha256(await (await local.call('/v1/packets', withAttachments(full))).arrayBuffer()));

    // A bad upload: 422 from the worker's validation, naming the field, never the shared folder.
    const signed = buildCase((x) => (x.signature.image = 'scans/signature.png'));
    const wrong = await queued.call('/v1/packets', withAttachments(signed, [{ name: 'signature.png', bytes: new TextEncoder().encode('not a picture') }]));
    expect(wrong.status).toBe(422);
    const wrongText = await wrong.text();
    expect((JSON.parse(wrongText) as { error: { code: string } }).error.code).toBe('validate/signature-image-not-supported');
    expect(wrongText).not.toContain(shared);
    expect(wrongText).not.toContain('.authpack-queue');

    // FHIR: the PAS bundle, as the local pool makes it.
    const fhir = await queued.call('/v1/packets?fhir=1', json(c));
    expect(fhir.status).toBe(200);
    expect(fhir.headers.get('content-type')).toBe('application/fhir+json');
    const bundle = await fhir.text();
    expect((JSON.parse(bundle) as { resourceType: string }).resourceType).toBe('Bundle');
    expect(bundle).toBe(await (await local.call('/v1/packets?fhir=1', json(c))).text());

    // An invalid case: 422 with the same diagnostics as the local pool gives.
    const bad = bareCase((x) => (x.prescriber.npi = '123'));
    const [badQ, badP] = [await queued.call('/v1/packets', json(bad)), await local.call('/v1/packets', json(bad))];
    expect(badQ.status).toBe(422);
    expect(await badQ.json()).toEqual(await badP.json());

    // Nothing of the requests is left: no request folder, no job, and no case data in any Redis value.
    expect(requestFolders(shared)).toEqual([]);
    const { keys, text } = await redisContents(redis.url);
    expect(keys.filter((k) => /:serve-[0-9a-f]+$/.test(k))).toEqual([]);
    for (const value of [c.patient.lastName, c.patient.memberId, c.caseId, full.patient.lastName]) expect(text).not.toContain(String(value));
    expect(text).not.toContain('%PDF');
    expect(Number(redis.cli('zcard', 'authpack:authpack:prioritized').trim())).toBe(0);
    expect(worker.stderr()).not.toContain(String(c.patient.lastName));

    // Over the time limit before the worker can answer (1 ms: a render on a warm worker may take less than 150): 504,
    // and once the worker has stopped the render, nothing is left either (the worker writes nothing after the
    // deadline, and the folder is removed).
    const hasty = await testServer({ redis: redisTarget({ redis: redis.url }), shared, renderTimeoutMs: 1 });
    expect((await hasty.call('/v1/packets', withAttachments(full))).status).toBe(504);
    await hasty.close();
    expect(requestFolders(shared)).toEqual([]);
    await until(async () => (await redisContents(redis.url)).keys.every((k) => !/:serve-[0-9a-f]+(:lock)?$/.test(k)), 10_000, 'the timed-out job to leave Redis');
    expect(await worker.stop()).toBe(0);
    await redis.stop();
  }, 180_000);

  it('with no worker running: 504 after --render-timeout, and the job and its folder are removed; past --queue renders in flight, 503 with Retry-After', async () => {
    const redis = await startRedis();
    const shared = makeTempDir('serve-shared');
    const server = await testServer({ redis: redisTarget({ redis: redis.url }), shared, renderTimeoutMs: 2_000, queue: 1 });
    const c = bareCase();
    const first = server.call('/v1/packets', json(c));
    await until(() => requestFolders(shared).length === 1, 10_000, 'the request folder');
    const second = await server.call('/v1/packets', json(c));
    expect(second.status).toBe(503);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const timedOut = await first;
    expect(timedOut.status).toBe(504);
    expect(((await timedOut.json()) as { error: { code: string } }).error.code).toBe('serve/render-timeout');
    expect(requestFolders(shared)).toEqual([]);
    const { keys, text } = await redisContents(redis.url);
    expect(keys.filter((k) => /:serve-[0-9a-f]+$/.test(k))).toEqual([]);
    expect(text).not.toContain(String(c.patient.lastName));
    expect(Number(redis.cli('zcard', 'authpack:authpack:prioritized').trim())).toBe(0);
    // Health says when Redis does not answer (the server itself is up).
    await redis.stop();
    const health = await server.call('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', renders: 'queue', queue: 'authpack', redis: 'down' });
    await server.close(1_000);
  }, 60_000);

  it('the CLI: --redis needs --shared (exit 2, naming both), queue flags need --redis, and a queue-mode server starts and stops', async () => {
    const noShared = await runAuthpack(['serve', '--redis', 'redis://127.0.0.1:1']);
    expect(noShared.code).toBe(2);
    expect(noShared.stderr).toContain('--redis');
    expect(noShared.stderr).toContain('--shared');
    const fromEnv = await runAuthpack(['serve'], { env: { AUTHPACK_REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('AUTHPACK_REDIS_URL needs --shared');
    const sharedAlone = await runAuthpack(['serve', '--shared', ROOT]);
    expect(sharedAlone.code).toBe(2);
    expect(sharedAlone.stderr).toContain('--redis');

    const redis = await startRedis();
    const shared = makeTempDir('serve-shared');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--date', TODAY, '--shared', shared, '--queue-name', 'web'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AUTHPACK_TOKEN: '', AUTHPACK_REDIS_URL: redis.url } });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await until(() => /workbench at (http:\/\/[^ ]+?)\/ /.test(stderr) || child.exitCode !== null, 20_000, 'the server to listen');
    const url = /workbench at (http:\/\/[^ ]+?)\/ /.exec(stderr)![1]!;
    expect(stderr).toContain(`renders on the queue "web" at redis://127.0.0.1:${redis.port}`);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok', renders: 'queue', queue: 'web', redis: 'up' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await redis.stop();
  }, 60_000);
});
