// `queue work` on a shared host: every worker counts the render threads of all the workers of its host (through
// Redis, by the kernel's boot id), and runs its render pool under the pool's V8 flags once the host has no CPU to
// spare, switching pools without losing a render (the same packet either way).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderQueued, type QueuedResult, type QueuedTask } from '../../src/batch/batch-worker.js';
import { WORKER_HEAP } from '../../src/batch/worker-limits.js';
import { HostPool } from '../../src/queue/host-pool.js';
import { hostId, hostKey, joinHost } from '../../src/queue/host-registry.js';
import { redisTarget } from '../../src/queue/redis-connection.js';
import { waitForRun } from '../../src/queue/run-status.js';
import { submitRun } from '../../src/queue/submit.js';
import { startWorker } from '../../src/queue/work.js';
import { TODAY } from '../support/build-case.js';
import { startRedis, type TestRedis } from '../support/redis-server.js';
import { caseFolder } from './queue-support.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the host registry', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(redis.url);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await redis.stop();
  });

  it('counts the render threads of every live worker of the host; one that leaves or falls silent stops counting', async () => {
    const host = 'test-host-a';
    const seenByA: number[] = [];
    const a = await joinHost(client(), 1, (s) => seenByA.push(s.threads), { host, heartbeatMs: 100, cpus: 2 });
    expect(a.threads).toBe(1);
    const b = await joinHost(client(), 2, () => {}, { host, heartbeatMs: 100, cpus: 2 });
    expect(b.threads).toBe(3);
    // Another host's workers are not counted.
    const other = await joinHost(client(), 4, () => {}, { host: 'test-host-b', heartbeatMs: 100, cpus: 2 });
    await sleep(250);
    expect(a.threads).toBe(3);
    expect(seenByA).toEqual([3]);

    // A worker killed without leaving: its entry (written here as if its last beat was long ago) is dropped.
    await client().zadd(hostKey(host), Date.now() - 10_000, 'killed-worker:8');
    await sleep(250);
    expect(a.threads).toBe(3);

    await b.close();
    await sleep(250);
    expect(a.threads).toBe(1);
    expect(seenByA).toEqual([3, 1]);
    await a.close();
    await other.close();
    expect(await client().zcard(hostKey(host))).toBe(0);
    // Only join times, random worker ids and thread counts are kept, under the host's id.
    expect(hostId()).toMatch(/\S/);
  });

  it('never lets a host render more at once than its CPUs: the first workers keep their threads, a later one stands by until one leaves', async () => {
    const host = 'test-host-c';
    const shares: { allowed: number }[] = [];
    const first = await joinHost(client(), 1, () => {}, { host, heartbeatMs: 100, cpus: 2 });
    const second = await joinHost(client(), 2, () => {}, { host, heartbeatMs: 100, cpus: 2 });
    const third = await joinHost(client(), 1, (s) => shares.push(s), { host, heartbeatMs: 100, cpus: 2 });
    await sleep(250);
    expect([first.allowed, second.allowed, third.allowed]).toEqual([1, 1, 0]);
    expect(third.threads).toBe(4);
    await first.close();
    await sleep(250);
    // The second worker now has both CPUs; the third still none.
    expect([second.allowed, third.allowed]).toEqual([2, 0]);
    await second.close();
    await sleep(250);
    expect(third.allowed).toBe(1);
    expect(shares.at(-1)).toEqual({ threads: 1, allowed: 1 });
    await third.close();
  });
});

describe('queue work on a full host', () => {
  it('takes no job while the workers before it fill the CPUs, and takes them once one leaves', async () => {
    const redis = await startRedis();
    const target = redisTarget({ redis: redis.url });
    const { dir, cases } = caseFolder(3);
    const out = path.join(dir, 'out');
    const rendered: string[] = [];
    const standing: string[] = [];
    const as = (name: string) => ({
      redis: target,
      concurrency: 1,
      hostCpus: 1,
      renderWith: async (task: QueuedTask) => {
        rendered.push(name);
        return renderQueued(task);
      },
      onDiagnostic: (d: { code: string }) => standing.push(`${name} ${d.code}`),
    });
    const first = await startWorker(as('first'));
    const second = await startWorker(as('second'));
    let firstOpen = true;
    try {
      expect(standing).toEqual(['second queue/standing-by']);
      const run = await submitRun({ inputs: [cases], redis: target, output: out, generate: { date: TODAY } });
      expect((await waitForRun(run.runId, { redis: target, timeoutMs: 60_000, pollMs: 100 })).done).toBe(3);
      expect(rendered).toEqual(['first', 'first', 'first']);

      // The first leaves: the second takes the next run's cases (at its next heartbeat, within 5 s).
      await first.close();
      firstOpen = false;
      const more = caseFolder(0, { 'r001.yaml': (c) => (c.caseId = 'R-1'), 'r002.yaml': (c) => (c.caseId = 'R-2') });
      const next = await submitRun({ inputs: [more.cases], redis: target, output: path.join(more.dir, 'out'), generate: { date: TODAY } });
      expect((await waitForRun(next.runId, { redis: target, timeoutMs: 60_000, pollMs: 100 })).done).toBe(2);
      expect(rendered.slice(3)).toEqual(['second', 'second']);
    } finally {
      if (firstOpen) await first.close();
      await second.close();
      await redis.stop();
    }
  }, 120_000);
});

describe('the host-aware render pool', () => {
  const caseText = readFileSync(path.join(root, 'samples', 'gbm-initial.yaml'), 'utf8');
  const task: QueuedTask = { label: 'gbm-initial.yaml', text: caseText, baseDir: path.join(root, 'samples'), options: { date: '2026-11-26' } };

  it('renders without the V8 flags while the host has a CPU to spare, under them once it has none, the same packet either way', async () => {
    const pool = new HostPool<QueuedTask, QueuedResult>({ filename: path.join(root, 'dist', 'batch-worker.js'), name: 'renderQueued', threads: 1, idleTimeout: 60_000, resourceLimits: WORKER_HEAP }, 1, 2);
    try {
      expect(pool.spareCpu).toBe(true);
      const spare = await pool.run(task);
      expect(spare.status).toBe('ok');
      expect(pool.open).toEqual(['spare']);

      // A second worker of one thread joins on this 2-CPU host: the next render runs in the flagged pool's
      // process, and the spare pool is closed as nothing runs on it.
      pool.hostThreads(2);
      expect(pool.spareCpu).toBe(false);
      const flagged = await pool.run(task);
      expect(pool.open).toEqual(['flagged']);
      expect(flagged.sha256).toBe(spare.sha256);

      // A render in progress finishes on its pool when the host changes under it.
      const running = pool.run(task);
      pool.hostThreads(1);
      expect(pool.open).toEqual(['flagged']);
      expect((await running).sha256).toBe(spare.sha256);
      expect(pool.open).toEqual([]);
      expect((await pool.run(task)).sha256).toBe(spare.sha256);
      expect(pool.open).toEqual(['spare']);
    } finally {
      await pool.close();
    }
    expect(pool.open).toEqual([]);
  }, 60_000);
});
