// The case format as JSON Schema (draft 2020-12), generated from the zod schema so the two never drift, then adjusted
// where the validator does more than zod's types say: null means "not given", and `extra` holds plain data only.
import { z } from 'zod';
import { caseSchema } from './case-schema.js';
import { FORBIDDEN_KEYS } from './check-raw-shape.js';

type Json = Record<string, unknown>;

const DESCRIPTION = [
  'A prior-authorization case: patient, coverage, prescriber, diagnoses, requested items, prior therapies, medical necessity, follow-up, attachments and signature.',
  'An optional field given as null means "not given"; a required field may not be null.',
  'Identifiers (case ID, member ID, group number, MBI, ZIP code, NPI) and codes are text: in JSON, write them in quotes (a YAML case file may leave them unquoted; they are read as typed). Codes may be written in either case.',
  'Checked by `authpack validate` but not expressible here: the NPI check digit; dates of past events (birth, diagnosis, therapies, visits, signature) not after the packet date; every date on or after the date of birth; end dates not before start dates.',
  'Text is normalized to Unicode NFC and control characters are removed before lengths are checked; a case holds at most 20,000 values nested at most 32 deep.',
].join(' ');

/** Any JSON value whose field names JavaScript does not treat specially (what `extra:` may hold). */
const PLAIN_DATA: Json = {
  anyOf: [
    { type: ['string', 'number', 'boolean', 'null'] },
    { type: 'array', items: { $ref: '#/$defs/plainData' } },
    { type: 'object', propertyNames: { not: { enum: [...FORBIDDEN_KEYS] } }, additionalProperties: { $ref: '#/$defs/plainData' } },
  ],
};

export function caseJsonSchema(): Json {
  // `throw`: a schema part JSON Schema cannot carry must be handled here, not silently become "anything".
  const { $schema: _drop, ...schema } = z.toJSONSchema(caseSchema, { io: 'input', unrepresentable: 'throw' }) as Json;
  const properties = schema.properties as Record<string, Json>;
  const { type: _object, propertyNames: _names, additionalProperties: _values, ...extraNotes } = properties.extra!;
  properties.extra = { ...extraNotes, type: 'object', propertyNames: { not: { enum: [...FORBIDDEN_KEYS] } }, additionalProperties: { $ref: '#/$defs/plainData' } };
  allowNullWhenOptional(schema);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://authpack.dev/schema/case-v1.json',
    title: 'authpack case, format version 1',
    description: DESCRIPTION,
    ...schema,
    $defs: { plainData: PLAIN_DATA },
  };
}

const ANNOTATIONS = ['title', 'description', 'examples', 'default'];

/** Every optional field of every group (zod strict objects: `additionalProperties: false`) may also be null. */
function allowNullWhenOptional(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) allowNullWhenOptional(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Json;
  if (n.additionalProperties === false && n.properties && typeof n.properties === 'object') {
    const required = new Set((n.required as string[] | undefined) ?? []);
    const props = n.properties as Record<string, Json>;
    for (const [key, prop] of Object.entries(props)) {
      if (required.has(key)) continue;
      const notes = Object.fromEntries(ANNOTATIONS.filter((a) => a in prop).map((a) => [a, prop[a]]));
      const rest = Object.fromEntries(Object.entries(prop).filter(([a]) => !ANNOTATIONS.includes(a)));
      const choices = Object.keys(rest).length === 1 && Array.isArray(rest.anyOf) ? (rest.anyOf as unknown[]) : [rest];
      props[key] = { ...notes, anyOf: [...choices, { type: 'null' }] };
    }
  }
  for (const value of Object.values(n)) allowNullWhenOptional(value);
}
