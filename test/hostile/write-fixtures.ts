// `npm run fixtures:hostile -- DIR`: writes the hostile-input suite's files into DIR (images, PDFs, case files,
// CSV and NDJSON), each a case that `authpack` must answer with a documented exit code. For trying by hand, for a
// fuzzer's seed corpus, or to check another PDF tool. Nothing here is committed: the generators are the fixtures.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { caseYaml } from './case-yaml.js';
import { hostileJpeg, hostilePdf, hostilePng, filledFormPdf, sharedResourcesPdf } from './make-attachments.js';
import { hostileCsv, poisonedNdjson, formulaFiles } from './make-batch.js';
import { aliasBomb, deepFlow, deepJson, manyKeys, oversized, prototypeKeyJson, prototypeKeyYaml } from './make-input.js';
import { arabicNameCase, bidiControlCase, maxLengthCase } from './make-text.js';
import { stringify } from 'yaml';

const dir = path.resolve(process.argv[2] ?? 'hostile-fixtures');
const files: Record<string, () => string | Uint8Array | Promise<Uint8Array>> = {};
for (const [name, make] of Object.entries(hostilePng)) files[`attachments/${name}.png`] = make;
for (const [name, make] of Object.entries(hostileJpeg)) files[`attachments/${name}.jpg`] = make;
for (const [name, make] of Object.entries(hostilePdf)) if (make.length === 0) files[`attachments/${name}.pdf`] = make as () => Uint8Array;
files['attachments/pages-50000.pdf'] = () => hostilePdf.manyPages(50_000);
files['attachments/filled-form.pdf'] = () => filledFormPdf('Tumor treatment field therapy system (FICTIONAL)');
files['attachments/filled-form-needs-appearances.pdf'] = () => filledFormPdf('Tumor treatment field therapy system (FICTIONAL)', false);
files['attachments/shared-resources-12-pages.pdf'] = () => sharedResourcesPdf(12);
files['cases/alias-bomb.yaml'] = () => aliasBomb();
files['cases/deep-flow.yaml'] = () => deepFlow(10_000);
files['cases/deep.json'] = () => deepJson(10_000);
files['cases/many-keys.yaml'] = () => manyKeys(200_000);
files['cases/oversized.yaml'] = () => oversized(6 * 1024 * 1024);
for (const key of ['__proto__', 'constructor', 'prototype']) {
  files[`cases/${key}-in-patient.yaml`] = () => prototypeKeyYaml(key, 'patient');
  files[`cases/${key}.json`] = () => prototypeKeyJson(key);
}
files['cases/arabic-name.yaml'] = () => stringify(arabicNameCase());
files['cases/bidi-override.yaml'] = () => stringify(bidiControlCase());
files['cases/every-field-at-its-maximum.yaml'] = () => stringify(maxLengthCase('generic-commercial'));
files['cases/no-attachment.yaml'] = () => caseYaml();
files['batch/broken-rows.csv'] = () => hostileCsv(40).text;
files['batch/poisoned.ndjson'] = () => poisonedNdjson();
for (const [name, text] of Object.entries(formulaFiles())) files[`batch/formulas/${name.replace(/[\t/]/g, '_')}`] = () => text;

for (const [rel, make] of Object.entries(files)) {
  const full = path.join(dir, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, await make());
}
console.log(`wrote ${Object.keys(files).length} hostile files to ${dir}`);
