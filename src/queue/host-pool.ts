// `queue work`'s render pool, in the home its host calls for (open-pool.ts): without the pool's V8 flags while the
// host has a CPU beyond every worker's render threads, under them once it has none (several workers on one host,
// counted by host-registry.ts). When the host changes (a worker starts or stops beside this one), new renders go to
// a pool of the other kind and the old one closes once its renders are done.
import { availableParallelism } from 'node:os';
import { openPool, underPoolFlags, type RenderPoolHandle } from '../batch/open-pool.js';
import type { PoolStart } from '../batch/fifo-pool.js';

interface Home<Task, Result> {
  pool: RenderPoolHandle<Task, Result>;
  running: number;
}

export class HostPool<Task, Result> implements RenderPoolHandle<Task, Result> {
  private readonly homes = new Map<boolean, Home<Task, Result>>();
  private spare: boolean;
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

  async run(task: Task, options?: { signal?: AbortSignal }): Promise<Result> {
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
    // Under the flags already (dist/authpack when the threads fill the CPUs): the pool stays in this process.
    return !underPoolFlags() && threads < this.cpus;
  }

  private home(spare: boolean): Home<Task, Result> {
    let home = this.homes.get(spare);
    if (!home) {
      home = { pool: openPool<Task, Result>(this.start, { spareCpu: spare }), running: 0 };
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
