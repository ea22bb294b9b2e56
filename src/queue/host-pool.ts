// `queue work`'s render pool, in the home its host calls for (open-pool.ts): without the pool's V8 flags while the
// host has a CPU beyond every worker's render threads, under them once it has none (several workers on one host,
// counted by host-registry.ts). `dist/authpack` starts `queue work` under the flags, so a full host's worker renders
// in its own process (as `batch` does at a full thread count), and only a worker with a CPU to spare runs its pool
// in a second process, without them. When the host changes (a worker starts or stops beside this one), new renders
// go to a pool of the other kind and the old one closes once its renders are done.
import { availableParallelism } from 'node:os';
import { openPool, type RenderPoolHandle } from '../batch/open-pool.js';
import type { PoolStart, RunOptions } from '../batch/fifo-pool.js';

interface Home<Task, Result> {
  pool: RenderPoolHandle<Task, Result>;
  running: number;
}

export class HostPool<Task, Result> implements RenderPoolHandle<Task, Result> {
  private readonly homes = new Map<boolean, Home<Task, Result>>();
  private spare: boolean;
  private limit: number | undefined;
  private readonly closing: Promise<void>[] = [];

  constructor(
    private readonly start: PoolStart,
    hostThreads: number,
    private readonly cpus = availableParallelism(),
    { warm = true }: { warm?: boolean } = {},
  ) {
    this.spare = this.spareWith(hostThreads);
    // Its threads start now (loading the renderer) while the worker connects to the queue; not for a worker that
    // stands by.
    if (warm) this.home(this.spare);
  }

  /** The host's render threads changed: renders from now on go to the pool that suits it. */
  hostThreads(threads: number): void {
    this.spare = this.spareWith(threads);
    this.retire();
  }

  /** Whether renders now run without the pool's V8 flags (a CPU to spare on the host). */
  get spareCpu(): boolean {
    return this.spare;
  }

  /**
   * How many renders run at once (the host's cap, host-registry.ts); renders already running beyond it finish. A
   * pool draining after a switch keeps its renders, so for that moment the two may together run more.
   */
  setLimit(n: number): void {
    this.limit = n;
    for (const home of this.homes.values()) home.pool.setLimit(n);
  }

  async run(task: Task, options?: RunOptions): Promise<Result> {
    const home = this.home(this.spare);
    home.running++;
    try {
      return await home.pool.run(task, options);
    } finally {
      home.running--;
      this.retire();
    }
  }

  async close(): Promise<void> {
    const homes = [...this.homes.values()];
    this.homes.clear();
    await Promise.all([...homes.map((h) => h.pool.close()), ...this.closing]);
  }

  /** The pools open now: 'spare' (no flags) and/or 'flagged' (both while one drains). */
  get open(): ('spare' | 'flagged')[] {
    return [...this.homes.keys()].map((spare) => (spare ? 'spare' : 'flagged'));
  }

  get peakRssMiB(): number {
    return Math.max(0, ...[...this.homes.values()].map((h) => h.pool.peakRssMiB));
  }

  private spareWith(threads: number): boolean {
    return threads < this.cpus;
  }

  private home(spare: boolean): Home<Task, Result> {
    let home = this.homes.get(spare);
    if (!home) {
      home = { pool: openPool<Task, Result>(this.start, { spareCpu: spare }), running: 0 };
      if (this.limit !== undefined) home.pool.setLimit(this.limit);
      this.homes.set(spare, home);
    }
    return home;
  }

  /** Closes a pool of the kind no longer wanted once nothing runs on it. */
  private retire(): void {
    for (const [spare, home] of this.homes) {
      if (spare === this.spare || home.running > 0) continue;
      this.homes.delete(spare);
      this.closing.push(home.pool.close().catch(() => {}));
    }
  }
}
