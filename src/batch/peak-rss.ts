// This process's peak resident memory in MiB. On Linux it is read from /proc/self/status (VmHWM), which starts
// afresh when the program starts: getrusage's maxRSS keeps the high-water mark of the process that forked it, so a
// batch started from a large process (a bench, a server) would report that process's memory as its own.
import { readFileSync } from 'node:fs';

export function peakRssMiB(): number {
  try {
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib) return Math.round(Number(kib) / 1024);
  } catch {
    /* not Linux: fall back */
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
