// Payer profiles are read once per process (and kept in the start-up snapshot), but an edited profile, or an edited
// profile it takes its criteria from, is read again.
import { cpSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPayer } from '../../src/payers/load-payer.js';
import { ROOT } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';

const edit = (file: string, change: (text: string) => string, secondsLater: number) => {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  const t = new Date(Date.now() + secondsLater * 1000);
  utimesSync(file, t, t);
};

describe('the payer profile cache', () => {
  it('gives the same profile object while the files are unchanged, and reads an edited one again', () => {
    const dir = makeTempDir('payer-cache');
    for (const id of ['medicare-dme', 'medicare-advantage-ttf']) cpSync(path.join(ROOT, 'templates', 'payers', id), path.join(dir, id), { recursive: true });
    const first = loadPayer('medicare-advantage-ttf', [dir]);
    expect(loadPayer('medicare-advantage-ttf', [dir])).toBe(first);

    const own = path.join(dir, 'medicare-advantage-ttf', 'profile.yaml');
    edit(own, (t) => t.replace(/^displayName: .*$/m, 'displayName: Edited Advantage Plan'), 5);
    const edited = loadPayer('medicare-advantage-ttf', [dir]);
    expect(edited.displayName).toBe('Edited Advantage Plan');

    // The profile it inherits criteria from changes: the inheriting profile is rebuilt too.
    const base = path.join(dir, 'medicare-dme', 'profile.yaml');
    const inherited = (p: typeof edited) => JSON.stringify([p.indications, p.criteria]);
    expect(inherited(edited)).toContain('Glioblastoma (WHO grade IV astrocytoma).');
    edit(base, (t) => t.replace('text: Glioblastoma (WHO grade IV astrocytoma).', 'text: Edited indication text.'), 10);
    const rebuilt = loadPayer('medicare-advantage-ttf', [dir]);
    expect(rebuilt).not.toBe(edited);
    expect(inherited(rebuilt)).toContain('Edited indication text.');
    expect(inherited(rebuilt)).not.toContain('Glioblastoma (WHO grade IV astrocytoma).');
  });
});
