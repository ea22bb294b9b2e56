// The render pool's own process (dist/pool-host.js, started by ProcessPool): runs the piscina worker threads under
// V8 flags that only a new process can take (see pool-flags.ts), and relays tasks, cancels and results over the IPC
// channel. It takes no signals itself (the parent decides how a run stops) and exits as soon as its parent is gone.
import { Piscina } from 'piscina';
import type { HostMessage, HostReply, HostStart } from './process-pool.js';
import { peakRssMiB } from './peak-rss.js';

const start = JSON.parse(process.argv[2] ?? '{}') as HostStart;
const pool = new Piscina({ filename: start.filename, ...(start.name ? { name: start.name } : {}), minThreads: start.threads, maxThreads: start.threads, idleTimeout: start.idleTimeout, resourceLimits: start.resourceLimits });
const running = new Map<number, AbortController>();

const send = (reply: HostReply) => {
  if (process.connected) process.send!(reply);
};

// Ctrl-C reaches the whole process group: the parent stops the run (grace, report); this process follows its orders.
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => {});
// The parent exited (or was killed): nobody waits for these renders; temporary files left are cleaned by the next run.
process.on('disconnect', () => process.exit(0));

// Tasks wait here, first in first out, until a thread is free. Piscina's own queue does not keep that order for
// tasks that carry an AbortSignal (a task that finds every thread busy is put back at the end, or with
// `stricterFIFO` at the front, of its skip queue): under 16 clients of `authpack serve` that made some requests wait
// several times longer than the rest (p99 1.3 s where p50 was 0.3 s).
const waiting: { id: number; task: unknown }[] = [];

function startNext(): void {
  while (running.size < start.threads && waiting.length > 0) {
    const { id, task } = waiting.shift()!;
    const controller = new AbortController();
    running.set(id, controller);
    pool.run(task, { signal: controller.signal }).then(
      (result: unknown) => send({ type: 'done', id, result }),
      (err: unknown) => send({ type: 'failed', id, error: { message: (err as Error)?.message ?? String(err), ...((err as NodeJS.ErrnoException)?.code ? { code: (err as NodeJS.ErrnoException).code } : {}) } }),
    ).finally(() => {
      running.delete(id);
      startNext();
    });
  }
}

process.on('message', (m: HostMessage) => {
  if (m.type === 'run') {
    waiting.push({ id: m.id, task: m.task });
    startNext();
  } else if (m.type === 'cancel') {
    const queued = waiting.findIndex((w) => w.id === m.id);
    if (queued >= 0) waiting.splice(queued, 1);
    else running.get(m.id)?.abort();
  } else if (m.type === 'close') {
    waiting.length = 0;
    for (const c of running.values()) c.abort();
    void pool.destroy().finally(() => {
      send({ type: 'closed', maxRssMiB: peakRssMiB() });
      process.disconnect();
    });
  }
});
send({ type: 'ready' });
