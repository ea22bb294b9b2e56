// Runs a job after the coordinator pauses typing, for the latest edit only: a newer edit replaces the pending run,
// so typing is never blocked. A cheap job (validation) aborts the run in flight. A costly one (a packet render) lets
// runs in flight finish, at most `maxInFlight` at once (the server does not stop a render whose client went away,
// so aborting would only pile renders up there); beyond that the latest edit waits for a run to end. The job itself
// ignores an answer older than one already shown.

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

export interface LatestOnlyOptions {
  delayMs: number;
  onError: (err: unknown) => void;
  /** 'abort': a new run aborts those in flight; 'overlap': they finish, at most `maxInFlight` at a time. */
  mode?: 'abort' | 'overlap';
  maxInFlight?: number;
  timers?: TimerApi;
}

const realTimers: TimerApi = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>) };

export function latestOnly(job: (signal: AbortSignal, revision: number) => Promise<void>, o: LatestOnlyOptions): LatestOnly {
  const timers = o.timers ?? realTimers;
  const mode = o.mode ?? 'abort';
  const maxInFlight = mode === 'abort' ? 1 : Math.max(1, o.maxInFlight ?? 1);
  let timer: unknown;
  const inFlight = new Set<AbortController>();
  let revision = 0;
  let started = 0;
  let waiting = false;
  const start = (): void => {
    timer = undefined;
    if (mode === 'abort') for (const c of inFlight) c.abort();
    else if (inFlight.size >= maxInFlight) {
      waiting = true;
      return;
    }
    const controller = new AbortController();
    inFlight.add(controller);
    started = revision;
    job(controller.signal, revision)
      .catch((err: unknown) => {
        // An aborted run was replaced by a newer one: nothing to report.
        if (!controller.signal.aborted) o.onError(err);
      })
      .finally(() => {
        inFlight.delete(controller);
        if (waiting && started < revision) {
          waiting = false;
          start();
        }
      });
  };
  return {
    request() {
      revision++;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = timers.setTimeout(start, o.delayMs);
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
