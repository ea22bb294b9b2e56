// The queue part of `npm run bench` (issue 15, section 3): the bench's 1,000 generated cases through local
// `authpack batch --concurrency N` and through `authpack queue submit` + N `authpack queue work --concurrency 1`
// processes on a local Redis, for N = 1, 2, 3, interleaved round by round; beside them the machine's own ceiling
// for both shapes, rendering only (render-shape.ts): N processes of one render thread (the queue's shape) and one
// process of N threads (batch's), N capped to the CPUs. Each round's CPU per job and preemptions of batch's and the
// workers' threads. Also Redis's side: commands and CPU per job (INFO commandstats and INFO cpu, reset before each
// queue run), memory per waiting job (INFO memory around a submit with no worker running), `redis-benchmark` on the
// same server, and submit's own rate (validation is single-threaded).
//
// Redis is Debian's redis-server on a free loopback port, in a temp folder, with AOF persistence and `appendfsync
// everysec` (Redis's default fsync policy, and what samples/deploy runs), no RDB snapshots. Every time is taken the
// same way for both sides: from the first process's start to the last packet (batch) or the last report row (queue:
// written after its packet, before its job completes) renamed into place, read from the files' ctime. Both include
// start-up (the process, the render pool's fonts and templates); batch also validates its cases in that time, which
// the queue did before, in submit (its time is printed apart).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../support/free-port.js';
import { packetHashes } from '../support/packet-hashes.js';
import { generatedCases } from './batch-bench.js';
import { queueShape, renderShape } from './render-shape.js';
import { median } from './warm-cold.js';

const CASES = Number(process.env.BENCH_QUEUE_CASES ?? 1000);
const ROUNDS = Number(process.env.BENCH_QUEUE_ROUNDS ?? 3);
const COUNTS = (process.env.BENCH_QUEUE_WORKERS ?? '1,2,3').split(',').map(Number);

interface Timed {
  /** From the first process's start to the last packet or row in place. */
  seconds: number;
  hashes?: Record<string, string>;
  /** CPU seconds (user + system) of the run's own processes, every thread, Redis not included. */
  cpu?: number;
  /** Times a thread of those processes was preempted (involuntary context switches). */
  preempted?: number;
}

interface QueueTimed extends Timed {
  submitSeconds: number;
  /** Redis commands during the workers' run, by command (calls). */
  commands: Record<string, number>;
  /** Redis's CPU seconds (user + system) during the workers' run. */
  redisCpu: number;
}

