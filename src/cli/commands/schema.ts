// `authpack schema`: the case format as JSON Schema on stdout.
import { ExitCode } from '../../diagnostics/errors.js';
import { caseJsonSchema } from '../../validate/case-json-schema.js';
import type { CommandContext } from '../program.js';

export function schemaCommand({ io }: CommandContext): number {
  io.out(JSON.stringify(caseJsonSchema(), null, 2));
  return ExitCode.ok;
}
