// The queue's parts that need no Redis: the Redis URL (TLS, password, database, errors that never echo a password),
// job ids, and the folder output store (atomic put, keys kept inside it, schemes not built yet refused).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderStore, openStore, type CommitError } from '../../src/queue/output-store.js';
import { redisTarget } from '../../src/queue/redis-connection.js';
import { jobId } from '../../src/queue/submit.js';
import { UsageError } from '../../src/diagnostics/errors.js';
import { catchError } from '../support/catch-error.js';
import { makeTempDir } from '../support/temp.js';

describe('the Redis URL', () => {
  it('reads host, port, user, password and database, and TLS from rediss:// with a private CA', () => {
    const dir = makeTempDir('redis-url');
    const ca = path.join(dir, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    const t = redisTarget({ redis: 'rediss://worker:p%40ss@redis.internal:6380/2', redisCa: ca });
    expect(t.options).toMatchObject({ host: 'redis.internal', port: 6380, username: 'worker', password: 'p@ss', db: 2, maxRetriesPerRequest: null });
    expect(t.options.tls).toMatchObject({ servername: 'redis.internal' });
    expect(String((t.options.tls as { ca: Buffer }).ca)).toContain('BEGIN CERTIFICATE');
    expect(t.shown).toBe('rediss://worker:***@redis.internal:6380/2');
    expect(redisTarget({}, { AUTHPACK_REDIS_URL: 'redis://127.0.0.1' }).options).toMatchObject({ host: '127.0.0.1', port: 6379 });
    expect(redisTarget({ redis: 'redis://:secret@h:1' }).shown).toBe('redis://:***@h:1');
  });

  it('refuses what it cannot use, without echoing a password (exit 2)', () => {
    for (const [url, words] of [
      ['http://u:secret@h:1', 'has the scheme http'],
      ['not a url secret', 'is not a URL'],
      ['redis://:secret@h:1/cache', 'names the database "cache"'],
    ] as const) {
      const err = catchError(UsageError, () => redisTarget({ redis: url }));
      expect(err.exitCode).toBe(2);
      expect(err.diagnostics[0]!.message).toContain(words);
      expect(JSON.stringify(err.diagnostics)).not.toContain('secret');
    }
    expect(catchError(UsageError, () => redisTarget({}, {})).diagnostics[0]!.code).toBe('queue/no-redis');
    expect(catchError(UsageError, () => redisTarget({ redis: 'redis://h:1', redisCa: '/no/such/ca.pem' })).diagnostics[0]!.code).toBe('queue/ca-without-tls');
    expect(catchError(UsageError, () => redisTarget({ redis: 'rediss://h:1', redisCa: '/no/such/ca.pem' })).diagnostics[0]!.code).toBe('queue/redis-ca');
  });
});

describe('job ids', () => {
  it('are the case id made safe for Redis keys, and the input hash', () => {
    expect(jobId('PA-2026-0142', 'ab'.repeat(32))).toBe(`PA-2026-0142-${'ab'.repeat(16)}`);
    expect(jobId('a:b/c d', 'cd'.repeat(32))).toBe(`a_b_c_d-${'cd'.repeat(16)}`);
    expect(jobId('', 'ef'.repeat(32))).toBe(`case-${'ef'.repeat(16)}`);
  });
});

describe('the folder output store', () => {
  it('puts atomically (no temp file left, mode 0600), reads, lists and deletes', async () => {
    const store = new FolderStore(makeTempDir('store'));
    await store.put('sub/a.pdf', new Uint8Array([1, 2, 3]));
    await store.put('sub/a.pdf', new Uint8Array([4, 5]));
    expect([...(await store.get('sub/a.pdf'))!]).toEqual([4, 5]);
    expect(await store.get('sub/none.pdf')).toBeUndefined();
    expect(await store.list('sub/')).toEqual(['sub/a.pdf']);
    expect(readdirSync(path.join(store.root, '.authpack-queue', 'tmp'))).toEqual([]);
    expect(statSync(path.join(store.root, 'sub', 'a.pdf')).mode & 0o777).toBe(0o600);
    await store.delete('sub/a.pdf');
    expect(await store.list('sub/')).toEqual([]);
    await expect(store.put('../escape.pdf', new Uint8Array([1]))).rejects.toThrow('outside the store');
  });

  it('commits a file written into its temp folder (flushed, renamed into place), and makes a removed folder again', async () => {
    const store = new FolderStore(makeTempDir('store-commit'));
    const stage = (bytes: number[]) => {
      mkdirSync(store.tempDir, { recursive: true });
      const temp = path.join(store.tempDir, `x${bytes.join('')}.tmp`);
      writeFileSync(temp, new Uint8Array(bytes), { mode: 0o600 });
      return temp;
    };
    await store.commitAll([{ key: 'out/p.pdf', temp: stage([1, 2]) }]);
    expect([...readFileSync(path.join(store.root, 'out', 'p.pdf'))]).toEqual([1, 2]);
    // The folder is removed after the store made it: the next write makes it again.
    rmSync(path.join(store.root, 'out'), { recursive: true });
    await store.commitAll([{ key: 'out/p.pdf', temp: stage([3]) }]);
    rmSync(path.join(store.root, '.authpack-queue', 'rows'), { recursive: true, force: true });
    await store.put('.authpack-queue/rows/r.json', new Uint8Array([4]));
    rmSync(path.join(store.root, '.authpack-queue'), { recursive: true });
    await store.put('.authpack-queue/rows/r.json', new Uint8Array([5]));
    expect([...readFileSync(path.join(store.root, 'out', 'p.pdf'))]).toEqual([3]);
    expect([...(await store.get('.authpack-queue/rows/r.json'))!]).toEqual([5]);
    expect(readdirSync(store.tempDir)).toEqual([]);
    // A temp file that is gone: the commit fails and nothing is put in place.
    await expect(store.commitAll([{ key: 'out/q.pdf', temp: path.join(store.tempDir, 'gone.tmp') }])).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.get('out/q.pdf')).toBeUndefined();
  });

  it('puts a packet and its row in place together, in order; a failure says how many were placed and leaves no temp file', async () => {
    const store = new FolderStore(makeTempDir('store-commit-all'));
    mkdirSync(store.tempDir, { recursive: true });
    const stage = (name: string, bytes: number[]) => {
      const temp = path.join(store.tempDir, name);
      writeFileSync(temp, new Uint8Array(bytes), { mode: 0o600 });
      return temp;
    };
    await store.commitAll([{ key: 'out/p.pdf', temp: stage('p.tmp', [1, 2]) }, { key: '.authpack-queue/rows/p.json', bytes: new Uint8Array([7]) }]);
    expect([...readFileSync(path.join(store.root, 'out', 'p.pdf'))]).toEqual([1, 2]);
    expect([...(await store.get('.authpack-queue/rows/p.json'))!]).toEqual([7]);
    expect(statSync(path.join(store.root, '.authpack-queue', 'rows', 'p.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(store.tempDir)).toEqual([]);
    // The row's folder is a file: the packet is in place (placed 1), the row is not, and its temp file is gone.
    writeFileSync(path.join(store.root, 'blocked'), '');
    await expect(store.commitAll([{ key: 'out/q.pdf', temp: stage('q.tmp', [3]) }, { key: 'blocked/q.json', bytes: new Uint8Array([8]) }])).rejects.toMatchObject({ placed: 1 });
    expect([...(await store.get('out/q.pdf'))!]).toEqual([3]);
    expect(readdirSync(store.tempDir)).toEqual([]);
    // The packet's temp file is gone: nothing is placed (placed 0), and the row's temp file is removed too.
    await expect(store.commitAll([{ key: 'out/r.pdf', temp: path.join(store.tempDir, 'gone.tmp') }, { key: '.authpack-queue/rows/r.json', bytes: new Uint8Array([9]) }])).rejects.toMatchObject({ code: 'ENOENT', placed: 0 });
    expect(await store.get('out/r.pdf')).toBeUndefined();
    expect(await store.get('.authpack-queue/rows/r.json')).toBeUndefined();
    expect(readdirSync(store.tempDir)).toEqual([]);
  });

  it('commits in groups: held until the group is full or its time is up, each commit failing or succeeding on its own', async () => {
    const store = new FolderStore(makeTempDir('store-group'), { ms: 60_000, max: 3 });
    mkdirSync(store.tempDir, { recursive: true });
    const stage = (name: string, bytes: number[]) => {
      const temp = path.join(store.tempDir, name);
      writeFileSync(temp, new Uint8Array(bytes), { mode: 0o600 });
      return temp;
    };
    const settled: string[] = [];
    const track = (name: string, p: Promise<void>) => p.then(() => void settled.push(`${name} ok`), (err: CommitError) => void settled.push(`${name} ${err.code} placed ${err.placed}`));
    const a = track('a', store.commitAll([{ key: 'out/a.pdf', temp: stage('a.tmp', [1]) }, { key: '.authpack-queue/rows/a.json', bytes: new Uint8Array([2]) }]));
    const b = track('b', store.commitAll([{ key: 'out/b.pdf', temp: path.join(store.tempDir, 'gone.tmp') }, { key: '.authpack-queue/rows/b.json', bytes: new Uint8Array([3]) }]));
    // Two of three: held (the group's time is a minute), nothing in place yet.
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toEqual([]);
    expect(await store.get('out/a.pdf')).toBeUndefined();
    // The third fills the group: all three commit together; b's packet is gone, which fails b alone.
    const c = track('c', store.commitAll([{ key: 'out/c.pdf', temp: stage('c.tmp', [4]) }]));
    await Promise.all([a, b, c]);
    expect(settled.sort()).toEqual(['a ok', 'b ENOENT placed 0', 'c ok']);
    expect([...(await store.get('out/a.pdf'))!]).toEqual([1]);
    expect([...(await store.get('.authpack-queue/rows/a.json'))!]).toEqual([2]);
    expect([...(await store.get('out/c.pdf'))!]).toEqual([4]);
    expect(await store.get('.authpack-queue/rows/b.json')).toBeUndefined();
    expect(readdirSync(store.tempDir)).toEqual([]);
    // A lone commit is held for the group's time, then commits on its own.
    const quick = new FolderStore(makeTempDir('store-group-time'), { ms: 30, max: 100 });
    const t0 = performance.now();
    await quick.put('r.json', new Uint8Array([5]));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
    expect([...(await quick.get('r.json'))!]).toEqual([5]);
    // The group's size is read at each commit (a worker's follows the threads it renders on): made smaller, the
    // next commit fills it and both commit at once.
    let max = 5;
    const live = new FolderStore(makeTempDir('store-group-size'), {
      ms: 60_000,
      get max() {
        return max;
      },
    });
    const first = live.put('one.json', new Uint8Array([6]));
    max = 2;
    await Promise.all([first, live.put('two.json', new Uint8Array([7]))]);
    expect([...(await live.get('one.json'))!, ...(await live.get('two.json'))!]).toEqual([6, 7]);
  });

  it('opens a folder path or a file:// URL; other schemes are refused with a usage error', () => {
    const dir = makeTempDir('store-uri');
    expect(openStore(dir).root).toBe(dir);
    expect(openStore(`file://${dir}`).root).toBe(dir);
    const err = catchError(UsageError, () => openStore('s3://bucket/packets'));
    expect(err.exitCode).toBe(2);
    expect(err.diagnostics[0]!.message).toContain('the s3:// scheme is not supported yet');
  });
});
