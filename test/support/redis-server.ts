// A real Redis for the queue tests: Debian's redis-server (installed by .ci/run), started on a free loopback port
// in a test temp folder, with persistence (AOF, fsync on every write) when asked, a password, or TLS with a CA made
// here by openssl. Stopped and its folder removed when the test file ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { freePort } from './free-port.js';
import { makeTempDir } from './temp.js';

export interface RedisOptions {
  /** Append-only file with fsync on every write, so a restart loses nothing. */
  persist?: boolean;
  password?: string;
  /** Serve TLS only (no plain port); `ca` is the authority's PEM file to trust. */
  tls?: boolean;
}

export interface TestRedis {
  port: number;
  url: string;
  dir: string;
  ca?: string;
  /** Stops Redis the way an operator does (SIGTERM: it writes its data and exits). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Runs redis-cli against it and returns its output. */
  cli(...args: string[]): string;
}

const running = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

export function redisServerPath(): string {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
  throw new Error('redis-server is not installed: the queue tests need Debian\'s redis-server (`apt-get install redis-server`; .ci/run installs it).');
}

export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const server = redisServerPath();
  const dir = makeTempDir('redis');
  const port = await freePort();
  const args = ['--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning', '--maxmemory-policy', 'noeviction'];
  args.push('--appendonly', options.persist ? 'yes' : 'no');
  if (options.persist) args.push('--appendfsync', 'always');
  if (options.password) args.push('--requirepass', options.password);
  let ca: string | undefined;
  if (options.tls) {
    ca = makeCertificates(dir);
    args.push('--port', '0', '--tls-port', String(port), '--tls-cert-file', path.join(dir, 'server.crt'), '--tls-key-file', path.join(dir, 'server.key'), '--tls-ca-cert-file', ca, '--tls-auth-clients', 'no');
  } else {
    args.push('--port', String(port));
  }
  const cliArgs = ['-p', String(port), ...(options.password ? ['--no-auth-warning', '-a', options.password] : []), ...(options.tls ? ['--tls', '--cacert', ca!] : [])];
  let child: ChildProcess | undefined;
  const redis: TestRedis = {
    port,
    dir,
    ...(ca ? { ca } : {}),
    url: `${options.tls ? 'rediss' : 'redis'}://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}`,
    cli: (...a) => spawnSync('redis-cli', [...cliArgs, ...a], { encoding: 'utf8' }).stdout,
    start: async () => {
      child = spawn(server, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      running.add(child);
      const c = child;
      c.once('exit', () => running.delete(c));
      const deadline = Date.now() + 10_000;
      while (spawnSync('redis-cli', [...cliArgs, 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG') {
        if (Date.now() > deadline || c.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async () => {
      const c = child;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
      });
    },
  };
  await redis.start();
  return redis;
}


/** A CA and a server certificate for 127.0.0.1 and localhost, signed by it; returns the CA's PEM file. */
function makeCertificates(dir: string): string {
  const run = (...a: string[]) => {
    const r = spawnSync('openssl', a, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${a.join(' ')}: ${r.stderr}`);
  };
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=authpack test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext');
  return path.join(dir, 'ca.crt');
}

/** Every key of the Redis database and every value, as text (to look for case data in it). */
export async function redisContents(url: string): Promise<{ keys: string[]; text: string }> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys('*');
    const parts: string[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') parts.push((await redis.get(key)) ?? '');
      else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, 0, -1)));
      else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
    return { keys, text: parts.join('\n') };
  } finally {
    redis.disconnect();
  }
}
