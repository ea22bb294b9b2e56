// `authpack form-fields FORM.pdf`: the form's fields, types and options, to write a payer form map.
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { listFormFields } from '../../assemble/fill-form.js';
import { ExitCode, InputError } from '../../diagnostics/errors.js';
import type { CommandContext } from '../program.js';

export async function formFieldsCommand(file: string, { io, reporter }: CommandContext): Promise<number> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  } catch (err) {
    throw new InputError([{ code: 'load/unreadable', severity: 'error', message: `${file} is not a readable PDF (${(err as Error).message.split('\n')[0]}).`, place: { file }, hint: 'Pass the payer\'s fillable PDF form.' }]);
  }
  const fields = listFormFields(doc.getForm());
  if (reporter.format === 'json') {
    io.out(JSON.stringify(fields, null, 2));
    return ExitCode.ok;
  }
  if (fields.length === 0) {
    io.out(`${file} has no fillable fields.`);
    return ExitCode.ok;
  }
  const w = Math.max(...fields.map((f) => f.name.length));
  io.out(fields.map((f) => `${f.name.padEnd(w)}  ${f.type}${f.options ? `  options: ${f.options.join(', ')}` : ''}`).join('\n'));
  return ExitCode.ok;
}
