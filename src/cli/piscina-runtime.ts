// Piscina for a process started from the start-up snapshot: a snapshot holds no userland require, so the package
// is loaded from authpack's own node_modules when a worker pool is first made.
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as PiscinaModule from 'piscina';
import { packageRoot } from '../package-root.js';

type PiscinaClass = typeof PiscinaModule.Piscina;

let loaded: PiscinaClass | undefined;
const load = (): PiscinaClass => (loaded ??= (createRequire(path.join(packageRoot(), 'package.json'))('piscina') as typeof PiscinaModule).Piscina);

export const Piscina = new Proxy(function Piscina() {} as unknown as PiscinaClass, {
  construct: (_target, args) => new (load())(...(args as ConstructorParameters<PiscinaClass>)),
  get: (_target, key) => Reflect.get(load(), key),
});
