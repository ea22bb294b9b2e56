// The workbench form is generated from the case JSON schema and its section layout covers every case field.
import { describe, expect, it } from 'vitest';
import { caseJsonSchema } from '../../../src/validate/case-json-schema.js';
import { buildForm, humanize, NOT_IN_FORM, SECTIONS, unknownSectionFields, unplacedFields, type FieldSpec } from '../../../src/serve/workbench/form-spec.js';

const schema = caseJsonSchema();
const sections = buildForm(schema);

function find(fields: readonly FieldSpec[], path: string[]): FieldSpec | undefined {
  const [head, ...rest] = path;
  const f = fields.find((x) => x.key === head);
  if (!f || rest.length === 0) return f;
  if (f.type === 'group') return find(f.fields, rest);
  if (f.type === 'list') return find(f.item.fields, rest);
  return undefined;
}
const field = (path: string) => find(sections.flatMap((s) => s.fields), path.split('.'));

/** Every leaf path of the JSON schema (objects with properties descended, arrays by their items). */
function schemaLeaves(node: Record<string, unknown>, prefix: string[] = []): string[] {
  const unwrap = (n: Record<string, unknown>) => {
    const anyOf = n.anyOf as Record<string, unknown>[] | undefined;
    const real = anyOf?.filter((c) => c.type !== 'null');
    return real && real.length === 1 ? { ...n, ...real[0] } : n;
  };
  const n = unwrap(node);
  if (n.type === 'object' && n.properties) return Object.entries(n.properties as Record<string, Record<string, unknown>>).flatMap(([k, v]) => schemaLeaves(v, [...prefix, k]));
  if (n.type === 'array') {
    const items = unwrap(n.items as Record<string, unknown>);
    if (items.type === 'object' && items.properties) return schemaLeaves(items, prefix);
  }
  return [prefix.join('.')];
}

describe('workbench form from the case schema', () => {
  it('places every top-level case field in exactly one section, and names no field the schema lacks', () => {
    expect(unplacedFields(schema)).toEqual([]);
    expect(unknownSectionFields(schema)).toEqual([]);
    const keys = SECTIONS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(NOT_IN_FORM).toEqual(['version', 'extra']);
  });

  it('has a control for every field of the schema, at any depth', () => {
    const leaves = schemaLeaves(schema).filter((p) => !NOT_IN_FORM.includes(p.split('.')[0]!));
    expect(leaves.length).toBeGreaterThan(100);
    const missing = leaves.filter((p) => field(p) === undefined);
    expect(missing).toEqual([]);
  });

  it('reports a field added to the schema that no section shows', () => {
    const grown = { ...schema, properties: { ...(schema.properties as object), appealOf: { type: 'string' } } };
    expect(unplacedFields(grown)).toEqual(['appealOf']);
  });

  it('takes kinds, labels, choices and limits from the schema', () => {
    expect(field('patient.firstName')).toMatchObject({ type: 'leaf', kind: 'text', label: "Patient's first name", required: true, maxLength: 80 });
    expect(field('patient.middleName')).toMatchObject({ required: false });
    expect(field('patient.dateOfBirth')).toMatchObject({ kind: 'date', required: true });
    expect(field('patient.sex')).toMatchObject({ kind: 'choice', options: ['female', 'male', 'other', 'unknown'] });
    expect(field('request.requestedMonths')).toMatchObject({ kind: 'number', numeric: true });
    expect(field('request.retroactive')).toMatchObject({ kind: 'yesno' });
    expect(field('necessity.summary')).toMatchObject({ kind: 'longtext', maxLength: 20000 });
    expect(field('necessity.references')).toMatchObject({ kind: 'lines' });
    expect(field('items.modifiers')).toMatchObject({ kind: 'lines' });
    expect(field('request.placeOfService')).toMatchObject({ kind: 'text' });
    expect(field('attestations')).toMatchObject({ type: 'record', keyLabel: 'Payer criterion id' });
    expect(field('patient.address')).toMatchObject({ type: 'group', label: "Patient's address" });
  });

  it('shows prior therapies as an editable table and requested items as a stack of groups', () => {
    expect(field('priorTherapies')).toMatchObject({ type: 'list', table: true, label: 'Prior therapies' });
    expect(field('items')).toMatchObject({ type: 'list', table: false });
    const therapies = field('priorTherapies');
    expect(therapies?.type === 'list' && therapies.item.fields.map((f) => f.key)).toEqual(['name', 'category', 'start', 'end', 'outcome', 'stoppedBecause', 'dose', 'frequency']);
  });

  it('keeps the descriptions for coordinators, without the notes on JSON Schema', () => {
    const npi = field('prescriber.npi');
    expect(npi?.help).toMatch(/^Ten digits starting with 1 or 2\./);
    expect(npi?.help).not.toMatch(/JSON Schema/);
    expect(field('patient.dateOfBirth')?.help).toBe('Not after the packet date, and not after any other date of the case.');
    const all = JSON.stringify(sections);
    expect(all).not.toMatch(/JSON Schema/);
  });

  it('humanizes keys without a title', () => {
    expect(humanize('postalCode')).toBe('Postal code');
    expect(humanize('willingToWear18h')).toBe('Willing to wear 18h');
    expect(humanize('line1')).toBe('Line 1');
  });
});
