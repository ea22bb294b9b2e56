// How many workers a batch runs at once: what was asked (default: the CPU count), but never more than the CPUs, nor
// more than the memory can hold when every worker reaches its heap limit.
import { availableParallelism, totalmem } from 'node:os';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface Machine {
  cpus: number;
  memoryBytes: number;
}

/** Room kept for the main thread and the system. */
const RESERVE_MIB = 512;
/** Beyond its heap, a worker thread holds code, stacks and buffers. */
const WORKER_OVERHEAD_MIB = 64;

export function thisMachine(): Machine {
  const limit = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  const total = totalmem();
  return { cpus: availableParallelism(), memoryBytes: limit && limit > 0 && limit < total ? limit : total };
}

export function workerCount(requested: number | undefined, heap: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number }, machine: Machine = thisMachine()): { count: number; warning?: Diagnostic } {
  const perWorker = heap.maxOldGenerationSizeMb + heap.maxYoungGenerationSizeMb + WORKER_OVERHEAD_MIB;
  const byMemory = Math.floor((machine.memoryBytes / 2 ** 20 - RESERVE_MIB) / perWorker);
  const cap = Math.max(1, Math.min(machine.cpus, byMemory));
  const count = Math.min(Math.max(1, Math.floor(requested ?? machine.cpus)), cap);
  if (requested === undefined || requested <= cap) return { count };
  const gib = (machine.memoryBytes / 2 ** 30).toFixed(1);
  return {
    count,
    warning: {
      code: 'batch/concurrency-capped',
      severity: 'warning',
      message: `--concurrency ${requested} is more than this machine can run at once: ${machine.cpus} CPUs and ${gib} GiB of memory (a worker may use up to ${perWorker} MiB) allow ${cap}; using ${count} workers.`,
      hint: 'More workers than CPUs do not make a batch faster; leave --concurrency out to use every CPU.',
    },
  };
}
