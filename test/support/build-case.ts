// A valid case to start unit tests from: the gbm-initial sample, changed by a mutator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TODAY = '2026-11-26';
/** Folder the samples' attachment paths are relative to. */
export const SAMPLES_DIR = path.join(ROOT, 'samples');

const base = parse(readFileSync(path.join(ROOT, 'samples', 'gbm-initial.yaml'), 'utf8')) as Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawCase = Record<string, any>;

export function buildCase(change?: (c: RawCase) => void): RawCase {
  const c = structuredClone(base) as RawCase;
  change?.(c);
  return c;
}

/** Renames the patient; the sample's subscriber is the patient ("self"), so the policyholder's name follows. */
export function renamePatient(c: RawCase, names: { firstName?: string; lastName?: string }): void {
  Object.assign(c.patient, names);
  if (c.coverage?.subscriber?.relationship === 'self') c.coverage.subscriber.name = `${c.patient.firstName} ${c.patient.lastName}`;
}

export function samplePath(name: string): string {
  return path.join(ROOT, 'samples', name);
}
