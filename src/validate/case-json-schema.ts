// The case format as JSON Schema (draft 2020-12), generated from the zod schema so the two never drift.
import { z } from 'zod';
import { caseSchema } from './case-schema.js';

export function caseJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(caseSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://authpack.dev/schema/case-v1.json',
    title: 'authpack case, format version 1',
    description: 'A prior-authorization case: patient, coverage, prescriber, diagnoses, requested items, prior therapies, medical necessity, follow-up, attachments and signature.',
    ...schema,
  };
}
