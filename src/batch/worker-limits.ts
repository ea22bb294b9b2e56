// What one render takes at most, in `batch`, `serve` and `queue work` alike: kept apart from the batch runner so that
// a queue worker's main thread, which only routes jobs, loads none of the case-reading code.

export const DEFAULT_CASE_TIMEOUT_MS = 120_000;

/**
 * Worker heap limits. Measured on 1,000 cases with 2 workers: a 16 MB young generation keeps the whole process
 * under 300 MB at the same speed; 64 MB reached 420 MB for no gain. The old generation cap leaves room for large
 * packets (a 51-page packet with attachments peaks well below it).
 */
export const WORKER_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 };
