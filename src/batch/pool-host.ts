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

process.on('message', (m: HostMessage) => {
  if (m.type === 'run') {
    const controller = new AbortController();
    running.set(m.id, controller);
    pool.run(m.task, { signal: controller.signal }).then(
      (result: unknown) => send({ type: 'done', id: m.id, result }),
      (err: unknown) => send({ type: 'failed', id: m.id, error: { message: (err as Error)?.message ?? String(err), ...((err as NodeJS.ErrnoException)?.code ? { code: (err as NodeJS.ErrnoException).code } : {}) } }),
    ).finally(() => running.delete(m.id));
  } else if (m.type === 'cancel') {
    running.get(m.id)?.abort();
  } else if (m.type === 'close') {
    for (const c of running.values()) c.abort();
    void pool.destroy().finally(() => {
      send({ type: 'closed', maxRssMiB: peakRssMiB() });
      process.disconnect();
    });
  }
});
send({ type: 'ready' });
