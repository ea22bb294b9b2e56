// The write stage on a real file system: atomic replace, mode 0600, the target rules (protected inputs, devices,
// pipes, folders, links, non-PDFs), and that a refused or aborted write leaves nothing, not even a folder.
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { catchError } from '../support/catch-error.js';
import { OutputError } from '../../src/diagnostics/errors.js';
import { checkTarget } from '../../src/write/check-target.js';
import { commitTemp, prepareWrite, writePacket, writeTemp } from '../../src/write/write-packet.js';

const PDF = new TextEncoder().encode('%PDF-1.7\nnew packet\n');
const code = (fn: () => unknown) => catchError(OutputError, fn).diagnostics[0]!.code;

describe('writePacket', () => {
  const dir = makeTempDir('write');

  it('writes the bytes with mode 0600, creating folders, and replaces an existing file whole', () => {
    const target = path.join(dir, 'nested', 'p.pdf');
    writePacket(new Uint8Array([1, 2, 3]), target);
    writePacket(new Uint8Array([4, 5]), target);
    expect([...readFileSync(target)]).toEqual([4, 5]);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(target))).toEqual(['p.pdf']);
  });

  it('fails with an OutputError and leaves nothing behind', () => {
    const file = path.join(dir, 'plain-file');
    writeFileSync(file, 'x');
    expect(() => writePacket(new Uint8Array([1]), path.join(file, 'p.pdf'))).toThrow(OutputError);
    expect(() => writePacket(new Uint8Array([1]), dir)).toThrow(/folder/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it("replace: 'pdf' replaces a PDF but refuses any other file, empty ones included; 'any' replaces it", () => {
    const d = makeTempDir('write-replace');
    const old = path.join(d, 'old.pdf');
    writeFileSync(old, '%PDF-1.4 old');
    writePacket(PDF, old, { replace: 'pdf' });
    expect(readFileSync(old, 'utf8')).toContain('new packet');
    for (const content of ['my notes', '', '%PD']) {
      const mine = path.join(d, 'mine.pdf');
      writeFileSync(mine, content);
      expect(code(() => writePacket(PDF, mine, { replace: 'pdf' }))).toBe('write/not-a-pdf');
      expect(readFileSync(mine, 'utf8')).toBe(content);
    }
    writePacket(PDF, path.join(d, 'mine.pdf'), { replace: 'any' });
    expect(readFileSync(path.join(d, 'mine.pdf'), 'utf8')).toContain('new packet');
    expect(readdirSync(d).sort()).toEqual(['mine.pdf', 'old.pdf']);
  });

  it('never replaces a protected file: by path, through a link, by hard link, whatever `replace` says', () => {
    const d = makeTempDir('write-protect');
    const input = path.join(d, 'scan.pdf');
    writeFileSync(input, '%PDF-1.4 the scan');
    symlinkSync('scan.pdf', path.join(d, 'link.pdf'));
    linkSync(input, path.join(d, 'hard.pdf'));
    const protect = [{ path: input, label: 'attachment 1 of the case (scan.pdf)' }];
    for (const target of ['scan.pdf', 'link.pdf', 'hard.pdf', './sub/../scan.pdf']) {
      const err = catchError(OutputError, () => writePacket(PDF, path.join(d, target), { replace: 'any', protect }));
      expect(err.diagnostics[0]).toMatchObject({ code: 'write/input-file', message: expect.stringContaining('attachment 1 of the case (scan.pdf)') });
    }
    expect(readFileSync(input, 'utf8')).toBe('%PDF-1.4 the scan');
    expect(readlinkSync(path.join(d, 'link.pdf'))).toBe('scan.pdf');
  });

  it('refuses devices, FIFOs, folders and dangling links; writes through a link to a PDF', () => {
    const d = makeTempDir('write-kinds');
    // Never the real /dev/null (a broken check would replace it for the whole machine): a link to it.
    symlinkSync('/dev/null', path.join(d, 'null.pdf'));
    expect(code(() => writePacket(PDF, path.join(d, 'null.pdf'), { replace: 'any' }))).toBe('write/not-a-file');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(spawnSync('mkfifo', [path.join(d, 'fifo')]).status).toBe(0);
    expect(code(() => writePacket(PDF, path.join(d, 'fifo'), { replace: 'pdf' }))).toBe('write/not-a-file');
    expect(statSync(path.join(d, 'fifo')).isFIFO()).toBe(true);
    mkdirSync(path.join(d, 'folder'));
    expect(code(() => writePacket(PDF, path.join(d, 'folder')))).toBe('write/not-a-file');
    symlinkSync('folder', path.join(d, 'to-folder'));
    expect(code(() => writePacket(PDF, path.join(d, 'to-folder')))).toBe('write/not-a-file');
    symlinkSync('missing/x.pdf', path.join(d, 'dangling.pdf'));
    expect(code(() => writePacket(PDF, path.join(d, 'dangling.pdf')))).toBe('write/not-a-file');
    writeFileSync(path.join(d, 'real.pdf'), '%PDF-1.4 old');
    symlinkSync('real.pdf', path.join(d, 'link.pdf'));
    expect(writePacket(PDF, path.join(d, 'link.pdf'), { replace: 'pdf' })).toBe(path.join(d, 'real.pdf'));
    expect(readlinkSync(path.join(d, 'link.pdf'))).toBe('real.pdf');
    expect(readFileSync(path.join(d, 'real.pdf'), 'utf8')).toContain('new packet');
    expect(readdirSync(d).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('prepareWrite reserves a temp file before the work; abort removes it and the folders it made', () => {
    const d = makeTempDir('write-prepare');
    const pending = prepareWrite(path.join(d, 'a', 'b', 'out.pdf'));
    expect(readdirSync(path.join(d, 'a', 'b'))).toEqual([path.basename(pending.temp)]);
    expect(path.basename(pending.temp)).toMatch(/^\.out\.pdf\.authpack-[0-9a-f]{8}-\d+-[0-9a-f]{8}\.tmp$/);
    pending.abort();
    expect(readdirSync(d)).toEqual([]);
  });

  it('commit checks the target again: a file that appeared meanwhile and is not a PDF is kept', () => {
    const d = makeTempDir('write-recheck');
    const target = path.join(d, 'out.pdf');
    const pending = prepareWrite(target, { replace: 'pdf' });
    pending.fill(PDF);
    writeFileSync(target, 'saved meanwhile by the user');
    expect(code(() => pending.commit())).toBe('write/not-a-pdf');
    expect(readFileSync(target, 'utf8')).toBe('saved meanwhile by the user');
    expect(readdirSync(d)).toEqual(['out.pdf']);
  });

  it('writeTemp and commitTemp: complete, mode 0600; a refused target removes the temp file', () => {
    const d = makeTempDir('write-temp');
    const temp = writeTemp(PDF, path.join(d, '.tmp-dir'), path.join(d, 'x.pdf'));
    expect(statSync(temp).mode & 0o777).toBe(0o600);
    commitTemp(temp, path.join(d, 'sub', 'x.pdf'));
    expect(readFileSync(path.join(d, 'sub', 'x.pdf'), 'utf8')).toContain('new packet');
    const again = writeTemp(PDF, path.join(d, '.tmp-dir'), path.join(d, 'y.pdf'));
    mkdirSync(path.join(d, 'y.pdf'));
    expect(code(() => commitTemp(again, path.join(d, 'y.pdf')))).toBe('write/not-a-file');
    expect(readdirSync(path.join(d, '.tmp-dir'))).toEqual([]);
  });

  it('checkTarget resolves a path that does not exist yet through its real folder', () => {
    const d = makeTempDir('write-check');
    mkdirSync(path.join(d, 'real'));
    symlinkSync('real', path.join(d, 'alias'));
    expect(checkTarget(path.join(d, 'alias', 'new', 'out.pdf'))).toMatchObject({ path: path.join(d, 'real', 'new', 'out.pdf'), exists: false });
  });
});
