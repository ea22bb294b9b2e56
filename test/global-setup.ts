// Runs once around the whole test run: afterwards, fails the run if any test left an `authpack-*` entry in the
// system temp folder, or a `tsx-*` cache of the TypeScript loader some tests start node with (tests must clean up
// after themselves; see test/support/temp.ts).
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ours = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('authpack-') || n.startsWith('tsx-')));

export default function setup(): () => void {
  const before = ours();
  return () => {
    const left = [...ours()].filter((n) => !before.has(n));
    if (left.length) throw new Error(`The tests left ${left.length} entries in ${tmpdir()}: ${left.join(', ')}`);
  };
}
