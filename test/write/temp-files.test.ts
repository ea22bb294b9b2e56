// Temp files: named for authpack, this host and this process; the ones a killed process left on this host are
// removed by the next write into the folder, never those of a running process or of another host.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { HOST_TAG, isRunning, removeLiveTemps, removeStaleTemps, tempName, trackTemp } from '../../src/write/temp-files.js';
import { writePacket } from '../../src/write/write-packet.js';

/** The id of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(r.stdout);
  expect(isRunning(pid)).toBe(false);
  return pid;
}

describe('temp files', () => {
  it('are hidden, name the file they become, authpack, this host and this process; long names are cut', () => {
    expect(tempName('/x/packet.pdf')).toMatch(new RegExp(`^\\.packet\\.pdf\\.authpack-${HOST_TAG}-${process.pid}-[0-9a-f]{8}\\.tmp$`));
    expect(Buffer.byteLength(tempName('é'.repeat(120)))).toBeLessThan(255);
  });

  it("the next write removes a dead process's temp files on this host, and nothing else", () => {
    const dir = makeTempDir('stale');
    const dead = deadPid();
    const names = {
      stale: `.out.pdf.authpack-${HOST_TAG}-${dead}-0123abcd.tmp`,
      staleOther: `.report.json.authpack-${HOST_TAG}-${dead}-89abcdef.tmp`,
      running: `.out.pdf.authpack-${HOST_TAG}-${process.ppid}-0123abcd.tmp`,
      otherHost: `.out.pdf.authpack-${HOST_TAG === '00000000' ? '11111111' : '00000000'}-${dead}-0123abcd.tmp`,
      oldStyle: `.out.pdf.${dead}.0123abcd.tmp`,
      user: `notes.authpack-${HOST_TAG}-${dead}-0123abcd.tmp.txt`,
    };
    for (const n of Object.values(names)) writeFileSync(path.join(dir, n), 'x');
    writePacket(new Uint8Array([1]), path.join(dir, 'new.pdf'));
    expect(readdirSync(dir).sort()).toEqual([names.running, names.otherHost, names.oldStyle, 'new.pdf', names.user].sort());
    expect(removeStaleTemps(dir)).toEqual([]);
  });

  it('removeLiveTemps removes the temp files this process still has (what an interrupt does)', () => {
    const dir = makeTempDir('live');
    const file = path.join(dir, tempName('a.pdf'));
    writeFileSync(file, 'x');
    trackTemp(file);
    removeLiveTemps();
    expect(readdirSync(dir)).toEqual([]);
  });
});