export async function queueBench(root: string, date: string): Promise<[string, string][]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'authpack-bench-queue-'));
  const bin = path.join(root, 'dist', 'authpack');
  let redis: ChildProcess | undefined;
  let poller: Redis | undefined;
  const children = new Set<ChildProcess>();
  try {
    const { input } = generatedCases(root, dir);
    const all = input('cases', 0, CASES);
    const port = await freePort();
    const redisDir = path.join(dir, 'redis');
    mkdirSync(redisDir, { mode: 0o700 });
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--daemonize', 'no', '--loglevel', 'warning', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    const cli = (...args: string[]) => {
      const r = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    for (let t = Date.now(); spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; ) {
      if (Date.now() - t > 10_000) throw new Error('redis-server did not start');
      await sleep(50);
    }
    const env = { ...process.env, AUTHPACK_REDIS_URL: `redis://127.0.0.1:${port}` };
    poller = new Redis({ host: '127.0.0.1', port });
    const version = /redis_version:(\S+)/.exec(cli('INFO', 'server'))?.[1] ?? '?';

    /** `timed`: under GNU time, whose last line of stderr gives the process's CPU and preemptions once it exits. */
    const run = (args: string[], { timed = false } = {}) => {
      const child = timed ? spawn(TIME, ['-f', `${TIME_MARK} %U %S %c`, bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      let out = '';
      let err = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.once('exit', (code) => (children.delete(child), resolve({ code, out, err }))));
      return { child, exited };
    };
    const mustExit = async (p: ReturnType<typeof run>, what: string, ok = [0]) => {
      const r = await p.exited;
      if (!ok.includes(r.code ?? -1)) throw new Error(`${what} failed (exit ${r.code}): ${r.err.slice(0, 2000)}`);
      return r;
    };
    let k = 0;

    const batch = async (n: number, check: boolean): Promise<Timed> => {
      const out = path.join(dir, `batch-${k++}`);
      const t0 = Date.now();
      const r = await mustExit(run(['batch', all, '-o', out, '--date', date, '--concurrency', String(n), '--quiet'], { timed: existsSync(TIME) }), 'batch');
      const seconds = (lastCtime(out, (f) => f.endsWith('.pdf'), CASES) - t0) / 1000;
      const hashes = check ? packetHashes(out) : undefined;
      rmSync(out, { recursive: true, force: true });
      return { seconds, ...(hashes ? { hashes } : {}), ...timeLine(r.err) };
    };

    /**
     * The render-only ceiling of a shape (render-shape.ts): `processes` × `threads` render threads, no queue, no
     * validation, no flushes. At most one thread per CPU in all, as `batch` caps its workers and a host's queue
     * workers beyond its CPUs stand by.
     */
    const shape = async (processes: number, threads: number): Promise<Timed> => ({ seconds: await renderShape(root, all, dir, date, processes, threads) });

    /** The queue's ceiling on this host (render-shape.ts): `processes` workers that only take jobs from BullMQ and render them. */
    const bullmqShape = async (processes: number): Promise<Timed> => ({ seconds: await queueShape(root, all, dir, date, processes, { host: '127.0.0.1', port }, `shape-${k++}`) });

    const queue = async (n: number, check: boolean): Promise<QueueTimed> => {
      const name = `bench-${k}`;
      const out = path.join(dir, `queue-${k++}`);
      const s0 = Date.now();
      const submitted = await mustExit(run(['queue', 'submit', all, '--output', out, '--date', date, '--queue', name]), 'queue submit');
      const submitSeconds = (Date.now() - s0) / 1000;
      const runId = submitted.out.trim();
      const done = `authpack:${name}:run:${runId}:done`;
      cli('CONFIG', 'RESETSTAT');
      const cpu0 = redisCpu(cli('INFO', 'cpu'));
      const t0 = Date.now();
      const workers = Array.from({ length: n }, () => run(['queue', 'work', '--concurrency', '1', '--queue', name, '--quiet']));
      // Finished when every job is marked done in the run: polled with SCARD (left out of the command counts) twice
      // a second on one open connection, not a redis-cli process each time, which would take CPU from the workers.
      // The time itself is read from the rows' ctime below.
      for (;;) {
        if ((await poller!.scard(done)) >= CASES) break;
        if (Date.now() - t0 > 1_800_000) throw new Error('queue run did not finish in 30 minutes');
        for (const w of workers) if (w.child.exitCode !== null) throw new Error(`queue work exited ${w.child.exitCode}: ${(await w.exited).err.slice(0, 2000)}`);
        await sleep(500);
      }
      const commands = commandCalls(cli('INFO', 'commandstats'));
      delete commands.scard;
      delete commands.info;
      delete commands.config;
      const cpu = redisCpu(cli('INFO', 'cpu')) - cpu0;
      // The workers' own CPU and preemptions, read while they idle (every thread has done its part of the run).
      const usage = workers.map((w) => processUsage(w.child.pid!));
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => mustExit(w, 'queue work')));
      const seconds = (lastCtime(path.join(out, '.authpack-queue', 'rows'), (f) => f.endsWith('.json'), CASES) - t0) / 1000;
      const hashes = check ? packetHashes(out) : undefined;
      rmSync(out, { recursive: true, force: true });
      return { seconds, submitSeconds, commands, redisCpu: cpu, ...(hashes ? { hashes } : {}), cpu: usage.reduce((a, u) => a + u.cpu, 0), preempted: usage.reduce((a, u) => a + u.preempted, 0) };
    };

    // Memory per waiting job: a submit with no worker running.
    const memQueue = 'bench-memory';
    const memOut = path.join(dir, 'memory-out');
    const used0 = usedMemory(cli('INFO', 'memory'));
    cli('CONFIG', 'RESETSTAT');
    const memSubmitted = await mustExit(run(['queue', 'submit', all, '--output', memOut, '--date', date, '--queue', memQueue]), 'queue submit');
    const submitCommands = commandCalls(cli('INFO', 'commandstats'));
    delete submitCommands.info;
    delete submitCommands.config;
    const used1 = usedMemory(cli('INFO', 'memory'));
    const waiting = Number(cli('ZCARD', `authpack:${memQueue}:prioritized`).trim());
    const jobBytes = Number(cli('MEMORY', 'USAGE', `authpack:${memQueue}:${firstJobKey(cli, memQueue)}`).trim());
    cli('FLUSHALL');
    rmSync(memOut, { recursive: true, force: true });
    void memSubmitted;

    // Interleaved: each round runs batch, queue and the render-only shapes at every worker count, so that a slow
    // moment of the machine falls on all of them alike; the best of the rounds is kept for each.
    const results = new Map<number, { batch: Timed[]; queue: QueueTimed[]; processes: Timed[]; threads: Timed[]; bullmq: Timed[] }>(COUNTS.map((n) => [n, { batch: [], queue: [], processes: [], threads: [], bullmq: [] }]));
    let same: boolean | undefined;
    for (let r = 0; r < ROUNDS; r++) {
      for (const n of COUNTS) {
        const check = r === 0 && n === COUNTS[0];
        const res = results.get(n)!;
        res.batch.push(await batch(n, check));
        res.queue.push(await queue(n, check));
        const m = Math.min(n, availableParallelism());
        res.processes.push(await shape(m, 1));
        if (m > 1) res.threads.push(await shape(1, m));
        res.bullmq.push(await bullmqShape(m));
        cli('FLUSHALL');
        if (check) same = sameHashes(res.batch[0]!.hashes!, res.queue[0]!.hashes!);
      }
    }

    cli('FLUSHALL');
    const bench = spawnSync('redis-benchmark', ['-p', String(port), '-q', '-n', '100000', '-t', 'set,get,lpush,zadd'], { encoding: 'utf8' }).stdout;
    const benchFigures = [...bench.matchAll(/^(\w+)[^:]*: ([\d.]+) requests per second/gm)].map((m) => `${m[1]} ${Math.round(Number(m[2])).toLocaleString('en-US')}`).join(', ');

    const best = <T extends Timed>(xs: T[]) => xs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    const rate = (t: Timed) => CASES / t.seconds;
    const runs = (xs: Timed[]) => xs.map((x) => x.seconds.toFixed(1)).join(', ');
    const rows: [string, string][] = [
      [`QUEUE vs batch, ${CASES} generated cases`, `Redis ${version} on loopback, AOF everysec; best of ${ROUNDS} interleaved rounds; from the first process's start to the last packet (batch) or report row (queue) in place`],
    ];
    const allQueue: QueueTimed[] = [];
    for (const n of COUNTS) {
      const res = results.get(n)!;
      const b = best(res.batch);
      const q = best(res.queue);
      allQueue.push(...res.queue);
      const ratios = res.batch.map((x, i) => x.seconds / res.queue[i]!.seconds);
      const paired = `${ratios.map((x) => x.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)})`;
      rows.push(
        [`  ${n} worker${n === 1 ? '' : 's'}: batch --concurrency ${n}`, `${rate(b).toFixed(1)} packets/s (${b.seconds.toFixed(1)} s); runs ${runs(res.batch)} s`],
        [`    queue, ${n} × queue work --concurrency 1`, `${rate(q).toFixed(1)} packets/s (${q.seconds.toFixed(1)} s); runs ${runs(res.queue)} s`],
        ['    queue / batch (goal ≥ 0.95)', `${(rate(q) / rate(b)).toFixed(2)} ${rate(q) / rate(b) >= 0.95 ? '✓ met' : '✗ not met'}; round by round ${paired}`],
        ['    queue overhead per job', `${(((q.seconds - b.seconds) * 1000) / CASES).toFixed(1)} ms ((t_queue − t_batch) / ${CASES})`],
      );
      const cpuRuns = res.batch.flatMap((x, i) => (x.cpu !== undefined && res.queue[i]!.cpu !== undefined ? [[x, res.queue[i]!] as const] : []));
      if (cpuRuns.length > 0) {
        const ms = (sec: number) => ((sec * 1000) / CASES).toFixed(1);
        rows.push(
          ['    CPU per job, every thread (each round)', cpuRuns.map(([x, y]) => `batch ${ms(x.cpu!)}, queue ${ms(y.cpu!)} + Redis ${ms(y.redisCpu)} ms`).join('; ')],
          ['    preemptions per job (involuntary switches)', cpuRuns.map(([x, y]) => `batch ${(x.preempted! / CASES).toFixed(1)}, queue ${(y.preempted! / CASES).toFixed(1)}`).join('; ')],
        );
      }
      const m = Math.min(n, availableParallelism());
      const p = best(res.processes);
      rows.push([`    render only: ${m} process${m === 1 ? '' : 'es'} × 1 thread${m < n ? ` (${n} capped to the ${m} CPUs)` : ''}`, `${rate(p).toFixed(1)} packets/s (${p.seconds.toFixed(1)} s); runs ${runs(res.processes)} s; batch / this ${(rate(b) / rate(p)).toFixed(2)}, queue / this ${(rate(q) / rate(p)).toFixed(2)}`]);
      if (m > 1) {
        const t = best(res.threads);
        rows.push([`    render only: 1 process × ${m} threads`, `${rate(t).toFixed(1)} packets/s (${t.seconds.toFixed(1)} s); runs ${runs(res.threads)} s; ${m} processes / this ${(rate(p) / rate(t)).toFixed(2)}`]);
      }
      const c = best(res.bullmq);
      const ceilings = res.bullmq.map((x, i) => res.batch[i]!.seconds / x.seconds);
      rows.push([
        `    render + BullMQ only: ${m} process${m === 1 ? '' : 'es'} × 1 thread (the queue's ceiling)`,
        `${rate(c).toFixed(1)} packets/s (${c.seconds.toFixed(1)} s); runs ${runs(res.bullmq)} s; this / batch ${(rate(c) / rate(b)).toFixed(2)} (round by round ${ceilings.map((x) => x.toFixed(2)).join(', ')}, median ${median(ceilings).toFixed(2)}); queue / this ${(rate(q) / rate(c)).toFixed(2)}`,
      ]);
    }
    const perJob = (q: QueueTimed) => Object.values(q.commands).reduce((a, b) => a + b, 0) / CASES;
    const q1 = results.get(COUNTS[0]!)!.queue[0]!;
    const top = Object.entries(q1.commands).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([c, calls]) => `${c} ${(calls / CASES).toFixed(2)}`).join(', ');
    const submitTotal = Object.values(submitCommands).reduce((a, b) => a + b, 0);
    const submits = allQueue.map((q) => q.submitSeconds).sort((a, b) => a - b);
    rows.push(
      ['  packets, batch and queue (first round)', same ? `byte-identical (${CASES} SHA-256 compared)` : '✗ DIFFERENT'],
      ['  Redis commands per job, workers (incl. those run inside BullMQ\'s Lua scripts)', `${allQueue.map(perJob).map((x) => x.toFixed(1)).join(', ')} (each queue run); first run by command: ${top}`],
      ['  Redis commands per job, submit', `${(submitTotal / CASES).toFixed(1)}`],
      ['  Redis CPU per job (INFO cpu, workers\' run)', `${allQueue.map((q) => ((q.redisCpu * 1000) / CASES).toFixed(3)).join(', ')} ms (each queue run)`],
      ['  Redis memory per waiting job (INFO used_memory)', `${((used1 - used0) / CASES).toFixed(0)} B (${used0} → ${used1} B, ${waiting} waiting); one job hash (MEMORY USAGE) ${jobBytes} B`],
      ['  queue submit (validates every case, one thread)', `${(CASES / submits[Math.floor(submits.length / 2)]!).toFixed(0)} cases/s (median of ${submits.length}: ${submits.map((s) => s.toFixed(1)).join(', ')} s, process start included)`],
      ['  redis-benchmark -q -n 100000 -t set,get,lpush,zadd', `${benchFigures} requests/s`],
    );
    return rows;
  } finally {
    for (const c of children) c.kill('SIGKILL');
    poller?.disconnect();
    if (redis && redis.exitCode === null) {
      const r = redis;
      await new Promise<void>((resolve) => {
        r.once('exit', () => resolve());
        r.kill('SIGTERM');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GNU time (Debian's `time` package): batch's CPU and preemptions, counted over every thread once it exits. */
const TIME = '/usr/bin/time';
const TIME_MARK = 'AUTHPACK_BENCH_TIME';

function timeLine(stderr: string): { cpu: number; preempted: number } | Record<string, never> {
  const m = new RegExp(`^${TIME_MARK} ([\\d.]+) ([\\d.]+) (\\d+)$`, 'm').exec(stderr);
  return m ? { cpu: Number(m[1]) + Number(m[2]), preempted: Number(m[3]) } : {};
}

/**
 * A live process's CPU (user + system of all its threads, those gone included, from /proc/PID/stat) and its
 * threads' involuntary context switches (the live ones', from /proc/PID/task/TID/status), with those of its child
 * processes (a lone worker's render pool runs in one).
 */
function processUsage(pid: number): { cpu: number; preempted: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let cpu = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  let preempted = 0;
  const children: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    preempted += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    // Kernels without CONFIG_PROC_CHILDREN have no such file: the process alone is counted.
    const kids = `/proc/${pid}/task/${tid}/children`;
    if (existsSync(kids)) children.push(...readFileSync(kids, 'utf8').split(' ').filter(Boolean).map(Number));
  }
  for (const child of children) {
    const u = processUsage(child);
    cpu += u.cpu;
    preempted += u.preempted;
  }
  return { cpu, preempted };
}

/** Linux's USER_HZ, the unit of /proc's CPU times (100 on every Linux architecture node runs on). */
const CLOCK_TICKS = 100;

/** The latest ctime (a rename into place sets it) of the files under `dir` that `want` picks; checks their count. */
function lastCtime(dir: string, want: (name: string) => boolean, count: number): number {
  let last = 0;
  let seen = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.')) walk(full);
      } else if (want(e.name)) {
        seen++;
        last = Math.max(last, statSync(full).ctimeMs);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  if (seen !== count) throw new Error(`${dir}: ${seen} files, expected ${count}`);
  return last;
}


function sameHashes(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === CASES && ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function commandCalls(info: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

const redisCpu = (info: string) => ['used_cpu_sys', 'used_cpu_user'].reduce((a, k) => a + Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0), 0);
const usedMemory = (info: string) => Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? NaN);

/** One waiting job's id in the queue (for MEMORY USAGE of its hash). */
function firstJobKey(cli: (...a: string[]) => string, queue: string): string {
  return cli('ZRANGE', `authpack:${queue}:prioritized`, '0', '0').trim();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
