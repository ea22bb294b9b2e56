// The V8 flags of the render pool's process (see process-pool.ts), chosen by measurement on a 2-core machine (400
// generated cases, CPU time per packet of every thread, read from /proc):
// - `--single-threaded`: V8's background threads (parallel scavenges, concurrent marking and sweeping, concurrent
//   compilation) cost 40-50 % on top of the render thread's own time per packet, on the core a second worker needs;
//   run on the worker's own thread the same work costs less in all, and N workers use N cores.
// Measured and not kept: `--heap-growing-percent=300` (12 % less CPU, but about 410 MiB at two workers) and a
// 48 MB young generation (no measurable change).
export const POOL_FLAGS: readonly string[] = ['--single-threaded'];
