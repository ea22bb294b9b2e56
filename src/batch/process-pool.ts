// A piscina pool in a process of its own (dist/pool-host.js), so that its worker threads run with V8 flags other
// than this process's (a running process cannot change them): under the pool's flags (pool-flags.ts) when this
// process was started without them, or without them when it was started under them (open-pool.ts).
// Same shape as piscina's `run(task, { signal })`: a cancelled task rejects at once with an AbortError, a worker
// that ran out of memory rejects with ERR_WORKER_OUT_OF_MEMORY.
import { fork, type ChildProcess } from 'node:child_process';
import { abortError, type PoolStart, type RunOptions } from './fifo-pool.js';
import { POOL_FLAGS } from './pool-flags.js';

export type HostMessage = { type: 'run'; id: number; task: unknown; timeoutMs?: number } | { type: 'cancel'; id: number } | { type: 'limit'; n: number } | { type: 'close' };
export type HostReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: { message: string; code?: string } }
  | { type: 'closed'; maxRssMiB: number };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export class ProcessPool<Task, Result> {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private gone: Error | undefined;
  private closing: Promise<void> | undefined;
  /** The host process's peak resident memory, known once it closed. */
  peakRssMiB = 0;

  constructor(hostFile: string, start: PoolStart, flags: readonly string[] = POOL_FLAGS) {
    // 'advanced' serialization is structured clone: a packet's Uint8Array crosses as bytes, not as JSON numbers.
    this.child = fork(hostFile, [JSON.stringify(start)], { execArgv: [...flags], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    this.child.on('message', (m: HostReply) => {
      if (m.type === 'closed') this.peakRssMiB = m.maxRssMiB;
      if (m.type !== 'done' && m.type !== 'failed') return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.result);
      else p.reject(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
    });
    this.child.on('exit', (code, signal) => {
      this.gone = new Error(`the render pool's process stopped (${signal ?? `exit ${code}`})`);
      for (const p of this.pending.values()) p.reject(this.gone);
      this.pending.clear();
    });
    this.child.on('error', () => {
      /* reported by 'exit' (or by a send that fails) */
    });
  }

  run(task: Task, options: RunOptions = {}): Promise<Result> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    const { signal, timeoutMs } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<Result>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        this.send({ type: 'cancel', id });
        reject(abortError());
      };
      this.pending.set(id, {
        resolve: (v) => (signal?.removeEventListener('abort', onAbort), resolve(v as Result)),
        reject: (e) => (signal?.removeEventListener('abort', onAbort), reject(e)),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send({ type: 'run', id, task, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    });
  }

  /** How many tasks the pool's process runs at once (FifoPool.setLimit). */
  setLimit(n: number): void {
    this.send({ type: 'limit', n });
  }

  /** Stops the workers (tasks still running are cancelled) and waits for the process to exit. */
  close(): Promise<void> {
    // Done when the process has exited and its channel is closed: 'exit' may come before the last message (the
    // host's peak memory) has been read, 'disconnect' only after it.
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null || this.child.signalCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    const disconnected = new Promise<void>((resolve) => (this.child.connected ? this.child.once('disconnect', () => resolve()) : resolve()));
    this.closing ??= (async () => {
      // A host that does not answer within a few seconds is stopped: closing must never hang a run.
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      this.send({ type: 'close' });
      await Promise.all([exited, disconnected]);
      clearTimeout(timer);
    })();
    return this.closing;
  }

  private send(m: HostMessage): void {
    try {
      if (this.child.connected) this.child.send(m);
    } catch {
      /* the host is gone: its 'exit' rejects what is pending */
    }
  }
}
