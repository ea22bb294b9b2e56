// The workbench form as data, generated from the case JSON schema: sections of fields, groups, lists and tables.
// Only the section layout is written by hand (SECTIONS); every field, label, kind and limit comes from the schema,
// so the form cannot drift from what `authpack validate` accepts (form-spec.test.ts checks the layout covers it).

type Json = Record<string, unknown>;

export type LeafKind = 'text' | 'longtext' | 'date' | 'number' | 'choice' | 'yesno' | 'lines';

export interface LeafSpec {
  type: 'leaf';
  key: string;
  label: string;
  kind: LeafKind;
  required: boolean;
  help?: string;
  options?: string[];
  maxLength?: number;
  /** Integer or number: the typed text is stored as a number when it reads as one. */
  numeric?: boolean;
}
export interface GroupSpec {
  type: 'group';
  key: string;
  label: string;
  required: boolean;
  help?: string;
  fields: FieldSpec[];
}
export interface ListSpec {
  type: 'list';
  key: string;
  label: string;
  required: boolean;
  help?: string;
  /** A table (one row per entry, one column per field) rather than a stack of groups. */
  table: boolean;
  item: GroupSpec;
}
/** A map from a key the coordinator types (a payer criterion id) to a text. */
export interface RecordSpec {
  type: 'record';
  key: string;
  label: string;
  required: boolean;
  help?: string;
  keyLabel: string;
  valueLabel: string;
}
export type FieldSpec = LeafSpec | GroupSpec | ListSpec | RecordSpec;

export interface SectionSpec {
  id: string;
  title: string;
  fields: FieldSpec[];
}

/** The page layout: which top-level case fields each section shows, in the order the coordinator fills them. */
export const SECTIONS: readonly { id: string; title: string; keys: readonly string[] }[] = [
  { id: 'request', title: 'Case and request', keys: ['caseId', 'payer', 'request'] },
  { id: 'patient', title: 'Patient', keys: ['patient'] },
  { id: 'coverage', title: 'Coverage', keys: ['coverage'] },
  { id: 'prescriber', title: 'Prescriber', keys: ['prescriber', 'supplier', 'facility'] },
  { id: 'diagnoses', title: 'Diagnoses', keys: ['diagnoses'] },
  { id: 'items', title: 'Requested items', keys: ['items'] },
  { id: 'therapies', title: 'Prior therapies', keys: ['priorTherapies', 'noPriorTherapy'] },
  { id: 'clinical', title: 'Clinical data', keys: ['clinical', 'deviceReadiness', 'followUp'] },
  { id: 'necessity', title: 'Medical necessity', keys: ['necessity', 'attestations'] },
  { id: 'orders', title: 'Orders and consent', keys: ['orders', 'consent'] },
  { id: 'attachments', title: 'Attachments', keys: ['attachments'] },
  { id: 'appeal', title: 'Appeal of a denial', keys: ['denial', 'representative'] },
  { id: 'signature', title: 'Signature', keys: ['signature'] },
];

/** Top-level fields the form does not edit: the format version is always 1; `extra` is free data for templates. */
export const NOT_IN_FORM: readonly string[] = ['version', 'extra'];

/** Lists shown as tables: few short columns, many rows. */
const TABLES = new Set(['priorTherapies', 'diagnoses', 'measurements', 'usageReports', 'evidence']);
/** Text longer than this is a text area. */
const LONG_TEXT = 300;

/** `{anyOf: [X, {type: 'null'}]}` (an optional field, null meaning "not given") → X with the annotations kept. */
export function unwrapNullable(node: Json): Json {
  const anyOf = node.anyOf as Json[] | undefined;
  if (!anyOf) return node;
  const choices = anyOf.filter((c) => c.type !== 'null');
  const { anyOf: _drop, ...notes } = node;
  if (choices.length === 1) return { ...choices[0], ...notes };
  return { ...notes, anyOf: choices };
}

export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([a-zA-Z])(\d)/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A schema description without its notes on what JSON Schema can or cannot say (they are for programmers). */
export function forCoordinator(description: string): string | undefined {
  const text = description
    .replace(/\s*\([^)]*JSON Schema[^)]*\)/g, '')
    .split(/(?<=\.)\s+/)
    .filter((sentence) => !/JSON Schema/.test(sentence))
    .join(' ')
    .trim();
  return text || undefined;
}

function labelOf(key: string, node: Json): string {
  const title = typeof node.title === 'string' ? node.title : undefined;
  if (!title || title.startsWith('list of ')) return humanize(key);
  return title.charAt(0).toUpperCase() + title.slice(1);
}

function fieldSpec(key: string, raw: Json, required: boolean): FieldSpec {
  const node = unwrapNullable(raw);
  const label = labelOf(key, node);
  const help = typeof node.description === 'string' ? forCoordinator(node.description) : undefined;
  const base = { key, label, required, ...(help ? { help } : {}) };
  if (node.type === 'object' && node.properties) return { type: 'group', ...base, fields: fieldsOf(node) };
  if (node.type === 'object') {
    return { type: 'record', ...base, keyLabel: key === 'attestations' ? 'Payer criterion id' : 'Key', valueLabel: 'Text' };
  }
  if (node.type === 'array') {
    const items = unwrapNullable(node.items as Json);
    if (items.type === 'object') {
      const item: GroupSpec = { type: 'group', key: '', label: labelOf(key, node), required: true, fields: fieldsOf(items) };
      return { type: 'list', ...base, table: TABLES.has(key), item };
    }
    return { type: 'leaf', ...base, kind: 'lines' };
  }
  if (Array.isArray(node.enum)) return { type: 'leaf', ...base, kind: 'choice', options: node.enum.map(String) };
  if (node.type === 'boolean') return { type: 'leaf', ...base, kind: 'yesno' };
  if (node.type === 'integer' || node.type === 'number') return { type: 'leaf', ...base, kind: 'number', numeric: true };
  if (node.format === 'date') return { type: 'leaf', ...base, kind: 'date' };
  const maxLength = typeof node.maxLength === 'number' ? node.maxLength : undefined;
  // A number-or-text value (a measurement, a place of service) is typed as text: validation says which it must be.
  const kind: LeafKind = maxLength !== undefined && maxLength > LONG_TEXT ? 'longtext' : 'text';
  return { type: 'leaf', ...base, kind, ...(maxLength !== undefined ? { maxLength } : {}) };
}

function fieldsOf(node: Json): FieldSpec[] {
  const props = (node.properties ?? {}) as Record<string, Json>;
  const required = new Set((node.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([key, prop]) => fieldSpec(key, prop, required.has(key)));
}

/** The form's sections from the case JSON schema (`GET /v1/schema`, `caseJsonSchema()`). */
export function buildForm(schema: Json): SectionSpec[] {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return SECTIONS.map((s) => ({
    id: s.id,
    title: s.title,
    fields: s.keys.filter((k) => k in props).map((k) => fieldSpec(k, props[k]!, required.has(k))),
  }));
}

/** Top-level schema fields that no section shows and that are not deliberately left out (should be none). */
export function unplacedFields(schema: Json): string[] {
  const placed = new Set([...SECTIONS.flatMap((s) => s.keys), ...NOT_IN_FORM]);
  return Object.keys((schema.properties ?? {}) as Json).filter((k) => !placed.has(k));
}

/** Section keys that the schema does not have (a field renamed or removed). */
export function unknownSectionFields(schema: Json): string[] {
  const props = (schema.properties ?? {}) as Json;
  return SECTIONS.flatMap((s) => s.keys).filter((k) => !(k in props));
}
