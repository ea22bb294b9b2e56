// `authpack payers` lists the payer profiles; `authpack payers show ID` prints one.
import { stringify } from 'yaml';
import { ExitCode } from '../../diagnostics/errors.js';
import { listPayerIds, loadPayer } from '../../payers/load-payer.js';
import type { CommandContext } from '../program.js';

export function payersListCommand(opts: { payers?: string[] }, { io }: CommandContext): number {
  const rows = listPayerIds(opts.payers ?? []).map((id) => {
    const p = loadPayer(id, opts.payers ?? []);
    return [id, p.displayName, p.policy ? `${p.policy.number} (rev. ${p.policy.revision}, checked ${p.policy.lastChecked})` : 'no policy criteria'];
  });
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const w1 = Math.max(...rows.map((r) => r[1]!.length));
  io.out(rows.map((r) => `${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]}`).join('\n'));
  return ExitCode.ok;
}

export function payersShowCommand(id: string, opts: { payers?: string[] }, { io }: CommandContext): number {
  const { dir, ...profile } = loadPayer(id, opts.payers ?? []);
  io.out(`# ${dir}\n${stringify(profile, { lineWidth: 110 })}`.trimEnd());
  return ExitCode.ok;
}
