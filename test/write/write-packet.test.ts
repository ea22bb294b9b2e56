import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp.js';
import { OutputError } from '../../src/diagnostics/errors.js';
import { writePacket } from '../../src/write/write-packet.js';

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
    expect(() => writePacket(new Uint8Array([1]), dir)).toThrow(/Cannot write/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
