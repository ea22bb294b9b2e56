// The Redis a queue command talks to: `--redis URL` or AUTHPACK_REDIS_URL (which keeps a password out of `ps`),
// `redis://` or `rediss://` (TLS), with a password or ACL user in the URL and a private CA from `--redis-ca`.
import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';
import { ExitCode, PacketError, UsageError } from '../diagnostics/errors.js';

export interface RedisFlags {
  redis?: string;
  redisCa?: string;
}

export interface RedisTarget {
  /** ioredis options (BullMQ takes them as its `connection`). */
  options: RedisOptions;
  /** The URL without its password, for messages. */
  shown: string;
}

/** Keys are kept under this prefix (BullMQ's and the run records). */
export const KEY_PREFIX = 'authpack';

export function redisTarget(flags: RedisFlags, env: NodeJS.ProcessEnv = process.env): RedisTarget {
  const given = flags.redis ?? env.AUTHPACK_REDIS_URL;
  if (!given) {
    throw new UsageError([{ code: 'queue/no-redis', severity: 'error', message: 'No Redis to use: pass --redis URL or set AUTHPACK_REDIS_URL.', hint: 'For example AUTHPACK_REDIS_URL=redis://127.0.0.1:6379 (rediss:// for TLS); the variable keeps a password out of the process list.' }]);
  }
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw bad('is not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(`has the scheme ${url.protocol.replace(/:$/, '')}`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw bad(`names the database "${db}"`);
  const options: RedisOptions = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    // BullMQ's workers wait for Redis to come back instead of failing their commands (a restart, a fail-over).
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(200 * times, 2_000),
  };
  const caFile = flags.redisCa ?? env.AUTHPACK_REDIS_CA;
  if (url.protocol === 'rediss:') {
    options.tls = { servername: options.host, ...(caFile ? { ca: readCa(caFile) } : {}) };
  } else if (caFile) {
    throw new UsageError([{ code: 'queue/ca-without-tls', severity: 'error', message: `--redis-ca ${caFile} was given for a redis:// URL, which does not use TLS.`, hint: 'Use a rediss:// URL to connect with TLS, or leave --redis-ca out.' }]);
  }
  const shown = `${url.protocol}//${url.username ? `${url.username}:***@` : url.password ? ':***@' : ''}${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  return { options, shown };
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UsageError([{ code: 'queue/redis-ca', severity: 'error', message: `The CA certificate ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, hint: 'Give the PEM file of the authority that signed the Redis server\'s certificate.' }]);
  }
}

function bad(why: string): UsageError {
  // Never echo the URL: it may hold a password.
  return new UsageError([{ code: 'queue/bad-redis-url', severity: 'error', message: `The Redis URL ${why}; it must look like redis://[user:password@]host:port[/db] or rediss://… for TLS.`, hint: 'Check --redis or AUTHPACK_REDIS_URL.' }]);
}

/**
 * A client connected to Redis, or a PacketError (exit 6) naming what could not be reached. `patient`: its commands
 * wait for a Redis that goes away (a restart) instead of failing; `options` adds to the target's.
 */
export async function connectRedis(target: RedisTarget, how: { patient?: boolean; options?: RedisOptions } = {}): Promise<Redis> {
  const redis = new Redis({ ...target.options, lazyConnect: true, maxRetriesPerRequest: how.patient ? null : 3, ...how.options });
  redis.on('error', () => {}); // it reconnects on its own; a failure at the start is thrown below
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw redisUnreachable(target.shown, err);
  }
}

export function redisUnreachable(shown: string, err: unknown): PacketError {
  const why = (err as Error)?.message?.replace(/rediss?:\/\/[^ ]*/g, '') ?? String(err);
  return new PacketError([{ code: 'queue/redis-unreachable', severity: 'error', message: `Redis at ${shown} cannot be reached (${why}).`, hint: 'Check that Redis runs, the host and port, the password, and for rediss:// the certificate (--redis-ca).' }], ExitCode.outputNotWritable);
}
