// The human check report: the policy, each criterion with its status and evidence, an appeal's deadlines, suggested
// modifiers.
import { formatDate } from '../format/format.js';
import type { CheckResult } from './check-case.js';
import { revisionText } from '../payers/policy-revision.js';
import { appliesToCase } from '../coverage/evaluate-criteria.js';
import { describeScope } from '../coverage/profile-scope.js';
import { formatAppealDeadlines } from '../appeal/format-deadlines.js';
import { coverageKind } from '../appeal/coverage-kind.js';

const MARK = { met: '✓ met        ', 'not-met': '✗ not met    ', unknown: '? not shown  ' } as const;

export function formatCheckReport(file: string, r: CheckResult): string {
  const lines: string[] = [];
  const p = r.payer.policy;
  lines.push(`${file}: case ${r.case.caseId}, ${r.case.request.kind} request, payer profile ${r.payer.id} (${r.payer.displayName})`);
  if (p) lines.push(`  policy ${p.number} "${p.title}", ${revisionText(p)}, checked ${formatDate(p.lastChecked)}${p.unconfirmed ? ` (unconfirmed: ${p.unconfirmed})` : ''}`);
  if (p && !appliesToCase(r.case, r.payer)) lines.push(`  not applied: no item of this case is in the profile's scope (${describeScope(r.payer)})`);
  if (r.criteria.length) {
    lines.push(`  criteria (${coverageKind(r.case)}):`);
    for (const o of r.criteria) {
      lines.push(`    ${MARK[o.result.status]}${o.criterion.id}: ${o.result.evidence}${o.result.note ? ` (${o.result.note})` : ''}${o.result.caveat ? ` [check: ${o.result.caveat}]` : ''}${o.criterion.unconfirmed ? ` [wording unconfirmed, not cited in the letter: ${o.criterion.unconfirmed}]` : ''}`);
    }
  } else lines.push('  criteria: none in this payer profile for this request');
  if (r.appealDeadlines) lines.push(...formatAppealDeadlines(r.appealDeadlines));
  for (const s of r.modifiers) lines.push(`  suggested modifiers for ${s.code}: ${s.suggested.join(', ') || 'none'}${s.reason ? ` (${s.reason})` : ''}; listed: ${s.listed.join(', ') || 'none'}`);
  return lines.join('\n');
}
