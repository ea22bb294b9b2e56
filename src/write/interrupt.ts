// Ctrl-C (SIGINT), SIGTERM and a closed terminal (SIGHUP) during a write: remove this process's temp files, say so,
// and exit with 128 + the signal number (130, 143, 129), as shells do.
import { writeSync } from 'node:fs';
import { constants } from 'node:os';
import { removeLiveTemps } from './temp-files.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Installs the handlers until the returned function is called. `what` names the command in the message. */
export function cleanUpOnInterrupt(what: string): () => void {
  const handler = (signal: NodeJS.Signals) => {
    removeLiveTemps();
    try {
      writeSync(2, `${what}: interrupted (${signal}); nothing was written.\n`);
    } catch {
      /* stderr is gone too */
    }
    process.exit(128 + constants.signals[signal]);
  };
  for (const s of SIGNALS) process.on(s, handler);
  return () => {
    for (const s of SIGNALS) process.off(s, handler);
  };
}
