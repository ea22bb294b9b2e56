// Reads a request body that carries a case: JSON, YAML, or multipart/form-data with a `case` field and the case's
// attachment files. The case text goes through the CLI's own parser (size, depth, value and alias limits, line
// numbers); anything else is refused with 415.
import type { Context } from 'hono';
import { parseCaseText } from '../load/load-case.js';
import type { SourceMap } from '../load/source-map.js';
import { HttpError } from './http-error.js';

export interface UploadedFile {
  /** The name the client gave the file (matched against the case's `attachments[].file`). */
  name: string;
  bytes: Uint8Array;
}

export interface CaseBody {
  raw: unknown;
  source: SourceMap;
  /** Attachment files sent with a multipart body; undefined for a JSON or YAML body. */
  files?: UploadedFile[];
}

export const JSON_TYPES = ['application/json'];
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
const MULTIPART = 'multipart/form-data';
/** Most parts in one multipart body: the case plus its attachments (a case lists far fewer). */
export const MAX_PARTS = 101;
/** How the case is named in diagnostics when it came in a request body (as `<stdin>` for the CLI). */
export const BODY_NAME = '<request body>';

export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export async function readCaseBody(c: Context, accept: { multipart: boolean }): Promise<CaseBody> {
  const type = mediaType(c);
  if (JSON_TYPES.includes(type) || YAML_TYPES.includes(type) || type.endsWith('+json')) {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return parseCaseText(bytes, BODY_NAME);
  }
  if (type === MULTIPART && accept.multipart) return readMultipart(c);
  throw unsupported(type, accept.multipart);
}

async function readMultipart(c: Context): Promise<CaseBody> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new HttpError(400, 'serve/bad-multipart', 'The multipart/form-data body cannot be read.', [], {});
  }
  const entries = [...form.entries()];
  if (entries.length > MAX_PARTS) {
    throw new HttpError(413, 'serve/too-many-parts', `The request has ${entries.length} parts; at most ${MAX_PARTS} are read (the case and its attachments).`);
  }
  const cases = form.getAll('case');
  if (cases.length !== 1) {
    throw new HttpError(400, 'serve/case-missing', cases.length ? 'The request has more than one `case` field.' : 'The request has no `case` field.', [
      { code: 'serve/case-missing', severity: 'error', message: 'A multipart request carries the case (JSON or YAML) in one field named `case`, and each attachment file in a file field.', hint: 'Send the case in a field named `case`, and each attachment as a file whose name is its `attachments[].file`.' },
    ]);
  }
  const part = cases[0]!;
  const caseBytes = typeof part === 'string' ? part : new Uint8Array(await part.arrayBuffer());
  const parsed = parseCaseText(caseBytes, typeof part === 'string' || !part.name ? BODY_NAME : part.name);
  const files: UploadedFile[] = [];
  for (const [field, value] of entries) {
    if (field === 'case') continue;
    if (typeof value === 'string') {
      throw new HttpError(400, 'serve/unexpected-field', `The field \`${field.slice(0, 60)}\` is text; besides \`case\`, a request carries only attachment files.`);
    }
    files.push({ name: value.name || field, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { ...parsed, files };
}

function unsupported(type: string, multipart: boolean): HttpError {
  const accepted = ['application/json', 'application/yaml', ...(multipart ? [MULTIPART] : [])].join(', ');
  return new HttpError(415, 'serve/unsupported-media-type', `${type ? `A body of type ${type.slice(0, 80)}` : 'A body without a Content-Type'} cannot be read here; send ${accepted}.`, [
    { code: 'serve/unsupported-media-type', severity: 'error', message: `This route reads ${accepted}.`, hint: 'Set the Content-Type header to the type of the case you send.' },
  ]);
}
