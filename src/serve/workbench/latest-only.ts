// Runs a job after the coordinator pauses typing, and only for the latest edit: a newer edit cancels the pending
// run and aborts the one in flight, so a slow answer never overwrites a newer one and typing is never blocked.

export interface LatestOnly {
  /** Ask for a run `delayMs` after the last call. */
  request(): void;
  /** Run now (a file opened, a row added). */
  now(): void;
  /** The revision of the last request; answers carry the revision they were made for. */
  readonly revision: number;
}

export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function latestOnly(
  job: (signal: AbortSignal, revision: number) => Promise<void>,
  delayMs: number,
  onError: (err: unknown) => void,
  timers: TimerApi = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>) },
): LatestOnly {
  let timer: unknown;
  let inFlight: AbortController | undefined;
  let revision = 0;
  const start = () => {
    timer = undefined;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const rev = revision;
    job(controller.signal, rev)
      .catch((err: unknown) => {
        // An aborted run was replaced by a newer one: nothing to report.
        if (!controller.signal.aborted) onError(err);
      })
      .finally(() => {
        if (inFlight === controller) inFlight = undefined;
      });
  };
  return {
    request() {
      revision++;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = timers.setTimeout(start, delayMs);
    },
    now() {
      revision++;
      if (timer !== undefined) timers.clearTimeout(timer);
      start();
    },
    get revision() {
      return revision;
    },
  };
}
