// The `npm run bench` load test of `authpack serve`: POST /v1/packets (a case with its seven attachment files, as
// multipart) on the loopback address with autocannon, at 1, 4 and 16 concurrent clients, then a longer run at 16
// clients sampling the server's resident memory. The server (and its render pool) runs in its own process, so its
// RSS is its own.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

export interface LoadRow {
  clients: number;
  seconds: number;
  packetsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 15);
const SOAK_SECONDS = Number(process.env.BENCH_SERVE_SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = Number(process.env.BENCH_SERVE_WARMUP_SECONDS ?? 30);

/** Two runs of one level as one row: packets over the total time; the latencies averaged. */
function mean(a: LoadRow, b: LoadRow): LoadRow {
  const seconds = a.seconds + b.seconds;
  return { clients: a.clients, seconds, packetsPerSecond: (a.packetsPerSecond * a.seconds + b.packetsPerSecond * b.seconds) / seconds, p50: (a.p50 + b.p50) / 2, p99: Math.max(a.p99, b.p99), errors: a.errors + b.errors };
}

/** Resident and peak resident memory of a process, in MiB, from /proc (Linux); undefined elsewhere. */
function memory(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

async function multipartBody(root: string): Promise<{ body: Buffer; type: string }> {
  const text = readFileSync(path.join(root, 'samples', 'gbm-initial.yaml'), 'utf8');
  const files = [...text.matchAll(/file: (attachments\/[^\s]+\.pdf)/g)].map((m) => m[1]!);
  const form = new FormData();
  form.set('case', text);
  for (const f of files) form.append('file', new Blob([readFileSync(path.join(root, 'samples', f))], { type: 'application/pdf' }), path.basename(f));
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

function run(url: string, clients: number, seconds: number, body: Buffer, type: string): Promise<LoadRow> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}/v1/packets`, method: 'POST', headers: { 'content-type': type }, body, connections: clients, duration: seconds, timeout: 30 }, (err, r) => {
      if (err) return reject(err);
      resolve({ clients, seconds: r.duration, packetsPerSecond: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts });
    });
  });
}

export async function serveLoad(root: string, date: string): Promise<[string, string][]> {
  const { body, type } = await multipartBody(root);
  // Started as a user starts it: the `authpack` executable runs the render pool in the server's own process, so
  // the memory sampled below is all of it.
  const child = spawn(path.join(root, 'dist', 'authpack'), ['serve', '--port', '0', '--date', date], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /workbench at (http:\/\/[^ ]+?)\/ /.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`authpack serve exited ${code}: ${err}`)));
  });
  // The request log goes to stderr; read it away so the pipe never fills.
  child.stderr.removeAllListeners('data');
  child.stderr.resume();
  try {
    // Warm-up: every worker loads its fonts and templates, and the JIT settles. The server keeps getting faster for
    // about half a minute (1 client: 12.7, 15.7, 18.6 packets/s in three 8 s runs after a 3 s warm-up), so a short
    // warm-up favoured whichever level ran last; the levels are also measured in alternation and averaged.
    await run(url, 4, WARMUP_SECONDS, body, type);
    const rows: LoadRow[] = [];
    for (const clients of [1, 4, 16]) rows.push(await run(url, clients, SECONDS / 2, body, type));
    for (const [i, clients] of [1, 4, 16].entries()) rows[i] = mean(rows[i]!, await run(url, clients, SECONDS / 2, body, type));
    const samples: number[] = [];
    const sampler = setInterval(() => {
      const m = memory(child.pid!);
      if (m) samples.push(m.rss);
    }, 1000);
    const soak = await run(url, 16, SOAK_SECONDS, body, type);
    clearInterval(sampler);
    const peak = memory(child.pid!)?.peak;
    const tenth = Math.max(1, Math.floor(samples.length / 10));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = avg(samples.slice(0, tenth));
    const last = avg(samples.slice(-tenth));
    const base = rows[0]!.packetsPerSecond;
    const out: [string, string][] = [[`authpack serve, POST /v1/packets (gbm-initial + 7 attachments, multipart), ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s per level in two alternating halves`, '']];
    for (const r of rows) out.push([`  ${r.clients} client${r.clients === 1 ? '' : 's'}`, `${r.packetsPerSecond.toFixed(1)} packets/s (${(r.packetsPerSecond / base).toFixed(2)}× 1 client), p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99} ms, ${r.errors} errors`]);
    out.push([`  16 clients for ${SOAK_SECONDS} s`, `${soak.packetsPerSecond.toFixed(1)} packets/s, p50 ${soak.p50} ms, p99 ${soak.p99} ms, ${soak.errors} errors`]);
    if (samples.length >= 10) out.push(['  server RSS every 10 s (MiB)', samples.filter((_, i) => i % 10 === 9).map((m) => m.toFixed(0)).join(' ')]);
    if (samples.length) out.push(['  server RSS over that run', `first tenth ${first.toFixed(0)} MiB, last tenth ${last.toFixed(0)} MiB (${last >= first ? '+' : ''}${(last - first).toFixed(0)} MiB), peak ${peak?.toFixed(0) ?? '?'} MiB for the whole bench`]);
    return out;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
