// `authpack serve` as a user starts it: the built CLI in a child process; it prints where it listens, answers,
// refuses a public address without a token (exit 2), and on SIGTERM finishes the request in flight and exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TODAY } from '../support/build-case.js';
import { BIN, runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';
import { bareCase, json } from './test-server.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

interface Started {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--date', TODAY, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AUTHPACK_TOKEN: '', ...env } });
  children.push(child);
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /workbench at (http:\/\/[^ ]+?)\/ /.exec(stderr);
      if (m) resolve({ child, url: m[1]!, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`authpack serve exited ${code} before listening:\n${stderr}`)));
  });
}

describe('authpack serve (CLI)', () => {
  it('listens on loopback, answers, and on SIGTERM lets the render in flight finish, then exits 0', async () => {
    const s = await startCli(['--workers', '1']);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const c = bareCase();
    const inFlight = fetch(`${s.url}/v1/packets`, json(c));
    await new Promise((r) => setTimeout(r, 100));
    s.child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await answer.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await s.exited).toBe(0);
    const log = s.stderr();
    expect(log).toContain('SIGTERM: finishing the requests in flight');
    const lines = log.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.path === '/v1/packets')).toMatchObject({ method: 'POST', status: 200 });
    for (const value of [c.patient.lastName, c.patient.memberId, c.caseId]) expect(log).not.toContain(String(value));
  });

  it('a token from AUTHPACK_TOKEN guards /v1 on loopback too', async () => {
    const token = 'env-token-0123456789abcdef';
    const s = await startCli([], { AUTHPACK_TOKEN: token });
    expect(s.stderr()).toContain('token required');
    expect((await fetch(`${s.url}/v1/payers`)).status).toBe(401);
    expect((await fetch(`${s.url}/v1/payers`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
  });

  it('exit 2: a public address without a token, an unreadable or weak token file, a bad size or duration', async () => {
    const dir = makeTempDir('serve-cli');
    const open = await runAuthpack(['serve', '--host', '0.0.0.0', '--port', '0'], { env: { AUTHPACK_TOKEN: '' } });
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('serve/token-required');
    expect((await runAuthpack(['serve', '--token-file', path.join(dir, 'missing'), '--port', '0'])).code).toBe(2);
    writeFileSync(path.join(dir, 'weak'), 'short\n');
    const weak = await runAuthpack(['serve', '--token-file', path.join(dir, 'weak'), '--port', '0']);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('serve/token-file');
    expect((await runAuthpack(['serve', '--max-body', 'lots'])).code).toBe(2);
    expect((await runAuthpack(['serve', '--render-timeout', 'forever'])).code).toBe(2);
    expect((await runAuthpack(['serve', '--port', '70000'])).code).toBe(2);
  });

  it('a token file lets it bind a public address', async () => {
    const dir = makeTempDir('serve-token');
    const file = path.join(dir, 'token');
    writeFileSync(file, 'file-token-0123456789abcdef\n');
    const s = await startCli(['--host', '0.0.0.0', '--token-file', file]);
    const port = new URL(s.url).port;
    expect((await fetch(`http://127.0.0.1:${port}/v1/schema`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/v1/schema`, { headers: { authorization: 'Bearer file-token-0123456789abcdef' } })).status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });
});
