// The FHIR part of `authpack demo`: imports each samples/fhir export with its companion (`NAME.with.yaml`: the
// narrative FHIR cannot carry), writes the imported case and its inline attachments to the output folder as
// `fhir-NAME.yaml`, and renders it to `fhir-NAME.pdf`, as `authpack fhir import` and `render` would.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PacketError } from '../../diagnostics/errors.js';
import { runImport } from '../../fhir/run-import.js';
import { generatePacket } from '../../generate-packet.js';
import { parseCaseText } from '../../load/load-case.js';
import { packageRoot } from '../../package-root.js';
import { writePacket } from '../../write/write-packet.js';
import type { Reporter } from '../report.js';
import { sampleDate } from './demo.js';

/** Renders every samples/fhir export that has a companion; returns how many failed. */
export async function demoFhir(opts: { out: string; date?: string }, reporter: Reporter): Promise<number> {
  const dir = path.join(packageRoot(), 'samples', 'fhir');
  const names = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
  let failed = 0;
  for (const name of names) {
    try {
      const output = path.join(opts.out, `fhir-${name}.yaml`);
      const imported = runImport(path.join(dir, `${name}.json`), { output, companion: path.join(dir, `${name}.with.yaml`) });
      for (const f of imported.inline) writePacket(f.bytes, path.join(imported.caseDir, f.file));
      writePacket(Buffer.from(imported.yaml), output);
      const { raw, source } = parseCaseText(imported.yaml, output);
      // The export points at the shared samples/attachments folder, outside the output folder.
      const result = await generatePacket(raw, { source, baseDir: imported.caseDir, allowOutside: true, date: opts.date ?? sampleDate(raw) });
      reporter.diagnostics(result.diagnostics.filter((d) => d.severity !== 'info'));
      const target = path.join(opts.out, `fhir-${name}.pdf`);
      writePacket(result.bytes, target);
      reporter.status(`imported samples/fhir/${name}.json to ${output}; wrote ${target} (${result.pages} pages, ${(result.bytes.length / 1024).toFixed(0)} KB)`);
    } catch (err) {
      if (!(err instanceof PacketError)) throw err;
      failed++;
      reporter.diagnostics(err.diagnostics);
      reporter.status(`✗ samples/fhir/${name}.json failed`);
    }
  }
  return failed;
}
