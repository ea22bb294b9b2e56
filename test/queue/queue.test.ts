// Queue mode against a real Redis (Debian's redis-server on a free port): submit, work on several processes,
// status and report; the same packets as a local `batch`; resubmission renders nothing; invalid cases are never
// queued; no case data is left in Redis once the run is done; a worker killed mid-job and a Redis restart lose
// nothing; TLS with a password.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCase } from '../support/build-case.js';
import { freePort } from '../support/free-port.js';
import { redisContents, startRedis } from '../support/redis-server.js';
import { caseFolder, localBatch, onlyCompletePackets, packetHashes, queueCli, startWorker, submit, until } from './queue-support.js';

interface Report {
  total: number;
  ok: number;
  failed: number;
  cases: { caseId: string; input: string; status: string; exitCode: number; output: string; sha256: string | null; errors: { code: string }[] }[];
}
const readReport = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;
/** What a reviewer compares between two reports: per case, in order (not the time each took). */
const essentials = (r: Report) => r.cases.map((c) => [path.basename(c.input), c.caseId, c.status, c.exitCode, c.output, c.sha256, c.errors.map((e) => e.code)]);


describe('authpack queue', () => {
  it('renders on two workers the packets a local batch renders, byte for byte; invalid cases are reported, never queued; a second submit renders nothing', async () => {
    const redis = await startRedis();
    const { dir, cases } = caseFolder(6, {
      'x-bad-npi.yaml': (c) => ((c.caseId = 'X-NPI'), (c.prescriber.npi = '1234567890')),
      'x-e0711.yaml': (c) => ((c.caseId = 'X-E0711'), (c.items[0].hcpcs = 'E0711')),
    });
    const batchOut = path.join(dir, 'batch');
    expect((await localBatch([cases], batchOut)).status).toBe(7);
    const out = path.join(dir, 'out');

    const runId = await submit(redis.url, [cases], out);
    expect(runId).toMatch(/^run-[0-9a-f]{20}$/);
    // The invalid case is failed at once and never queued: 7 jobs wait.
    const before = await queueCli(redis.url, ['status', runId, '--format', 'json']);
    expect((JSON.parse(before.stdout) as { code: string; data: unknown }[]).find((d) => d.code === 'queue/status')?.data).toMatchObject({ total: 8, waiting: 7, active: 0, done: 0, failed: 1, finished: false });
    // The same input again: the same run, nothing queued twice.
    const again = await queueCli(redis.url, ['submit', cases, '--output', out, '--date', '2026-11-26']);
    expect(again.stdout.trim()).toBe(runId);
    expect(again.stderr).toContain('0 queued, 0 invalid (reported failed, not queued), 8 already queued or finished');
    expect(Number(redis.cli('zcard', 'authpack:authpack:prioritized').trim())).toBe(7);

    const workers = [startWorker(redis.url), startWorker(redis.url)];
    const waited = await queueCli(redis.url, ['status', runId, '--wait', '--timeout', '120']);
    expect(waited.status).toBe(7); // finished, with failures
    expect(waited.stdout).toContain('0 waiting, 0 active, 6 done, 2 failed of 8 (finished)');
    for (const w of workers) expect(await w.stop()).toBe(0);

    expect(packetHashes(out)).toEqual(packetHashes(batchOut));
    const reportDir = path.join(dir, 'report');
    const r = await queueCli(redis.url, ['report', runId, '-o', reportDir]);
    expect(r.status).toBe(7);
    const report = readReport(reportDir);
    expect(essentials(report)).toEqual(essentials(readReport(batchOut)));
    expect(report.cases.find((c) => c.caseId === 'X-NPI')).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(report.cases.find((c) => c.caseId === 'X-E0711')).toMatchObject({ status: 'failed', exitCode: 4 });
    expect(readFileSync(path.join(reportDir, 'report.csv'), 'utf8').split('\n')[0]).toBe('caseId,input,payer,status,exitCode,output,pages,bytes,sha256,warnings,errors,ms');

    // Submitted once more after it finished: still nothing renders (no row or packet is written again).
    const mtimes = () => readdirSync(path.join(out, '.authpack-queue', 'rows')).map((f) => readFileSync(path.join(out, '.authpack-queue', 'rows', f), 'utf8')).join();
    const rowsBefore = mtimes();
    const third = await queueCli(redis.url, ['submit', cases, '--output', out, '--date', '2026-11-26']);
    expect(third.stdout.trim()).toBe(runId);
    expect(third.stderr).toContain('0 queued, 0 invalid (reported failed, not queued), 8 already queued or finished');
    expect(mtimes()).toBe(rowsBefore);

    // No case data stays in Redis: the jobs are gone, and no patient name, member id or case text is in any value.
    const { keys, text } = await redisContents(redis.url);
    expect(keys.filter((k) => /authpack:authpack:(Q|X)-/.test(k) && !k.includes(':job-runs:'))).toEqual([]);
    const sample = readFileSync(path.join(cases, 'q001.yaml'), 'utf8');
    const lastName = /lastName: (.+)/.exec(sample)![1]!.trim();
    const memberId = /memberId: ["']?([^"'\n]+)/.exec(sample)![1]!.trim();
    expect(text).not.toContain(lastName);
    expect(text).not.toContain(memberId);
    await redis.stop();
  }, 240_000);

  it('reads NDJSON lines as batch does: the same packets, and an unparsable line reported by its line number, never queued', async () => {
    const redis = await startRedis();
    const { dir, cases } = caseFolder(0);
    const ndjson = path.join(cases, 'day.ndjson');
    writeFileSync(ndjson, [JSON.stringify(buildCase((c) => (c.caseId = 'N-1'))), '{ not json', JSON.stringify(buildCase((c) => (c.caseId = 'N-2')))].join('\n'));
    const batchOut = path.join(dir, 'batch');
    expect((await localBatch([ndjson], batchOut)).status).toBe(7);
    const out = path.join(dir, 'out');
    const runId = await submit(redis.url, [ndjson], out);
    const worker = startWorker(redis.url);
    expect((await queueCli(redis.url, ['status', runId, '--wait', '--timeout', '60'])).status).toBe(7);
    expect(await worker.stop()).toBe(0);
    expect(packetHashes(out)).toEqual(packetHashes(batchOut));
    expect(Object.keys(packetHashes(out))).toEqual(['N-1.pdf', 'N-2.pdf']);
    const reportDir = path.join(dir, 'report');
    expect((await queueCli(redis.url, ['report', runId, '-o', reportDir])).status).toBe(7);
    expect(essentials(readReport(reportDir))).toEqual(essentials(readReport(batchOut)));
    expect(readReport(reportDir).cases[1]).toMatchObject({ input: `${ndjson}:2`, status: 'failed', exitCode: 3 });
    await redis.stop();
  }, 120_000);

  it('recovers the job of a worker killed with SIGKILL mid-job: another worker renders it, and no partial packet is ever visible', async () => {
    const redis = await startRedis();
    const { dir, cases } = caseFolder(10);
    const batchOut = path.join(dir, 'batch');
    expect((await localBatch([cases], batchOut)).status).toBe(0);
    const expected = packetHashes(batchOut);
    const out = path.join(dir, 'out');
    const runId = await submit(redis.url, [cases], out);

    // Watch the output folder all along: every packet that appears must be complete.
    const seenWrong = new Set<string>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const name of onlyCompletePackets(out, expected)) seenWrong.add(name);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    const first = startWorker(redis.url);
    const activeKey = 'authpack:authpack:active'; // BullMQ's list of the jobs workers hold
    const doneKey = `authpack:authpack:run:${runId}:done`;
    // Kill it while it holds jobs (one rendering, the next waiting for its thread), after it has finished a few.
    await until(() => Number(redis.cli('scard', doneKey)) >= 2 && Number(redis.cli('llen', activeKey)) >= 1, 60_000, 'the first worker to be mid-job');
    first.child.kill('SIGKILL');
    await until(() => first.child.exitCode !== null || first.child.signalCode !== null, 5_000, 'the kill');
    const killedJobs = redis.cli('lrange', activeKey, '0', '-1').trim().split('\n');
    expect(killedJobs.length).toBeGreaterThanOrEqual(1);
    for (const id of killedJobs) expect(id).toMatch(/^Q-\d+-[0-9a-f]{32}$/);
    // Until another worker takes them, status counts the killed worker's unfinished jobs as active.
    const unfinished = killedJobs.filter((id) => redis.cli('sismember', doneKey, id).trim() === '0');
    const during = await queueCli(redis.url, ['status', runId, '--format', 'json']);
    expect((JSON.parse(during.stdout) as { code: string; data: { active: number } }[]).find((d) => d.code === 'queue/status')?.data.active).toBe(unfinished.length);

    const second = startWorker(redis.url);
    const waited = await queueCli(redis.url, ['status', runId, '--wait', '--timeout', '120']);
    expect(waited.status).toBe(0);
    watching = false;
    await watcher;
    expect(await second.stop()).toBe(0);

    expect([...seenWrong]).toEqual([]);
    expect(packetHashes(out)).toEqual(expected);
    // The killed jobs' rows were written by the second worker, and the report lists every case once, in order.
    for (const id of killedJobs) expect(existsSync(path.join(out, '.authpack-queue', 'rows', `${id}.json`))).toBe(true);
    const reportDir = path.join(dir, 'report');
    expect((await queueCli(redis.url, ['report', runId, '-o', reportDir])).status).toBe(0);
    expect(essentials(readReport(reportDir))).toEqual(essentials(readReport(batchOut)));
    // Nothing but packets at the packets' level: a killed write leaves at most a temp file in the queue's own folder.
    expect(readdirSync(out).filter((f) => !f.endsWith('.pdf'))).toEqual(['.authpack-queue']);
    await redis.stop();
  }, 240_000);

  it('goes on after Redis restarts mid-run (AOF persistence): nothing lost, nothing twice', async () => {
    const redis = await startRedis({ persist: true });
    const { dir, cases } = caseFolder(10);
    const batchOut = path.join(dir, 'batch');
    expect((await localBatch([cases], batchOut)).status).toBe(0);
    const out = path.join(dir, 'out');
    const runId = await submit(redis.url, [cases], out);
    const worker = startWorker(redis.url);
    const doneKey = `authpack:authpack:run:${runId}:done`;
    await until(() => Number(redis.cli('scard', doneKey)) >= 2, 60_000, 'two cases done');
    await redis.stop();
    await new Promise((r) => setTimeout(r, 1_500));
    await redis.start();

    const waited = await queueCli(redis.url, ['status', runId, '--wait', '--timeout', '120']);
    expect(waited.status).toBe(0);
    expect(await worker.stop()).toBe(0);
    expect(packetHashes(out)).toEqual(packetHashes(batchOut));
    const reportDir = path.join(dir, 'report');
    expect((await queueCli(redis.url, ['report', runId, '-o', reportDir])).status).toBe(0);
    const report = readReport(reportDir);
    expect(report.cases.map((c) => c.caseId)).toEqual(readReport(batchOut).cases.map((c) => c.caseId));
    expect(new Set(report.cases.map((c) => c.caseId)).size).toBe(10);
    expect(Number(redis.cli('scard', doneKey))).toBe(10);
    expect(Number(redis.cli('zcard', 'authpack:authpack:prioritized'))).toBe(0);
    await redis.stop();
  }, 240_000);

  it('connects with TLS (rediss://) and a password from AUTHPACK_REDIS_URL, and never prints the password', async () => {
    const password = 'queue-test-pw-7f3a';
    const redis = await startRedis({ tls: true, password });
    const { dir, cases } = caseFolder(2);
    const out = path.join(dir, 'out');
    const ca = ['--redis-ca', redis.ca!];
    const sub = await queueCli(redis.url, ['submit', cases, '--output', out, '--date', '2026-11-26', ...ca]);
    expect(sub.status).toBe(0);
    const runId = sub.stdout.trim();
    expect(sub.stderr).toContain(`rediss://:***@127.0.0.1:${redis.port}`);
    const worker = startWorker(redis.url, ca);
    expect((await queueCli(redis.url, ['status', runId, '--wait', '--timeout', '60', ...ca])).status).toBe(0);
    expect(await worker.stop()).toBe(0);
    expect(Object.keys(packetHashes(out))).toEqual(['Q-1.pdf', 'Q-2.pdf']);
    expect(worker.stderr()).not.toContain(password);

    // Without the CA the server's certificate is not trusted; with a wrong password Redis refuses: exit 6, no password shown.
    const untrusted = await queueCli(redis.url, ['status', runId]);
    expect(untrusted.status).toBe(6);
    expect(untrusted.stderr).toContain('queue/redis-unreachable');
    const wrong = await queueCli(redis.url.replace(password, 'not-the-password'), ['status', runId, ...ca]);
    expect(wrong.status).toBe(6);
    expect(wrong.stderr + wrong.stdout).not.toContain(password);
    expect(wrong.stderr + wrong.stdout).not.toContain('not-the-password');
    await redis.stop();
  }, 120_000);

  it('says what is wrong with the Redis URL, a missing one and an unknown run (exit 2), and a Redis that cannot be reached (exit 6)', async () => {
    const none = await queueCli('', ['status', 'run-0123456789abcdef0123'], { AUTHPACK_REDIS_URL: '' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('pass --redis URL or set AUTHPACK_REDIS_URL');
    const scheme = await queueCli('', ['status', 'run-0123456789abcdef0123', '--redis', 'http://user:secret@host:1']);
    expect(scheme.status).toBe(2);
    expect(scheme.stderr).toContain('has the scheme http');
    expect(scheme.stderr).not.toContain('secret');
    // A worker started against a Redis that is not there says so at once (exit 6) instead of waiting for it.
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const work = await queueCli(nowhere, ['work', '--concurrency', '1']);
    expect(work.status).toBe(6);
    expect(work.stderr).toContain(`queue/redis-unreachable`);
    expect(work.stderr).toContain(`Redis at ${nowhere} cannot be reached`);
    expect(Date.now() - started).toBeLessThan(15_000);
    const redis = await startRedis();
    const unknown = await queueCli(redis.url, ['status', 'run-0123456789abcdef0123']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('No run run-0123456789abcdef0123 in the queue "authpack"');
    const notId = await queueCli(redis.url, ['report', 'yesterday', '-o', redis.dir]);
    expect(notId.status).toBe(2);
    expect(notId.stderr).toContain('"yesterday" is not a run id');
    await redis.stop();
  });
});
