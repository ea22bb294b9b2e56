// Which failures a job retries: only those that may pass (a worker process killed, a render thread crashed, Redis
// or the shared folder unreachable for a moment), with exponential back-off. A case's own failure (exit 3 to 6:
// invalid input, preflight, render, output) is its result, written to the report at once and never retried.
import type { JobsOptions } from 'bullmq';

export const DEFAULT_ATTEMPTS = 3;
/** The first retry waits 1 s, then 2 s, 4 s ... */
export const BACKOFF_MS = 1_000;

/**
 * A batch case's priority (BullMQ: lower runs first; a job without one runs before all prioritised ones). A render
 * someone waits for in the workbench (`serve --redis`) takes a lower number and passes a night's batch.
 */
export const BATCH_PRIORITY = 10;
export const INTERACTIVE_PRIORITY = 1;

export function jobOptions(attempts = DEFAULT_ATTEMPTS): JobsOptions {
  return {
    attempts,
    priority: BATCH_PRIORITY,
    backoff: { type: 'exponential', delay: BACKOFF_MS },
    // The job holds the case: gone as soon as it completes (its row and packet are in the output location).
    removeOnComplete: true,
    // A failed job is kept only until a worker writes its row (settle-failed), then removed.
    removeOnFail: false,
  };
}
