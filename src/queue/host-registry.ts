// How many render threads the `queue work` processes of this host run together. Each worker says so in Redis every
// few seconds (a sorted set per host, scored by the time of its last word; a worker silent for three beats no longer
// counts), so that a worker knows whether its host has a CPU to spare beyond the render threads. With one to spare,
// V8's background threads (garbage collection, compilation) take it and a render is quicker; without one, they take
// CPU from the other workers' renders and the pool is better run under the pool's V8 flags (open-pool.ts), as
// `batch` does at the same thread count. The host is the running kernel (its boot id), so containers of one machine
// count together; only random worker ids and thread counts are kept, nothing about cases.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { KEY_PREFIX } from './redis-connection.js';

export const HEARTBEAT_MS = 5_000;
/** How long a starting worker that finds room on its host waits for workers started with it to register. */
export const SETTLE_MS = 200;
/** A worker is counted until it has missed this many heartbeats (killed, or cut off from Redis). */
const MISSED_BEATS = 3;

/** The running kernel's id: the same in every container of one machine, new at each boot. */
export function hostId(): string {
  try {
    const id = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (/^[0-9a-f-]{8,64}$/i.test(id)) return id;
  } catch {
    /* not Linux: the host name */
  }
  return hostname();
}

export const hostKey = (host: string) => `${KEY_PREFIX}:hosts:${host}`;

export interface HostShare {
  /** Render threads of every live worker on this host (this one's included). */
  threads: number;
  /**
   * How many of its threads this worker may render on: the host renders no more at once than it has CPUs, as
   * `batch` never runs more threads than CPUs. The workers that joined first keep theirs; a worker that joins a
   * full host stands by (0) until one leaves.
   */
  allowed: number;
}

export interface HostRegistry extends HostShare {
  /** Takes this worker off the host's count. */
  close(): Promise<void>;
}

/**
 * Registers `threads` render threads for this worker on its host, and keeps the host's count up to date:
 * `onChange(share)` is called whenever it changes. The first count is known when this resolves.
 */
export async function joinHost(redis: Redis, threads: number, onChange: (share: HostShare) => void, options: { host?: string; heartbeatMs?: number; cpus?: number } = {}): Promise<HostRegistry> {
  const cpus = options.cpus ?? availableParallelism();
  const key = hostKey(options.host ?? hostId());
  const beat = options.heartbeatMs ?? HEARTBEAT_MS;
  // Members sort by the time their worker joined (fixed-width milliseconds), then a random id.
  const member = `${String(Date.now()).padStart(15, '0')}-${randomUUID()}:${threads}`;
  const share: HostShare = { threads, allowed: Math.min(threads, cpus) };
  const heartbeat = async () => {
    const now = Date.now();
    const replies = await redis
      .multi()
      .zadd(key, now, member)
      .zremrangebyscore(key, '-inf', now - MISSED_BEATS * beat)
      .pexpire(key, 4 * MISSED_BEATS * beat)
      .zrange(key, 0, -1)
      .exec();
    const members = [...((replies?.[3]?.[1] as string[] | undefined) ?? [member])].sort();
    const threadsOf = (m: string) => Number(m.slice(m.lastIndexOf(':') + 1)) || 0;
    const total = members.reduce((sum, m) => sum + threadsOf(m), 0);
    const before = members.slice(0, Math.max(0, members.indexOf(member))).reduce((sum, m) => sum + threadsOf(m), 0);
    const allowed = Math.max(0, Math.min(threads, cpus - before));
    if (total !== share.threads || allowed !== share.allowed) {
      share.threads = total;
      share.allowed = allowed;
      onChange({ ...share });
    }
  };
  await heartbeat();
  // Workers started together (a deployment scaled up, a host's service starting several) register within a moment
  // of each other. A worker that finds room on its host looks again after that moment before it opens a pool: one
  // opened for a host about to be full would be warmed up for a few jobs and then replaced (a host found full stays
  // full as others join).
  if (share.threads < cpus) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    await heartbeat();
  }
  const timer = setInterval(() => heartbeat().catch(() => {}), beat);
  timer.unref();
  return {
    get threads() {
      return share.threads;
    },
    get allowed() {
      return share.allowed;
    },
    close: async () => {
      clearInterval(timer);
      await redis.zrem(key, member).catch(() => {});
    },
  };
}
