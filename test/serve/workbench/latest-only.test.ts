// Only the latest edit's run goes on: a newer request replaces the pending one and aborts the one in flight.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestOnly } from '../../../src/serve/workbench/latest-only.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('latestOnly', () => {
  it('runs once, after the pause, for a burst of requests', async () => {
    const runs: number[] = [];
    const r = latestOnly(async (_s, rev) => void runs.push(rev), 100, () => {});
    r.request();
    await vi.advanceTimersByTimeAsync(50);
    r.request();
    r.request();
    await vi.advanceTimersByTimeAsync(99);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([3]);
    expect(r.revision).toBe(3);
  });

  it('aborts the run in flight when a newer one starts, and reports only real failures', async () => {
    const signals: AbortSignal[] = [];
    const errors: unknown[] = [];
    const r = latestOnly(
      (signal) =>
        new Promise<void>((_resolve, reject) => {
          signals.push(signal);
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
      10,
      (e) => errors.push(e),
    );
    r.now();
    r.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    expect(errors).toEqual([]);
    const failing = latestOnly(async () => Promise.reject(new Error('server down')), 0, (e) => errors.push(e));
    failing.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => (e as Error).message)).toEqual(['server down']);
  });
});
