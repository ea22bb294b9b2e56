// The render pool in both its homes: its own process (ProcessPool + dist/pool-host.js, built by `npm run build`) and
// this process (FifoPool, as under `dist/authpack batch`). Results and bytes cross intact, a cancelled task rejects
// at once while the others go on, a worker out of memory is told apart, tasks start first in first out (with or
// without a signal), a time limit counts from when a thread takes the task, and the number running at once can be
// lowered; the pool's process runs its workers under the pool's V8 flags and closing leaves it not running.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { poolHost } from '../../src/batch/open-pool.js';
import { POOL_FLAGS } from '../../src/batch/pool-flags.js';
import { FifoPool } from '../../src/batch/fifo-pool.js';
import { ProcessPool } from '../../src/batch/process-pool.js';
import { makeTempDir } from '../support/temp.js';

interface Task {
  kind: 'echo' | 'sleep' | 'throw' | 'hog' | 'flags' | 'count' | 'gate';
  n?: number;
  /** 'gate': the folder where the task says it started (started-N) and waits for a file named go. */
  dir?: string;
}

function workerFile(): string {
  const file = path.join(makeTempDir('process-pool'), 'worker.mjs');
  writeFileSync(
    file,
    `let started = 0;
export default async function (t) {
  if (t.kind === 'count') return new Promise((r) => setTimeout(() => r(started++), t.n ?? 0));
  if (t.kind === 'echo') return { bytes: new Uint8Array(t.n).map((_, i) => i % 251), pid: process.pid };
  if (t.kind === 'sleep') return new Promise((r) => setTimeout(() => r('slept'), t.n));
  if (t.kind === 'throw') throw new Error('no such case');
  if (t.kind === 'flags') return process.execArgv;
  if (t.kind === 'gate') {
    const fs = await import('node:fs');
    fs.writeFileSync(t.dir + '/started-' + t.n, '');
    while (!fs.existsSync(t.dir + '/go')) await new Promise((r) => setTimeout(r, 10));
    return t.n;
  }
  const keep = [];
  for (;;) keep.push(new Array(1e5).fill({ a: keep.length }));
}
`,
  );
  return file;
}

const limits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 32 };
const homes = {
  ProcessPool: (filename: string, threads = 2) => new ProcessPool<Task, unknown>(poolHost(), { filename, threads, idleTimeout: 60_000, resourceLimits: limits }),
  FifoPool: (filename: string, threads = 2) => new FifoPool<Task, unknown>({ filename, threads, idleTimeout: 60_000, resourceLimits: limits }),
};
const start = homes.ProcessPool;

describe('ProcessPool', () => {
  it('returns results with their bytes from another process, under the pool flags, and closes cleanly', async () => {
    const pool = start(workerFile());
    const [a, b] = (await Promise.all([pool.run({ kind: 'echo', n: 70_000 }), pool.run({ kind: 'echo', n: 3 })])) as { bytes: Uint8Array; pid: number }[];
    expect(a!.bytes).toBeInstanceOf(Uint8Array);
    expect(a!.bytes.length).toBe(70_000);
    expect(a!.bytes[260]).toBe(260 % 251);
    expect([...b!.bytes]).toEqual([0, 1, 2]);
    expect(a!.pid).not.toBe(process.pid);
    expect(await pool.run({ kind: 'flags' })).toEqual([...POOL_FLAGS]);
    await expect(pool.run({ kind: 'throw' })).rejects.toThrow('no such case');
    await pool.close();
    expect(pool.peakRssMiB).toBeGreaterThan(10);
    expect(() => process.kill(a!.pid, 0)).toThrow();
    await expect(pool.run({ kind: 'echo', n: 1 })).rejects.toThrow(/stopped/);
  });

  it('is not needed in a process under the pool flags: FifoPool runs the same tasks on threads of this process', async () => {
    const pool = homes.FifoPool(workerFile());
    try {
      const a = (await pool.run({ kind: 'echo', n: 70_000 })) as { bytes: Uint8Array; pid: number };
      expect(a.bytes.length).toBe(70_000);
      expect(a.bytes[260]).toBe(260 % 251);
      expect(a.pid).toBe(process.pid);
      await expect(pool.run({ kind: 'throw' })).rejects.toThrow('no such case');
      expect(pool.peakRssMiB).toBe(0);
    } finally {
      await pool.close();
    }
    await expect(pool.run({ kind: 'echo', n: 1 })).rejects.toThrow(/closed/);
  });
});

