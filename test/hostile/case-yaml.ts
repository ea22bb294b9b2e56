// The valid case the hostile cases start from, as YAML (no vitest here: the fixture writer imports it too).
import { stringify } from 'yaml';
import { buildCase, type RawCase } from '../support/build-case.js';

/** A case (the gbm-initial sample under generic-commercial) with one attachment, as YAML, changed by `change`. */
export function caseYaml(attachment?: string, change?: (c: RawCase) => void): string {
  return stringify(
    buildCase((c) => {
      c.payer = 'generic-commercial';
      c.attachments = attachment ? [{ file: attachment, kind: 'other', title: 'Hostile attachment' }] : [];
      change?.(c);
    }),
  );
}
