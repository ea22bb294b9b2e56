// The start-up snapshot's entry (built by build-snapshot.mjs into dist/): loads the CLI, then renders, checks and
// validates the bundled samples once, so that fonts, templates, payer profiles, schemas and the code of the whole
// pipeline are already in the heap when `authpack render|check|validate` starts from the snapshot (see dist/authpack).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { stopWatching } from '../attachments/pdf-lib-guard.js';
import { packageRoot, setPackageRoot } from '../package-root.js';
import { runCli } from './program.js';

const quiet = { out: () => {}, err: () => {} };

/** Each sample through the commands a snapshot start serves; every output is discarded. */
async function warmUp(): Promise<void> {
  const samples = path.join(packageRoot(), 'samples');
  const cases = readdirSync(samples).filter((f) => f.endsWith('.yaml')).map((f) => path.join(samples, f));
  const scratch = mkdtempSync(path.join(tmpdir(), 'authpack-snapshot-'));
  try {
    for (const file of cases) {
      for (const format of ['human', 'json']) {
        await runCli(['--format', format, 'validate', file], quiet);
        await runCli(['--format', format, 'check', file], quiet);
      }
      await runCli(['render', file, '-o', path.join(scratch, 'packet.pdf'), '--overwrite', '--force', '--date', '2026-01-15'], quiet);
      await runCli(['render', file, '-o', path.join(scratch, 'packet.pdf'), '--overwrite', '--force', '--attachments', 'list'], quiet);
    }
    // An invalid case: the diagnostics path (messages, suggestions, source lines).
    await runCli(['validate', path.join(samples, 'attachments')], quiet);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  // Async context tracking cannot be held in a snapshot; the next attachment read turns it back on.
  stopWatching();
}

/** The package folder of a process started with `--snapshot-blob <dist>/authpack-….blob`. */
function rootFromBlob(): string | undefined {
  const i = process.execArgv.indexOf('--snapshot-blob');
  const blob = i >= 0 ? process.execArgv[i + 1] : process.execArgv.find((a) => a.startsWith('--snapshot-blob='))?.slice('--snapshot-blob='.length);
  return blob ? path.resolve(path.dirname(blob), '..') : undefined;
}

warmUp().catch((err: unknown) => {
  console.error('authpack: warming the start-up snapshot failed:', err);
  process.exitCode = 1;
});

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // For looking into the snapshot's heap: AUTHPACK_SNAPSHOT_HEAP=FILE writes a heap snapshot instead of running.
  if (process.env.AUTHPACK_SNAPSHOT_HEAP) {
    v8.writeHeapSnapshot(process.env.AUTHPACK_SNAPSHOT_HEAP);
    return;
  }
  const root = rootFromBlob();
  if (root) setPackageRoot(root);
  // process.argv is [node, ...arguments]: no script name when starting from a snapshot.
  runCli(process.argv.slice(1)).then((code) => {
    process.exitCode = code;
    // render, check and validate are done when runCli returns (nothing is left open: the file is written and
    // closed). Leaving now spares the wait for V8's background compile jobs that an empty event loop still drains
    // before 'exit' (15-40 ms of a cold render). Output still buffered for a slow stream is let go first.
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  });
});
