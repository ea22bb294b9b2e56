// A queue worker's main thread only routes jobs: its render threads read, validate and render the cases. Every
// worker process pays for what its main thread loads, once per start and once per worker (N workers, N times), so
// `queue work` must not pull in the case-reading code that `queue submit` and `batch` use.
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The project's source files `entry` loads at its start: its static imports, followed (not `await import()`). */
async function loadedBy(entry: string): Promise<string[]> {
  const r = await build({ entryPoints: [path.join(root, entry)], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent', absWorkingDir: root });
  const { inputs } = r.metafile;
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !inputs[file]) return;
    seen.add(file);
    for (const i of inputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  return [...seen];
}

describe('queue work at its start', () => {
  it('loads the queue and pool code, and none of the code that reads, validates or renders a case', async () => {
    const files = await loadedBy('src/queue/work.ts');
    expect(files).toContain('src/queue/work.ts');
    expect(files).toContain('src/batch/fifo-pool.ts');
    const caseCode = files.filter((f) => /^src\/(validate|load|payers|compose|layout|paint|plan|preflight|attachments)\//.test(f) || /^src\/batch\/(run-batch|precheck|prepare-case|read-inputs|resume-key)\.ts$/.test(f));
    expect(caseCode).toEqual([]);
  });

  it('is reached from the queue command without loading submit, status or report', async () => {
    const files = await loadedBy('src/cli/commands/queue.ts');
    expect(files.filter((f) => /^src\/queue\/(submit|work|run-status)\.ts$/.test(f))).toEqual([]);
  });
});
