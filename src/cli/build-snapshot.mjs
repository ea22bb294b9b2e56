// `npm run build`, last step: the start-up snapshot of the CLI for this machine's Node (dist/authpack-<node
// version>-<arch>.blob) and the `authpack` launcher (dist/authpack) that starts `render`, `check` and `validate`
// from it: fonts, templates, payer profiles, schemas and compiled code are then in the heap from the first
// instruction, instead of being loaded and compiled on every run. Other commands, another Node or NODE_OPTIONS
// start from dist/cli.js as before.
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { machine } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(root, 'dist');
const entry = path.join(dist, 'snapshot-main.cjs');

await build({
  entryPoints: [path.join(root, 'src', 'cli', 'snapshot-main.ts')],
  outfile: entry,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: process.env.AUTHPACK_SNAPSHOT_MINIFY !== '0',
  logLevel: 'warning',
  // The queue commands never run from the snapshot: BullMQ and ioredis stay out of it.
  external: ['bullmq', 'ioredis'],
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js', piscina: path.join(root, 'src', 'cli', 'piscina-runtime.ts') },
  // import.meta.url has no CommonJS form: the bundle's own file stands in for every module's URL.
  define: { 'import.meta.url': '__authpackUrl' },
  banner: { js: "var __authpackUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The launcher looks for the blob by the Node version and machine it was built with (`node --version` answers
// before Node starts its engine, so asking costs a few milliseconds).
const blobName = `authpack-${process.version}-${machine()}.blob`;
// V8 flags are part of a snapshot: the launcher must start Node with the same ones. A young generation that starts
// at 8 MB instead of 1 MB spares one render most of its ~16 scavenges (garbage collection in a CPU profile of one
// render of long-history: about 80 ms with 1 MB, about 30 ms with 16 MB; 8 MB cost less CPU in all than 4 or 16).
const V8_FLAGS = ['--min-semi-space-size=8'];
// Kept equal to POOL_FLAGS in src/batch/pool-flags.ts (a test checks it): this script runs without TypeScript.
const POOL_FLAGS = ['--single-threaded'];
for (const f of readdirSync(dist)) if (/^authpack-.*\.blob$/.test(f)) rmSync(path.join(dist, f));
const made = spawnSync(process.execPath, ['--no-warnings', ...V8_FLAGS, '--snapshot-blob', path.join(dist, blobName), '--build-snapshot', entry], { cwd: root, encoding: 'utf8' });
if (made.status !== 0) {
  process.stderr.write(`authpack build: the start-up snapshot could not be built (exit ${made.status}):\n${made.stderr}`);
  process.exit(1);
}

/** A word for sh, taken literally. */
const shellQuote = (text) => `'${text.replaceAll("'", "'\\''")}'`;
const launcher = `#!/bin/sh
# authpack's executable. \`render\`, \`check\` and \`validate\` start from the start-up snapshot built for this Node
# (dist/authpack-<version>-<machine>.blob, made by \`npm run build\`); everything else, another Node, NODE_OPTIONS or
# AUTHPACK_NO_SNAPSHOT=1 start from dist/cli.js; \`batch\`, \`serve\` and \`queue work\` under the render pool's V8
# flags. All give the same output.
self=$0
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in /*) self=$link ;; *) self=$(dirname "$self")/$link ;; esac
done
dir=$(dirname "$self")
command=
sub=
skip=
for arg in "$@"; do
  if [ -n "$skip" ]; then skip=; continue; fi
  case $arg in
    --format) skip=1 ;;
    -*) ;;
    *) if [ -n "$command" ]; then sub=$arg; break; fi; command=$arg ;;
  esac
done
case $command in
  render|check|validate)
    if [ -z "$NODE_OPTIONS" ] && [ -z "$AUTHPACK_NO_SNAPSHOT" ]; then
      # The node on PATH is the one the blob was made with, unchanged since: its version is known without asking
      # it (a few milliseconds of every start).
      blob="$dir/${blobName}"
      if [ -f "$blob" ] && [ "$(command -v node)" -ef ${shellQuote(process.execPath)} ] && ! [ ${shellQuote(process.execPath)} -nt "$blob" ]; then
        exec node ${V8_FLAGS.join(' ')} --snapshot-blob "$blob" -- "$@"
      fi
      blob="$dir/authpack-$(node --version)-$(uname -m).blob"
      if [ -f "$blob" ]; then exec node ${V8_FLAGS.join(' ')} --snapshot-blob "$blob" -- "$@"; fi
    fi
    ;;
  batch|serve|queue)
    # The render pool's V8 flags (src/batch/pool-flags.ts): with them the pool's worker threads run in this process
    # instead of a second one, so a run holds one process's memory, not two. Not when fewer workers than CPUs are
    # asked for (--concurrency, --workers): V8's background threads then have a core of their own, and the pool runs
    # in this process without the flags (src/batch/open-pool.ts).
    # A small young generation for the main thread (it only routes work; see src/batch/open-pool.ts).
    pool="${POOL_FLAGS.join(' ')}"
    asked=
    previous=
    for arg in "$@"; do
      case $previous in --concurrency|--workers) asked=$arg ;; esac
      case $arg in --concurrency=*|--workers=*) asked=\${arg#*=} ;; esac
      previous=$arg
    done
    case $asked in
      ''|*[!0-9]*) ;;
      *) if [ "$asked" -lt "$(nproc 2>/dev/null || echo 1)" ]; then pool=; fi ;;
    esac
    # \`queue work\` counts the CPUs its host's other workers leave it only once it runs: always under the flags, it
    # renders in this process when the host is full, and in a second process without them when a CPU is left
    # (src/queue/host-pool.ts).
    if [ "$command" = queue ] && [ "$sub" = work ]; then pool="${POOL_FLAGS.join(' ')}"; fi
    exec node $pool --max-semi-space-size=1 "$dir/cli.js" "$@"
    ;;
esac
exec node "$dir/cli.js" "$@"
`;
writeFileSync(path.join(dist, 'authpack'), launcher);
chmodSync(path.join(dist, 'authpack'), 0o755);
