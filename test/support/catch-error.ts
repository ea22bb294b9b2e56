// Runs a function that must throw a given PacketError kind and returns the error for inspection.
import type { PacketError } from '../../src/diagnostics/errors.js';

export function catchError<E extends PacketError>(kind: new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (err) {
    if (err instanceof kind) return err;
    throw err;
  }
  throw new Error(`expected a ${kind.name}`);
}
