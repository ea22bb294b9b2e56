// Typst beside authpack, for `npm run bench`: the warm rate of the same packet content (typst-twin.ts) in one
// process, and a cold run as a new process, with the same fonts (DejaVu Sans from npm).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

const require = createRequire(import.meta.url);

export function dejavuDir(): string {
  return path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/**
 * Documents per second over `sources` (one per patient, so no two are alike), each compiled and exported to PDF;
 * after each document the compiler's memo cache drops what the last 10 compilations did not use, as Typst's own
 * watch mode does, so nothing carries over from one patient's packet to the next beyond the fonts.
 */
export function typstWarm(sources: readonly string[], runs: number): { perSecond: number; pages: number; bytes: number } {
  const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [dejavuDir()] }] });
  const first = compiler.compile({ mainFileContent: sources[0]! });
  const doc = first.result;
  if (!doc) throw new Error(`typst twin did not compile: ${JSON.stringify(first.takeDiagnostics()?.shortDiagnostics ?? [])}`);
  const pages = doc.numOfPages;
  const bytes = compiler.pdf(doc).length;
  compiler.evictCache(10);
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    compiler.pdf({ mainFileContent: sources[(i + 1) % sources.length]! });
    compiler.evictCache(10);
  }
  return { perSecond: runs / ((performance.now() - start) / 1000), pages, bytes };
}

/** A script that compiles one Typst file to PDF in a new process (the cold run), written into `dir`. */
export function typstColdScript(dir: string): string {
  const file = path.join(dir, 'typst-cold.mjs');
  const compilerUrl = new URL(`file://${require.resolve('@myriaddreamin/typst-ts-node-compiler')}`).href;
  writeFileSync(
    file,
    [
      `import { NodeCompiler } from ${JSON.stringify(compilerUrl)};`,
      "import { readFileSync, writeFileSync } from 'node:fs';",
      'const [input, output, fonts] = process.argv.slice(2);',
      'const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fonts] }] });',
      "writeFileSync(output, compiler.pdf({ mainFileContent: readFileSync(input, 'utf8') }));",
    ].join('\n'),
  );
  return file;
}

/** Milliseconds of one run of `node args…` (or, with `direct`, of the executable args[0]) as a new process. */
export function timeProcess(args: readonly string[], cwd: string, direct = false): number {
  const t = performance.now();
  const r = direct ? spawnSync(args[0]!, args.slice(1), { cwd, encoding: 'utf8' }) : spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`cold run failed (${args.join(' ')}; exit ${r.status}): ${r.stderr}`);
  return ms;
}
