// The V8 flags of the render pool's process (see process-pool.ts), chosen by measurement on a 2-core machine (400
// generated cases, CPU time per packet of every thread, read from /proc):
// - `--single-threaded`: V8's background threads (parallel scavenges, concurrent marking and sweeping, concurrent
//   compilation) cost 40-50 % on top of the render thread's own time per packet, on the core a second worker needs;
//   run on the worker's own thread the same work costs less in all, and N workers use N cores.
// - `--heap-growing-percent`: with a 256 MB old generation V8 grows the heap by only 1.3× between full collections
//   (about one every 5 packets, each 20-30 ms); 4× makes them rare, for some 60 MB more per worker.
export const POOL_FLAGS: readonly string[] = ['--single-threaded'];