describe.each(Object.entries(homes))('%s', (_, open) => {
  it('a cancelled task rejects at once with an AbortError; the pool goes on', async () => {
    const pool = open(workerFile(), 1);
    try {
      const controller = new AbortController();
      const slow = pool.run({ kind: 'sleep', n: 30_000 }, { signal: controller.signal });
      const t = performance.now();
      setTimeout(() => controller.abort(), 50);
      await expect(slow).rejects.toMatchObject({ name: 'AbortError' });
      expect(performance.now() - t).toBeLessThan(5_000);
      expect(await pool.run({ kind: 'sleep', n: 1 })).toBe('slept');
    } finally {
      await pool.close();
    }
  });

  it('tasks start in the order they were given, with or without a signal; a task cancelled while waiting never starts', async () => {
    const pool = open(workerFile(), 1);
    try {
      const signals = Array.from({ length: 12 }, () => new AbortController());
      const first = pool.run({ kind: 'count', n: 150 }, { signal: signals[0]!.signal });
      const rest = signals.slice(1).map((c, i) => pool.run({ kind: 'count', n: 2 }, i % 3 === 0 ? {} : { signal: c.signal }));
      signals[5]!.abort();
      const settled = await Promise.allSettled([first, ...rest]);
      expect(settled[5]).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
      const order = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
      expect(order).toEqual([...Array(11).keys()]);
    } finally {
      await pool.close();
    }
  });

  it("a task's time limit counts from when a thread takes it: a task that waited for the thread is not cut short; one over its limit rejects with ERR_RENDER_TIMEOUT", async () => {
    const pool = open(workerFile(), 1);
    try {
      // The second task waits about 400 ms for the thread, then sleeps 400 ms: 800 ms after it was given, inside a
      // 700 ms limit only if the limit starts with the thread.
      const [a, b] = await Promise.all([pool.run({ kind: 'sleep', n: 400 }, { timeoutMs: 10_000 }), pool.run({ kind: 'sleep', n: 400 }, { timeoutMs: 700 })]);
      expect([a, b]).toEqual(['slept', 'slept']);
      const t = performance.now();
      await expect(pool.run({ kind: 'sleep', n: 30_000 }, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'ERR_RENDER_TIMEOUT' });
      expect(performance.now() - t).toBeLessThan(10_000);
      expect(await pool.run({ kind: 'sleep', n: 1 })).toBe('slept');
    } finally {
      await pool.close();
    }
  });

  it('setLimit lowers how many tasks run at once below the threads, and raises it again', async () => {
    const pool = open(workerFile(), 2);
    const dir = makeTempDir('pool-limit');
    const started = () => readdirSync(dir).filter((f) => f.startsWith('started-')).sort();
    const until = async (ok: () => boolean) => {
      for (const t = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() - t > 20_000) throw new Error('timed out waiting');
    };
    try {
      pool.setLimit(1);
      const both = Promise.all([pool.run({ kind: 'gate', n: 0, dir }), pool.run({ kind: 'gate', n: 1, dir })]);
      await until(() => started().length > 0);
      await new Promise((r) => setTimeout(r, 300));
      expect(started()).toEqual(['started-0']);
      pool.setLimit(2);
      await until(() => started().length === 2);
      writeFileSync(path.join(dir, 'go'), '');
      expect(await both).toEqual([0, 1]);
    } finally {
      await pool.close();
    }
  });

  it('a worker that runs out of memory rejects with ERR_WORKER_OUT_OF_MEMORY; the next task gets a new worker', async () => {
    const pool = open(workerFile(), 1);
    try {
      await expect(pool.run({ kind: 'hog' })).rejects.toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
      expect(await pool.run({ kind: 'sleep', n: 1 })).toBe('slept');
    } finally {
      await pool.close();
    }
  });
});
