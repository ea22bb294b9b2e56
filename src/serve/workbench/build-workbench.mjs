// Builds the workbench into dist/workbench: the page, its stylesheet, its script bundle and pdf.js's worker, all
// served by `authpack serve` from the same origin (no CDN, no network at run time).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const out = path.join(root, 'dist/workbench');
const assets = path.join(out, 'assets');
mkdirSync(assets, { recursive: true });

await build({
  entryPoints: [path.join(here, 'main.ts')],
  outfile: path.join(assets, 'workbench.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome115', 'firefox115', 'safari16'],
  minify: true,
  logLevel: 'warning',
  legalComments: 'linked',
});
copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));
copyFileSync(path.join(here, 'workbench.css'), path.join(assets, 'workbench.css'));
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), path.join(assets, 'pdf.worker.min.mjs'));
