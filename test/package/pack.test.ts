// The package as a library user gets it: `npm pack`, install the tarball in an empty folder, run the installed CLI,
// and type-check a small TypeScript program that imports the library (its declarations must exist and be whole).
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, TODAY } from '../support/build-case.js';
import { mustRun, spawnAsync } from '../support/spawn-async.js';
import { makeTempDir } from '../support/temp.js';

const work = makeTempDir('pack');
const npm = (args: string[], cwd: string) => mustRun('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } });

/** The package's `build:types` script (one bundled declaration file), writing into `file` instead of dist/types. */
async function buildTypes(file: string): Promise<void> {
  const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build:types']!;
  const [bin, ...args] = script.replace('dist/types/index.d.ts', file).split(/\s+/);
  await mustRun(path.join(ROOT, 'node_modules', '.bin', bin!), args, { cwd: ROOT });
}

describe('the published package', () => {
  it('installs from its tarball, runs `authpack render`, and type-checks a program that imports it', async () => {
    // Stage what `files` names (dist is already built by `npm test`), with declarations, and pack it without
    // running the prepack build, which would rebuild dist/ under the other test files.
    const stage = path.join(work, 'stage');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[]; name: string; version: string };
    mkdirSync(stage);
    cpSync(path.join(ROOT, 'package.json'), path.join(stage, 'package.json'));
    for (const entry of pkg.files.filter((f) => !f.startsWith('!'))) cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
    await buildTypes(path.join(stage, 'dist', 'types', 'index.d.ts'));
    const packed = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], stage)) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/types/index.d.ts');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/batch-worker.js');
    // The render pool's own process (batch and serve start it).
    expect(files).toContain('dist/pool-host.js');
    // The workbench's page and assets ship (`authpack serve` serves them); the benchmark does not.
    expect(files).toContain('dist/workbench/index.html');
    expect(files).toContain('dist/workbench/assets/workbench.js');
    expect(files.filter((f) => /(^|\/)bench(\.|\/)/.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);

    const app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    await npm(['install', path.join(work, packed[0]!.filename)], app);

    // The installed CLI renders a sample (its attachments are in the package's samples/ folder).
    const sample = path.join(app, 'node_modules', 'authpack', 'samples', 'gbm-initial.yaml');
    const render = await spawnAsync('npx', ['--no-install', 'authpack', 'render', sample, '-o', 'packet.pdf', '--date', TODAY], { cwd: app });
    expect(render.status, render.stderr).toBe(0);
    expect(readFileSync(path.join(app, 'packet.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    // The library entry loads in a plain Node ESM program (its external dependencies resolve) and works.
    const lib = await spawnAsync(process.execPath, ['--input-type=module', '-e', "import { validateCase, caseJsonSchema } from 'authpack'; const r = validateCase({}); console.log(r.diagnostics.length > 0, typeof caseJsonSchema().properties);"], { cwd: app });
    expect(lib.stderr).toBe('');
    expect(lib.stdout.trim()).toBe('true object');

    // A consumer's TypeScript program: the declarations resolve through `exports`, and the types are usable.
    writeFileSync(
      path.join(app, 'main.ts'),
      [
        "import { generatePacket, validateCase, PacketError, ExitCode, type Case, type Diagnostic, type GenerateOptions } from 'authpack';",
        "const options: GenerateOptions = { date: '2026-11-20', attachments: 'list' };",
        'export async function render(raw: unknown): Promise<number> {',
        '  const checked: { case?: Case; diagnostics: Diagnostic[] } = validateCase(raw);',
        '  if (!checked.case) return ExitCode.inputInvalid;',
        '  try {',
        '    const { bytes, pages } = await generatePacket(checked.case, options);',
        '    return bytes.length > 0 && pages > 0 ? ExitCode.ok : ExitCode.internal;',
        '  } catch (err) {',
        '    if (err instanceof PacketError) return err.exitCode;',
        '    throw err;',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const tsc = await spawnAsync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'main.ts'], { cwd: app });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    // …and they are real types, not `any`: a misuse is an error.
    writeFileSync(path.join(app, 'misuse.ts'), "import { generatePacket } from 'authpack';\nexport const pages: string = (await generatePacket({})).pages;\n");
    const misuse = await spawnAsync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'misuse.ts'], { cwd: app });
    expect(misuse.stdout).toContain("error TS2322: Type 'number' is not assignable to type 'string'");
    expect(readdirSync(app)).toContain('packet.pdf');
  }, 300_000);
});
