// Which failures a queued job retries: a crashed render (it may pass) is retried with exponential back-off, up to
// its attempts, and then reported failed; a case's own failure (an attachment gone since submit: exit 3; a corrupt
// one: exit 5; one over its time limit, stopped by the render pool) is reported at once, rendered once. The worker
// runs in this process, its renders through a wrapper that can crash them (or on its own pool).
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderQueued, type QueuedTask } from '../../src/batch/batch-worker.js';
import { redisTarget } from '../../src/queue/redis-connection.js';
import { runStatus, waitForRun, writeRunReport } from '../../src/queue/run-status.js';
import { submitRun } from '../../src/queue/submit.js';
import { startWorker } from '../../src/queue/work.js';
import { TODAY } from '../support/build-case.js';
import { startRedis } from '../support/redis-server.js';
import { caseFolder } from './queue-support.js';

describe('queue retries', () => {
  it('retries a crashed render with back-off, gives up after its attempts, and never retries a case that fails on its own', async () => {
    const redis = await startRedis();
    const { dir, cases } = caseFolder(3, {
      'q004.yaml': (c) => ((c.caseId = 'Q-4'), (c.attachments[0].file = 'attachments/corrupt.pdf')),
      'q005.yaml': (c) => ((c.caseId = 'Q-5'), (c.attachments[0].file = 'attachments/moved-away.pdf')),
    });
    writeFileSync(path.join(cases, 'attachments', 'corrupt.pdf'), '%PDF-1.7\nthis is not a PDF at all\n');
    const movedAway = path.join(cases, 'attachments', 'moved-away.pdf');
    copyFileSync(path.join(cases, 'attachments', 'clinic-note-2026-08-10.pdf'), movedAway);
    const target = redisTarget({ redis: redis.url });
    const out = path.join(dir, 'out');
    const run = await submitRun({ inputs: [cases], redis: target, output: out, generate: { date: TODAY } });
    expect(run).toMatchObject({ total: 5, queued: 5, invalid: 0 });
    // Valid when submitted; gone by the time a worker renders it.
    rmSync(movedAway);

    const calls = new Map<string, number[]>();
    const renderWith = async (task: QueuedTask) => {
      const id = path.basename(task.label, '.yaml');
      calls.set(id, [...(calls.get(id) ?? []), Date.now()]);
      // q002 crashes once, q003 every time: what a worker thread dying looks like to the job.
      if ((id === 'q002' && calls.get(id)!.length === 1) || id === 'q003') throw new Error('the render thread exited unexpectedly');
      return renderQueued(task);
    };
    const worker = await startWorker({ redis: target, concurrency: 1, stallMs: 5_000, renderWith });
    try {
      const done = await waitForRun(run.runId, { redis: target, timeoutMs: 60_000, pollMs: 100 });
      expect(done).toMatchObject({ finished: true, done: 2, failed: 3 });
    } finally {
      await worker.close();
    }

    expect(calls.get('q001')).toHaveLength(1);
    // Crashed once, retried after the first back-off (1 s).
    const q2 = calls.get('q002')!;
    expect(q2).toHaveLength(2);
    expect(q2[1]! - q2[0]!).toBeGreaterThanOrEqual(950);
    // Crashed on every attempt: three, each back-off twice the one before (1 s, 2 s).
    const q3 = calls.get('q003')!;
    expect(q3).toHaveLength(3);
    expect(q3[1]! - q3[0]!).toBeGreaterThanOrEqual(950);
    expect(q3[2]! - q3[1]!).toBeGreaterThanOrEqual(1_950);
    // A case that fails on its own is rendered once.
    expect(calls.get('q004')).toHaveLength(1);
    expect(calls.get('q005')).toHaveLength(1);

    const { rows } = await writeRunReport(run.runId, path.join(dir, 'report'), { redis: target });
    const byId = Object.fromEntries(rows.map((r) => [r.caseId, r]));
    expect(byId['Q-1']).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(byId['Q-2']).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(byId['Q-3']).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(byId['Q-3']!.errors[0]!.code).toBe('queue/job-failed');
    expect(byId['Q-3']!.errors[0]!.message).toContain('failed 3 times (the render thread exited unexpectedly)');
    expect(byId['Q-4']).toMatchObject({ status: 'failed', exitCode: 5 });
    expect(byId['Q-4']!.errors.length).toBeGreaterThan(0);
    expect(byId['Q-5']).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(byId['Q-5']!.errors.map((e) => e.code)).toContain('validate/attachment-missing');
    // The failed job was removed once its row was written: nothing of it (or of the others) is left in Redis.
    expect(redis.cli('keys', 'authpack:authpack:Q-*').trim()).toBe('');
    expect(Number(redis.cli('zcard', 'authpack:authpack:failed'))).toBe(0);
    expect((await runStatus(run.runId, { redis: target })).active).toBe(0);
    await redis.stop();
  }, 120_000);

  it('stops a case over its time limit in the render pool and reports it failed at once, never retried', async () => {
    const redis = await startRedis();
    const { dir, cases } = caseFolder(2);
    const target = redisTarget({ redis: redis.url });
    const run = await submitRun({ inputs: [cases], redis: target, output: path.join(dir, 'out'), generate: { date: TODAY } });
    // 1 ms: no render fits, the one that waits for the thread included (its time starts when the thread takes it).
    const worker = await startWorker({ redis: target, concurrency: 1, stallMs: 5_000, caseTimeoutMs: 1 });
    try {
      expect(await waitForRun(run.runId, { redis: target, timeoutMs: 60_000, pollMs: 100 })).toMatchObject({ finished: true, done: 0, failed: 2 });
    } finally {
      await worker.close();
    }
    const { rows } = await writeRunReport(run.runId, path.join(dir, 'report'), { redis: target });
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'failed', exitCode: 5, output: '' });
      expect(row.errors).toEqual([{ code: 'batch/case-timeout', message: expect.stringContaining('--case-timeout 0.001 s') }]);
    }
    expect(Number(redis.cli('zcard', 'authpack:authpack:failed'))).toBe(0);
    expect(redis.cli('keys', 'authpack:authpack:Q-*').trim()).toBe('');
    await redis.stop();
  }, 60_000);
});
