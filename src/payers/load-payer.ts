// Finds a payer profile by id in the built-in folder (templates/payers) or a user's folders, and validates it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { fileStamp } from '../load/file-stamp.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError, RenderError } from '../diagnostics/errors.js';
import { suggestSimilar } from '../diagnostics/suggest-similar.js';
import { packageRoot } from '../package-root.js';
import { payerProfileSchema, type PayerProfile, type PayerProfileData } from './payer-schema.js';

export const PROFILE_FILE = 'profile.yaml';

export function builtInPayerDir(): string {
  return path.join(packageRoot(), 'templates', 'payers');
}

/** Profile folders searched, user folders first so a user can replace a built-in profile. */
function searchDirs(extraDirs: readonly string[]): string[] {
  return [...extraDirs, builtInPayerDir()];
}

export function listPayerIds(extraDirs: readonly string[] = []): string[] {
  const ids = new Set<string>();
  for (const dir of searchDirs(extraDirs)) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(path.join(dir, entry.name, PROFILE_FILE))) ids.add(entry.name);
    }
  }
  return [...ids].sort();
}

// Profiles read in this process (or in the start-up snapshot), each with the files it was built from and their
// modification times: an edited profile, or an edited profile it takes criteria from, is read again.
const cache = new Map<string, { profile: PayerProfile; stamp: string }>();
const sources = new WeakMap<PayerProfile, readonly string[]>();

/** What a profile takes from the one it names in `criteriaFrom` when it does not give its own. */
export const INHERITED_FIELDS = ['indications', 'criteria', 'thresholds', 'experimentalCombinations', 'policy'] as const;

export function loadPayer(id: string, extraDirs: readonly string[] = [], chain: readonly string[] = []): PayerProfile {
  const dir = searchDirs(extraDirs).map((d) => path.join(d, id)).find((d) => existsSync(path.join(d, PROFILE_FILE)));
  if (!dir) {
    const known = listPayerIds(extraDirs);
    const near = suggestSimilar(id, known);
    throw new InputError([
      {
        code: 'validate/unknown-payer',
        severity: 'error',
        path: ['payer'],
        message: `There is no payer profile "${id}".`,
        hint: `${near ? `Did you mean "${near}"? ` : ''}Known profiles: ${known.join(', ')}. Use --payers DIR for your own.`,
      },
    ]);
  }
  const file = path.join(dir, PROFILE_FILE);
  const cached = cache.get(file);
  if (cached && fileStamp(sources.get(cached.profile)!) === cached.stamp) return cached.profile;
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RenderError([{ code: 'payer/unparsable', severity: 'error', message: `The payer profile ${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`, place: { file } }]);
  }
  const parsed = payerProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const diagnostics: Diagnostic[] = parsed.error.issues.map((i) => ({
      code: 'payer/invalid-profile',
      severity: 'error',
      message: `The payer profile field \`${i.path.join('.') || '(the whole profile)'}\` is not valid: ${i.message.charAt(0).toLowerCase() + i.message.slice(1)}.`,
      place: { file },
      hint: 'Fix the profile; the format is described in the README under "Payer profiles".',
    }));
    throw new RenderError(diagnostics);
  }
  if (parsed.data.id !== id) {
    throw new RenderError([{ code: 'payer/id-mismatch', severity: 'error', message: `The payer profile in folder "${id}" says its id is "${parsed.data.id}".`, place: { file }, hint: 'Make the folder name and `id:` the same.' }]);
  }
  const files = [file];
  const profile = { ...inherit(parsed.data, raw, file, extraDirs, [...chain, id], files), dir };
  sources.set(profile, files);
  cache.set(file, { profile, stamp: fileStamp(files) });
  return profile;
}

/** Applies `criteriaFrom`: the named profile's policy data, except the fields this profile's YAML gives itself. */
function inherit(data: PayerProfileData, raw: unknown, file: string, extraDirs: readonly string[], chain: readonly string[], files: string[]): PayerProfileData {
  const from = data.criteriaFrom;
  if (!from) return data;
  if (chain.includes(from)) {
    throw new RenderError([{ code: 'payer/criteria-cycle', severity: 'error', message: `The payer profile ${file} takes its criteria from "${from}", which leads back to it (${[...chain, from].join(' → ')}).`, place: { file }, hint: 'Point `criteriaFrom` at a profile that gives its own criteria.' }]);
  }
  let base: PayerProfile;
  try {
    base = loadPayer(from, extraDirs, chain);
    files.push(...(sources.get(base) ?? []));
  } catch (err) {
    if (err instanceof InputError) throw new RenderError([{ code: 'payer/criteria-from-unknown', severity: 'error', message: `The payer profile ${file} takes its criteria from "${from}", but there is no such profile.`, place: { file }, hint: 'Fix `criteriaFrom`; `authpack payers` lists the profiles.' }]);
    throw err;
  }
  const own = raw as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...data };
  for (const key of INHERITED_FIELDS) if (own[key] === undefined && base[key] !== undefined) merged[key] = base[key];
  return merged as PayerProfileData;
}
