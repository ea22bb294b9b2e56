// `authpack payers` lists the payer profiles; `authpack payers show ID` prints one.
import { stringify } from 'yaml';
import { ExitCode } from '../../diagnostics/errors.js';
import { listPayerIds, loadPayer } from '../../payers/load-payer.js';
import type { CommandContext } from '../program.js';
import { revisionText } from '../../payers/policy-revision.js';
import { describeScope } from '../../coverage/profile-scope.js';

export function payersListCommand(opts: { payers?: string[] }, { io }: CommandContext): number {
  const rows = listPayerIds(opts.payers ?? []).map((id) => {
    const p = loadPayer(id, opts.payers ?? []);
    // The revision shows only when the profile confirms it: the day a profile was written is not a policy date.
    const policy = p.policy ? `${p.policy.number} (${revisionText(p.policy)}, checked ${p.policy.lastChecked})` : 'no policy criteria';
    return [id, p.displayName, `covers ${describeScope(p)}`, policy];
  });
  const widths = [0, 1, 2].map((k) => Math.max(...rows.map((r) => r[k]!.length)));
  io.out(rows.map((r) => r.map((cell, k) => (k < 3 ? cell.padEnd(widths[k]!) : cell)).join('  ')).join('\n'));
  return ExitCode.ok;
}

export function payersShowCommand(id: string, opts: { payers?: string[] }, { io }: CommandContext): number {
  const { dir, ...profile } = loadPayer(id, opts.payers ?? []);
  io.out(`# ${dir}\n${stringify(profile, { lineWidth: 110 })}`.trimEnd());
  return ExitCode.ok;
}
