// The README is the manual: it must document every preflight rule, every criterion evaluator and every profile.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRITERION_CHECKS } from '../src/coverage/criterion-checks.js';
import { listPayerIds } from '../src/payers/load-payer.js';
import { RULES } from '../src/preflight/all-rules.js';
import { ROOT } from './support/build-case.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('documents every preflight rule id with its severity and summary', () => {
    for (const r of RULES) expect(readme).toContain(`| \`${r.id}\` | ${r.severity} | ${r.summary.replace(/\|/g, '\\|')} |`);
  });
  it('lists every criterion evaluator and every built-in payer profile', () => {
    for (const c of CRITERION_CHECKS) expect(readme).toContain(`\`${c}\``);
    for (const id of listPayerIds()) expect(readme).toContain(`\`${id}\``);
  });
  it('keeps the two-command quick start', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });
});
