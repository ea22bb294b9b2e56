// `npm run demo` shows the import: each samples/fhir export is imported with its companion and rendered.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoFhir } from '../../src/cli/commands/demo-fhir.js';
import { createReporter } from '../../src/cli/report.js';
import { makeTempDir } from '../support/temp.js';

describe('demo: the FHIR samples', () => {
  it('imports and renders every samples/fhir export with no failure', async () => {
    const out = makeTempDir('fhir-demo');
    const lines: string[] = [];
    const failed = await demoFhir({ out }, createReporter('human', { out: (s) => lines.push(s), err: (s) => lines.push(s) }));
    expect(lines.filter((l) => /^(error|warning)\[/.test(l))).toEqual([]);
    expect(failed).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['fhir-cpap-initial-attachments', 'fhir-cpap-initial.pdf', 'fhir-cpap-initial.yaml', 'fhir-gbm-initial.pdf', 'fhir-gbm-initial.yaml']);
    for (const f of ['fhir-cpap-initial.pdf', 'fhir-gbm-initial.pdf']) {
      expect(readFileSync(path.join(out, f)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(statSync(path.join(out, f)).mode & 0o777).toBe(0o600);
    }
    expect(lines.join('\n')).toMatch(/imported samples\/fhir\/gbm-initial\.json .* wrote .*fhir-gbm-initial\.pdf \(14 pages/);
  });
});
