// A batch's report gives its own peak memory, not that of the process that started it: getrusage's maxRSS keeps the
// parent's high-water mark across fork and exec (a bench or a server starting `authpack batch` showed its own
// hundreds of MB as the batch's), /proc/self/status's VmHWM does not.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { peakRssMiB } from '../../src/batch/peak-rss.js';
import { ROOT } from '../support/build-case.js';
import { mustRun } from '../support/spawn-async.js';
import { tsxEnv } from '../support/temp.js';

describe('peak resident memory', () => {
  it('is this process own, not its parent high-water mark', async () => {
    expect(peakRssMiB()).toBeGreaterThan(10);
    // Grow this process by 300 MB (touched, so resident), then start a small child from it.
    const big = Buffer.alloc(300 * 1024 * 1024, 1);
    const code = `import { peakRssMiB } from ${JSON.stringify(path.join(ROOT, 'src', 'batch', 'peak-rss.ts'))}; console.log(JSON.stringify({ own: peakRssMiB(), rusage: process.resourceUsage().maxRSS / 1024 }));`;
    const out = JSON.parse(await mustRun(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, env: tsxEnv() })) as { own: number; rusage: number };
    expect(big.length).toBeGreaterThan(0);
    expect(out.own).toBeLessThan(200);
    if (process.platform === 'linux') expect(out.rusage).toBeGreaterThan(300);
  });
});
