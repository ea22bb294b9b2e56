// Starts `authpack serve` in the test process (port 0, loopback unless told) and keeps its log lines, so tests can
// call every route over real HTTP and read what the server logged. Needs the built worker (`npm run build`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { startServer, type RunningServer, type ServeOptions } from '../../src/serve/start-server.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';

export interface TestServer extends RunningServer {
  logs: Record<string, unknown>[];
  /** fetch against the server, path relative to its URL. */
  call(pathname: string, init?: RequestInit): Promise<Response>;
}

const running: TestServer[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((s) => s.close(1_000)));
});

export async function testServer(options: Partial<ServeOptions> = {}): Promise<TestServer> {
  const logs: Record<string, unknown>[] = [];
  const server = await startServer({ port: 0, host: '127.0.0.1', maxBodyBytes: 25 * 1024 * 1024, renderTimeoutMs: 30_000, date: TODAY, log: (e) => logs.push(e), workers: 2, ...options });
  const base = `http://127.0.0.1:${server.port}`;
  const s: TestServer = { ...server, logs, call: (p, init) => fetch(base + p, init) };
  running.push(s);
  return s;
}

export const json = (value: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
export const yaml = (text: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text });

/** The gbm-initial sample case under generic-commercial without attachments (so it renders from JSON alone). */
export function bareCase(change?: (c: RawCase) => void): RawCase {
  return buildCase((c) => {
    c.payer = 'generic-commercial';
    c.attachments = [];
    change?.(c);
  });
}

/** A multipart body: the case and the sample attachment files it names (each sent under its own file name). */
export function withAttachments(c: RawCase, extra: { name: string; bytes: Uint8Array }[] = []): RequestInit {
  const form = new FormData();
  form.set('case', JSON.stringify(c));
  for (const a of c.attachments as { file: string }[]) {
    if (extra.some((e) => e.name === path.basename(a.file))) continue;
    const bytes = readFileSync(path.join(ROOT, 'samples', a.file));
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), path.basename(a.file));
  }
  for (const e of extra) form.append('file', new Blob([Buffer.from(e.bytes)]), e.name);
  return { method: 'POST', body: form };
}
