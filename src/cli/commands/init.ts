// `authpack init`: prints the commented starter case (templates/starter-case.yaml) to fill in.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ExitCode } from '../../diagnostics/errors.js';
import { packageRoot } from '../../package-root.js';
import type { CommandContext } from '../program.js';

export function initCommand({ io }: CommandContext): number {
  io.out(readFileSync(path.join(packageRoot(), 'templates', 'starter-case.yaml'), 'utf8').trimEnd());
  return ExitCode.ok;
}
