// Reads a payer profile's fillable form and its field map (files in the profile's folder).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { fileStamp } from '../load/file-stamp.js';
import { formMapSchema, type FormMap } from '../assemble/form-map.js';
import { RenderError } from '../diagnostics/errors.js';
import type { PayerProfile } from './payer-schema.js';

export interface PayerForm {
  bytes: Uint8Array;
  map: FormMap;
  formFile: string;
  mapFile: string;
}

// Keyed by both files' modification times, so an edited form or map is read again (also after a start-up snapshot).
const cache = new Map<string, PayerForm>();

export function loadPayerForm(payer: PayerProfile): PayerForm | undefined {
  if (!payer.form) return undefined;
  const formFile = path.join(payer.dir, payer.form.file);
  const mapFile = path.join(payer.dir, payer.form.map);
  const key = fileStamp([formFile, mapFile]);
  const hit = cache.get(key);
  if (hit) return hit;
  const fail = (file: string, message: string): never => {
    throw new RenderError([{ code: 'payer/form', severity: 'error', message, place: { file }, hint: `Fix the payer profile "${payer.id}" (its \`form:\` block names both files).` }]);
  };
  let bytes: Uint8Array = new Uint8Array();
  let rawMap: unknown;
  try {
    bytes = new Uint8Array(readFileSync(formFile));
  } catch {
    fail(formFile, `The payer form ${formFile} cannot be read.`);
  }
  try {
    rawMap = parse(readFileSync(mapFile, 'utf8'));
  } catch (err) {
    fail(mapFile, `The form map ${mapFile} cannot be read: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = formMapSchema.safeParse(rawMap);
  if (!parsed.success) fail(mapFile, `The form map ${mapFile} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const form = { bytes, map: parsed.data!, formFile, mapFile };
  cache.set(key, form);
  return form;
}
