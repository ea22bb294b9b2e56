// The render pool's own process (dist/pool-host.js, started by ProcessPool): runs the piscina worker threads under
// V8 flags that only a new process can take (see pool-flags.ts), and relays tasks, cancels and results over the IPC
// channel. It takes no signals itself (the parent decides how a run stops) and exits as soon as its parent is gone.
import { FifoPool, type PoolStart } from './fifo-pool.js';
import type { HostMessage, HostReply } from './process-pool.js';
import { peakRssMiB } from './peak-rss.js';

const pool = new FifoPool<unknown, unknown>(JSON.parse(process.argv[2] ?? '{}') as PoolStart);
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
    const { id } = m;
    const controller = new AbortController();
    running.set(id, controller);
    pool.run(m.task, { signal: controller.signal, ...(m.timeoutMs !== undefined ? { timeoutMs: m.timeoutMs } : {}) }).then(
      (result: unknown) => send({ type: 'done', id, result }),
      (err: unknown) => send({ type: 'failed', id, error: { message: (err as Error)?.message ?? String(err), ...((err as NodeJS.ErrnoException)?.code ? { code: (err as NodeJS.ErrnoException).code } : {}) } }),
    ).finally(() => running.delete(id));
  } else if (m.type === 'limit') {
    pool.setLimit(m.n);
  } else if (m.type === 'cancel') {
    running.get(m.id)?.abort();
  } else if (m.type === 'close') {
    void pool.close().finally(() => {
      send({ type: 'closed', maxRssMiB: peakRssMiB() });
      process.disconnect();
    });
  }
});
send({ type: 'ready' });
