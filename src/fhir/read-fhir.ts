// Reads a FHIR R4 Bundle (collection, searchset, document, transaction …) or NDJSON of resources into a list of
// resources, each with where it came from (bundle entry index, NDJSON line) for messages and the import report.
import { readFileSync, statSync } from 'node:fs';
import type { Resource } from '@medplum/fhirtypes';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import { showText } from '../diagnostics/show-text.js';

/** EHR exports of one patient's chart are far below this; it stops a mistaken multi-gigabyte bulk export early. */
export const MAX_FHIR_BYTES = 200 * 1024 * 1024;
/**
 * Deepest nesting of objects and lists read. A chart's resources are a few levels deep (a Bundle entry's resource,
 * its extensions, a contained resource's codings: under 30); thousands of levels are a broken or hostile file, which
 * would otherwise exhaust the validator's stack.
 */
export const MAX_FHIR_DEPTH = 100;

export interface SourcedResource {
  resource: Resource;
  /** "entry[3]" or "line 4", for messages. */
  where: string;
  /** The entry's fullUrl, which references may use instead of Type/id. */
  fullUrl?: string;
  /** A Bundle without its entries: checked for structure, but not a resource of the chart. */
  container?: true;
}

const fail = (file: string, message: string, hint: string): never => {
  throw new InputError([{ code: 'fhir/unreadable', severity: 'error', message, hint, place: { file } }]);
};

export function readFhirFile(file: string): SourcedResource[] {
  let text: string;
  try {
    if (statSync(file).size > MAX_FHIR_BYTES) fail(file, `The FHIR file ${file} is larger than ${MAX_FHIR_BYTES / 1024 / 1024} MB.`, "Export only the patient's chart for this request.");
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    return fail(file, code === 'ENOENT' ? `The FHIR file ${file} does not exist.` : `The FHIR file ${file} cannot be read (${code ?? 'error'}).`, 'Check the path and that you may read the file.');
  }
  return parseFhirText(text.replace(/^\uFEFF/, ''), file);
}

export function parseFhirText(text: string, file: string): SourcedResource[] {
  if (text.trim() === '') fail(file, `The FHIR file ${file} is empty.`, 'Export a Bundle (JSON) or NDJSON of resources from the EHR.');
  const trimmed = text.trimStart();
  const deep = nestedBeyond(text, MAX_FHIR_DEPTH);
  if (deep !== undefined) {
    fail(file, `The FHIR file ${file} is nested more than ${MAX_FHIR_DEPTH} levels deep (line ${deep}); no chart export is, so authpack does not read it.`, 'Check that this is the FHIR export you meant, and export the chart again.');
  }
  let whole: unknown;
  let wholeError: string | undefined;
  try {
    whole = JSON.parse(text);
  } catch (err) {
    wholeError = (err as Error).message;
  }
  if (wholeError === undefined) return fromJson(whole, file);
  // Not one JSON value: NDJSON (one resource a line) when it starts like an object and has several lines.
  if (trimmed.startsWith('{') && /\n\s*\{/.test(trimmed)) return fromNdjson(text, file);
  return fail(file, `The FHIR file ${file} is not valid JSON: ${wholeError}.`, 'Export the chart again as a FHIR JSON Bundle or as NDJSON (one resource a line).');
}

function fromJson(value: unknown, file: string): SourcedResource[] {
  if (!isObject(value) || typeof value.resourceType !== 'string') {
    return fail(file, `The FHIR file ${file} is JSON but not a FHIR resource (no \`resourceType\`).`, 'Give a FHIR R4 Bundle, or NDJSON of resources.');
  }
  if (value.resourceType !== 'Bundle') return [{ resource: value as unknown as Resource, where: `${value.resourceType} (the whole file)` }];
  return fromBundle(value, file, '');
}

function fromBundle(bundle: Record<string, unknown>, file: string, prefix: string): SourcedResource[] {
  const entries = bundle.entry ?? [];
  if (!Array.isArray(entries)) return fail(file, `The Bundle's \`${prefix}entry\` in ${file} is not a list.`, 'A Bundle lists its resources under `entry`, each as `{ "resource": { ... } }`.');
  const { entry: _entries, ...shell } = bundle;
  const out: SourcedResource[] = [{ resource: shell as unknown as Resource, where: prefix ? prefix.trim() : 'the Bundle', container: true }];
  const problems: Diagnostic[] = [];
  entries.forEach((entry, i) => {
    const where = `${prefix}entry[${i}]`;
    const resource = isObject(entry) ? entry.resource : undefined;
    if (!isObject(resource) || typeof resource.resourceType !== 'string') {
      // A transaction's DELETE entries carry no resource; anything else without one is broken.
      const method = isObject(entry) && isObject(entry.request) ? entry.request.method : undefined;
      if (method === 'DELETE') return;
      problems.push({ code: 'fhir/invalid-entry', severity: 'error', message: `Bundle ${where} in ${file} has no resource with a \`resourceType\`.`, hint: 'Each entry must be `{ "fullUrl": ..., "resource": { "resourceType": ..., ... } }`.', place: { file } });
      return;
    }
    const fullUrl = isObject(entry) && typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
    out.push({ resource: resource as unknown as Resource, where, ...(fullUrl ? { fullUrl } : {}) });
  });
  if (problems.length) throw new InputError(problems);
  return out;
}

function fromNdjson(text: string, file: string): SourcedResource[] {
  const out: SourcedResource[] = [];
  const problems: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      problems.push({ code: 'fhir/unparsable-line', severity: 'error', message: `Line ${i + 1} of ${file} is not valid JSON: ${(err as Error).message}.`, hint: 'NDJSON has one complete FHIR resource on each line.', place: { file, line: i + 1 } });
      return;
    }
    if (!isObject(value) || typeof value.resourceType !== 'string') {
      problems.push({ code: 'fhir/invalid-entry', severity: 'error', message: `Line ${i + 1} of ${file} is not a FHIR resource (no \`resourceType\`).`, hint: 'NDJSON has one complete FHIR resource on each line.', place: { file, line: i + 1 } });
      return;
    }
    if (value.resourceType === 'Bundle') out.push(...fromBundle(value, file, `${where} `));
    else out.push({ resource: value as unknown as Resource, where });
  });
  if (problems.length) throw new InputError(problems.slice(0, 50));
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "Patient/p1 (entry[3])" — type and id only, never a value from inside the resource. */
export function label(r: SourcedResource): string {
  const id = typeof r.resource.id === 'string' ? `/${/^[A-Za-z0-9.-]{1,64}$/.test(r.resource.id) ? r.resource.id : showText(r.resource.id)}` : '';
  return `${r.resource.resourceType}${id} (${r.where})`;
}

/** The line at which JSON text first nests deeper than `limit` (strings skipped), or undefined. */
function nestedBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return line;
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}
