// The `authpack` launcher (dist/authpack) starts render, check and validate from the start-up snapshot that
// `npm run build` makes: the same bytes, output and exit codes as dist/cli.js, and a plain start whenever the
// snapshot is not there or not wanted.
import { readFileSync, symlinkSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, samplePath, TODAY } from '../support/build-case.js';
import { spawnAsync, type Ran } from '../support/spawn-async.js';
import { makeTempDir } from '../support/temp.js';

const launcher = path.join(ROOT, 'dist', 'authpack');
const dir = makeTempDir('snapshot');
const viaLauncher = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnAsync(launcher, args, { cwd: dir, env: { ...process.env, ...env } });
const viaCli = (args: string[]) => spawnAsync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd: dir });
const same = (a: Ran, b: Ran) => {
  expect(a.status).toBe(b.status);
  expect(a.stdout).toBe(b.stdout);
  expect(a.stderr).toBe(b.stderr);
};

describe('the authpack launcher and its start-up snapshot', () => {
  it('was built with the launcher, for this Node', () => {
    const blob = path.join(ROOT, 'dist', `authpack-${process.version}-${process.arch === 'x64' ? 'x86_64' : process.arch}.blob`);
    expect(readFileSync(launcher, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
    if (process.arch === 'x64') expect(existsSync(blob)).toBe(true);
  });

  it('renders the same bytes as dist/cli.js, attachments merged and listed', async () => {
    for (const [name, extra] of [['long-history.yaml', []], ['attachments-demo.yaml', []], ['cpap-continuation.yaml', ['--attachments', 'list']]] as const) {
      const a = await viaLauncher(['render', samplePath(name), '-o', 'a.pdf', '--date', TODAY, '--overwrite', ...extra]);
      const b = await viaCli(['render', samplePath(name), '-o', 'b.pdf', '--date', TODAY, '--overwrite', ...extra]);
      expect(a.status, a.stderr).toBe(0);
      expect(b.status, b.stderr).toBe(0);
      expect(readFileSync(path.join(dir, 'a.pdf')).equals(readFileSync(path.join(dir, 'b.pdf'))), name).toBe(true);
    }
  });

  it('prints the same diagnostics and exits the same for check and validate, with options before the command', async () => {
    writeFileSync(path.join(dir, 'bad.yaml'), readFileSync(samplePath('gbm-initial.yaml'), 'utf8').replace(/^caseId: .*$/m, 'caseId: 7'));
    for (const args of [
      ['check', samplePath('gbm-initial.yaml'), '--date', TODAY],
      ['--format', 'json', 'check', samplePath('long-history.yaml'), '--date', TODAY],
      ['validate', 'bad.yaml'],
      ['--format', 'json', 'validate', 'bad.yaml', samplePath('lumbar-mri.yaml')],
      ['render', 'missing.yaml', '-o', 'x.pdf'],
    ]) same(await viaLauncher(args), await viaCli(args));
    expect((await viaLauncher(['validate', 'bad.yaml'])).status).toBe(3);
  });

  it('starts from dist/cli.js for other commands, with AUTHPACK_NO_SNAPSHOT, and when there is no snapshot', async () => {
    same(await viaLauncher(['payers']), await viaCli(['payers']));
    same(await viaLauncher(['--version']), await viaCli(['--version']));
    const args = ['--format', 'json', 'check', samplePath('gbm-initial.yaml'), '--date', TODAY];
    same(await viaLauncher(args, { AUTHPACK_NO_SNAPSHOT: '1' }), await viaCli(args));
    // A copy of the launcher beside cli.js but no snapshot (as in an installed package before one is built), and
    // reached through a symbolic link, as npm installs it.
    const bare = makeTempDir('snapshot-bare');
    copyFileSync(launcher, path.join(bare, 'authpack'));
    for (const f of ['cli.js', 'chunks']) symlinkSync(path.join(ROOT, 'dist', f), path.join(bare, f));
    symlinkSync(path.join(bare, 'authpack'), path.join(dir, 'authpack-link'));
    const linked = await spawnAsync(path.join(dir, 'authpack-link'), args, { cwd: dir });
    same(linked, await viaCli(args));
  });

  it('asks another node on PATH for its version instead of taking the snapshot built for this one', async () => {
    // A stand-in `node` that answers --version as some other release and otherwise prints what it was given.
    const bin = makeTempDir('other-node');
    writeFileSync(path.join(bin, 'node'), '#!/bin/sh\nif [ "$1" = --version ]; then echo v0.0.1; else echo "$@"; fi\n', { mode: 0o755 });
    const r = await spawnAsync(launcher, ['render', 'case.yaml', '-o', 'x.pdf'], { cwd: dir, env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`${path.join(ROOT, 'dist', 'cli.js')} render case.yaml -o x.pdf`);
  });
});
