// `authpack render` of an appeal case through the built CLI: the packet is written, titled for the level; a cited
// page the enclosure does not have is an input error (exit 3) placed at its line in the case file.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runAuthpack } from '../support/run-cli.js';
import { extractText } from '../support/extract-text.js';
import { SAMPLES_DIR, TODAY } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';
import { buildAppealCase } from './appeal-case.js';
import type { RawCase } from '../support/build-case.js';

function caseDir(c: RawCase): string {
  const dir = makeTempDir('appeal-cli');
  cpSync(path.join(SAMPLES_DIR, 'attachments'), path.join(dir, 'attachments'), { recursive: true });
  writeFileSync(path.join(dir, 'case.yaml'), stringify(c));
  return dir;
}

describe('authpack render (appeal)', () => {
  it('writes the appeal packet', async () => {
    const dir = caseDir(buildAppealCase());
    const run = await runAuthpack(['render', 'case.yaml', '-o', 'appeal.pdf', '--date', TODAY], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const { pages, info } = await extractText(readFileSync(path.join(dir, 'appeal.pdf')));
    expect(pages[0]).toContain('Level 1 Appeal · Fax Cover Sheet');
    expect(String(info.Title)).toBe('Level 1 Appeal PA-2026-0142');
  });

  it('stops at a cited page the enclosure does not have, with the line of the case file', async () => {
    const dir = caseDir(buildAppealCase((c) => (c.denial.reasons[0].evidence[0].pages = '7')));
    const run = await runAuthpack(['render', 'case.yaml', '-o', 'appeal.pdf', '--date', TODAY], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/appeal\/evidence-page-missing\] case\.yaml:\d+:\d+ → denial\.reasons\[0\]\.evidence\[0\]\.pages/);
    expect(run.stderr).toContain('which has 3 pages');
  });
});
