// The write stage when the system says no part-way: short writes, a disk that fills up, a failing fsync or rename.
// node:fs is wrapped so that a test can make one call fail; everything else is the real file system.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { catchError } from '../support/catch-error.js';
import { OutputError } from '../../src/diagnostics/errors.js';
import { writePacket, writeTemp } from '../../src/write/write-packet.js';
import { writeParts } from '../../src/write/write-parts.js';

const fault: { write?: (fd: number, bytes: Uint8Array, offset: number, length: number) => number; fsync?: () => void; renameCalls?: number; failRenameAt?: number } = {};

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, bytes: Uint8Array, offset?: number, length?: number) =>
    fault.write && bytes instanceof Uint8Array ? fault.write(fd, bytes, offset ?? 0, length ?? bytes.length - (offset ?? 0)) : (fs.writeSync as (...a: unknown[]) => number)(fd, bytes, offset, length)) as typeof fs.writeSync;
  const fsyncSync = ((fd: number) => (fault.fsync ? fault.fsync() : fs.fsyncSync(fd))) as typeof fs.fsyncSync;
  const renameSync = ((from: string, to: string) => {
    fault.renameCalls = (fault.renameCalls ?? 0) + 1;
    if (fault.renameCalls === fault.failRenameAt) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    return fs.renameSync(from, to);
  }) as typeof fs.renameSync;
  return { ...fs, default: { ...fs, writeSync, fsyncSync, renameSync }, writeSync, fsyncSync, renameSync };
});

const realFs = await vi.importActual<typeof import('node:fs')>('node:fs');

afterEach(() => {
  for (const k of Object.keys(fault)) delete fault[k as keyof typeof fault];
});

const bytes = (n: number) => new Uint8Array(Array.from({ length: n }, (_, i) => i % 251));
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('writing when the system takes less, or nothing', () => {
  it('completes a write the system takes in small pieces', () => {
    const dir = makeTempDir('short-writes');
    fault.write = (fd, b, offset, length) => realFs.writeSync(fd, b, offset, Math.min(length, 777));
    writePacket(bytes(100_000), path.join(dir, 'out.pdf'));
    expect(readFileSync(path.join(dir, 'out.pdf')).equals(Buffer.from(bytes(100_000)))).toBe(true);
  });

  it('a disk that fills part-way: OutputError naming the file and the cause, no temp file, the earlier file intact', () => {
    const dir = makeTempDir('full');
    const target = path.join(dir, 'out.pdf');
    writeFileSync(target, '%PDF-1.4 earlier');
    let room = 5000;
    fault.write = (fd, b, offset, length) => {
      if (room === 0) throw enospc();
      const n = realFs.writeSync(fd, b, offset, Math.min(length, room));
      room -= n;
      return n;
    };
    const err = catchError(OutputError, () => writePacket(bytes(100_000), target, { replace: 'pdf' }));
    expect(err.exitCode).toBe(6);
    expect(err.diagnostics[0]).toMatchObject({ code: 'write/not-writable', message: `Cannot write ${target}: the disk is full.`, hint: expect.stringContaining('Free some space') });
    expect(readdirSync(dir)).toEqual(['out.pdf']);
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.4 earlier');
  });

  it('a write that makes no progress is a full disk, not an endless loop', () => {
    const dir = makeTempDir('no-progress');
    fault.write = () => 0;
    expect(catchError(OutputError, () => writePacket(bytes(10), path.join(dir, 'out.pdf'))).message).toContain('the disk is full');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failing fsync is a failed write', () => {
    const dir = makeTempDir('fsync');
    fault.fsync = () => {
      throw Object.assign(new Error('EIO'), { code: 'EIO' });
    };
    expect(catchError(OutputError, () => writePacket(bytes(10), path.join(dir, 'out.pdf'))).message).toContain('input/output error');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writeTemp (batch) cleans up and throws OutputError naming the packet', () => {
    const dir = makeTempDir('write-temp-full');
    fault.write = () => {
      throw enospc();
    };
    const err = catchError(OutputError, () => writeTemp(bytes(10), path.join(dir, '.tmp'), path.join(dir, 'case-1.pdf')));
    expect(err.message).toContain('case-1.pdf: the disk is full');
    expect(readdirSync(path.join(dir, '.tmp'))).toEqual([]);
  });
});

describe('writeParts: all parts or none', () => {
  const parts = (dir: string, n: number) => Array.from({ length: n }, (_, i) => ({ name: path.join(dir, `out-part${i + 1}-of-${n}.pdf`), bytes: bytes(1000 + i) }));

  it('a disk that fills while writing the third part: no part is left', () => {
    const dir = makeTempDir('parts-full');
    let room = 2500;
    fault.write = (fd, b, offset, length) => {
      if (room === 0) throw enospc();
      const n = realFs.writeSync(fd, b, offset, Math.min(length, room));
      room -= n;
      return n;
    };
    expect(catchError(OutputError, () => writeParts(parts(dir, 3))).message).toContain('out-part3-of-3.pdf: the disk is full');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a rename that fails after two parts are in place: those are removed again, and the message says so', () => {
    const dir = makeTempDir('parts-rename');
    fault.failRenameAt = 3;
    const err = catchError(OutputError, () => writeParts(parts(dir, 4)));
    expect(err.message).toMatch(/out-part3-of-4\.pdf: the disk reported an input\/output error\. No part was kept: the 2 parts already in place were removed\./);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failed rename puts back the earlier parts the new ones had replaced', () => {
    const dir = makeTempDir('parts-restore');
    const earlier = parts(dir, 3).map((p) => ({ ...p, text: `%PDF-1.7 earlier ${path.basename(p.name)}` }));
    for (const p of earlier) writeFileSync(p.name, p.text);
    fault.failRenameAt = 3;
    expect(catchError(OutputError, () => writeParts(parts(dir, 3))).message).toContain('the 2 parts already in place were removed, and the earlier files they replaced put back.');
    expect(readdirSync(dir).sort()).toEqual(['out-part1-of-3.pdf', 'out-part2-of-3.pdf', 'out-part3-of-3.pdf']);
    for (const p of earlier) expect(readFileSync(p.name, 'utf8')).toBe(p.text);
  });

  it('writes every part when nothing fails', () => {
    const dir = makeTempDir('parts-ok');
    writeFileSync(path.join(dir, 'out-part2-of-3.pdf'), '%PDF-1.7 earlier');
    expect(writeParts(parts(dir, 3)).map((p) => path.basename(p))).toEqual(['out-part1-of-3.pdf', 'out-part2-of-3.pdf', 'out-part3-of-3.pdf']);
    expect(readdirSync(dir).sort()).toEqual(['out-part1-of-3.pdf', 'out-part2-of-3.pdf', 'out-part3-of-3.pdf']);
    expect(readFileSync(path.join(dir, 'out-part2-of-3.pdf')).equals(Buffer.from(bytes(1001)))).toBe(true);
  });
});
