// Opening a case file from disk (YAML or JSON, as the CLI reads them) and saving the case being edited as a file.
import { parse, stringify } from 'yaml';

/** The case in a file the coordinator picked; throws an Error whose message names the file and the line. */
export function parseCaseFile(name: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    // YAML 1.2 core schema reads JSON too; a .json file is parsed as JSON so a YAML-only form is not accepted there.
    value = /\.json$/i.test(name) ? JSON.parse(text) : parse(text, { maxAliasCount: 100, prettyErrors: true });
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`${name} could not be read as ${/\.json$/i.test(name) ? 'JSON' : 'YAML'}: ${why}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${name} does not hold a case: a case is a mapping of fields (version, caseId, patient …).`);
  }
  return value as Record<string, unknown>;
}

export function caseFileText(value: unknown, format: 'yaml' | 'json'): string {
  return format === 'json' ? JSON.stringify(value, null, 2) + '\n' : stringify(value, { lineWidth: 0 });
}

/** A file name from the case ID (letters, digits, dots, dashes, underscores only), else `case`. */
export function caseFileName(value: unknown, ext: string): string {
  const id = value && typeof value === 'object' ? (value as { caseId?: unknown }).caseId : undefined;
  const safe = typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/.test(id) ? id : 'case';
  return `${safe}.${ext}`;
}
