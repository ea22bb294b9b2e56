// `authpack init [--kind device|drug|procedure]`: prints the commented starter case of that kind to fill in.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ExitCode } from '../../diagnostics/errors.js';
import { packageRoot } from '../../package-root.js';
import type { CommandContext } from '../program.js';

export const STARTER_KINDS = ['device', 'drug', 'procedure'] as const;
export type StarterKind = (typeof STARTER_KINDS)[number];

/** The starter file of each kind; the device starter keeps its historical name. */
const STARTERS: Record<StarterKind, string> = {
  device: 'starter-case.yaml',
  drug: 'starter-case-drug.yaml',
  procedure: 'starter-case-procedure.yaml',
};

/** The commented starter case of a kind, as text (also served by `authpack serve` at /v1/starter). */
export function starterText(kind: StarterKind = 'device'): string {
  return readFileSync(path.join(packageRoot(), 'templates', STARTERS[kind]), 'utf8');
}

export function initCommand(opts: { kind?: StarterKind }, { io }: CommandContext): number {
  io.out(starterText(opts.kind).trimEnd());
  return ExitCode.ok;
}
