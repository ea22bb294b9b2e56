// Only the latest edit's run goes on: a newer request replaces the pending one; in flight, a cheap run is aborted
// and a costly one finishes, with at most `maxInFlight` at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestOnly } from '../../../src/serve/workbench/latest-only.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A job whose runs end when the test says so. */
function controlledJob() {
  const started: number[] = [];
  const signals: AbortSignal[] = [];
  const finish: (() => void)[] = [];
  const job = (signal: AbortSignal, rev: number) =>
    new Promise<void>((resolve, reject) => {
      started.push(rev);
      signals.push(signal);
      finish.push(resolve);
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  return { started, signals, finish, job };
}

describe('latestOnly', () => {
  it('runs once, after the pause, for a burst of requests', async () => {
    const runs: number[] = [];
    const r = latestOnly(async (_s, rev) => void runs.push(rev), { delayMs: 100, onError: () => {} });
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
    const errors: unknown[] = [];
    const j = controlledJob();
    const r = latestOnly(j.job, { delayMs: 10, onError: (e) => errors.push(e) });
    r.now();
    r.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(j.signals.map((s) => s.aborted)).toEqual([true, false]);
    expect(errors).toEqual([]);
    const failing = latestOnly(async () => Promise.reject(new Error('server down')), { delayMs: 0, onError: (e) => errors.push(e) });
    failing.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => (e as Error).message)).toEqual(['server down']);
  });

  it('in overlap mode, lets runs finish, starts at most maxInFlight, then runs once for the latest request', async () => {
    const j = controlledJob();
    const r = latestOnly(j.job, { delayMs: 10, onError: () => {}, mode: 'overlap', maxInFlight: 2 });
    r.now();
    r.now();
    r.request();
    await vi.advanceTimersByTimeAsync(10);
    r.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(j.started).toEqual([1, 2]);
    expect(j.signals.some((s) => s.aborted)).toBe(false);
    j.finish[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(j.started).toEqual([1, 2, 4]);
    j.finish[1]!();
    j.finish[2]!();
    await vi.advanceTimersByTimeAsync(50);
    expect(j.started).toEqual([1, 2, 4]);
  });
});
