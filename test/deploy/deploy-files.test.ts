// The deployment examples in samples/deploy/ (Dockerfile, docker-compose.yml, kubernetes.yaml) and the README's
// Deployment steps, checked without Docker or a cluster: every authpack command line they hold is one the CLI takes,
// the Redis URL is never on a command line, the server and the workers see the shared folder at the same path, the
// Dockerfile copies what exists and is in its build context, and the README's commands name files that exist.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT } from '../support/build-case.js';
import { spawnAsync } from '../support/spawn-async.js';

const DEPLOY = path.join(ROOT, 'samples', 'deploy');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, walked by hand
type Any = Record<string, any>;
const compose = parse(read('samples/deploy/docker-compose.yml'), { merge: true }) as Any;
const kubeDocuments = parseAllDocuments(read('samples/deploy/kubernetes.yaml'));
const kube = kubeDocuments.map((d) => d.toJS() as Any);
const dockerfile = read('samples/deploy/Dockerfile');
const readme = read('README.md');

/**
 * The commands and flags of queue mode as the brief for issue 15 gives them (its CLI section), for the command lines
 * of the examples while the CLI on this branch does not have them yet. Once it has (`queue work --help` answers), every
 * flag below is checked against the CLI's own help instead, so this table cannot keep a wrong flag alive.
 */
const QUEUE_MODE: Record<string, string[]> = {
  'queue submit': ['--output', '--names', '--overwrite', '--date', '--payers', '--templates', '--force', '--attachments', '--allow-outside', '--attempts', '--redis', '--queue', '--redis-ca'],
  'queue work': ['--concurrency', '--case-timeout', '--stall-timeout', '--redis', '--queue', '--redis-ca'],
  'queue status': ['--wait', '--format', '--redis', '--queue', '--redis-ca'],
  'queue report': ['-o', '--redis', '--queue', '--redis-ca'],
  serve: ['--redis', '--shared', '--redis-ca'],
};

/** An authpack command line: the container that runs it and its arguments (the image's entrypoint is `authpack`). */
interface CommandLine {
  where: string;
  argv: string[];
}

const isAuthpackImage = (image: unknown) => typeof image === 'string' && /^([\w.-]+(:\d+)?\/)*authpack:/.test(image);

const composeServices = Object.entries(compose.services as Record<string, Any>);
const composeCommands: CommandLine[] = composeServices.filter(([, s]) => isAuthpackImage(s.image)).map(([name, s]) => ({ where: `docker-compose.yml: ${name}`, argv: (s.command as unknown[]).map(String) }));

const workloads = kube.filter((d) => ['Deployment', 'StatefulSet'].includes(d.kind as string));
const containersOf = (w: Any) => (w.spec.template.spec.containers as Any[]).map((c) => ({ workload: w, pod: w.spec.template.spec as Any, container: c }));
const kubeContainers = workloads.flatMap(containersOf);
const kubeAuthpack = kubeContainers.filter((c) => isAuthpackImage(c.container.image));
const kubeCommands: CommandLine[] = kubeAuthpack.map(({ workload, container }) => ({ where: `kubernetes.yaml: ${workload.metadata.name}`, argv: (container.args as unknown[]).map(String) }));
const commandLines = [...composeCommands, ...kubeCommands];

/** `queue work` for [queue, work, ...], `serve` for [serve, ...]. */
const commandOf = (argv: string[]) => (argv[0] === 'queue' ? `queue ${argv[1]}` : argv[0]!);
const flagsOf = (argv: string[]) => argv.filter((a) => a.startsWith('-')).map((a) => a.split('=')[0]!);
const valueOf = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];

async function help(command: string): Promise<string | undefined> {
  const r = await spawnAsync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...command.split(' '), '--help']);
  // An unknown command prints the program's own help: only `Usage: authpack <command>` says the command exists.
  return r.status === 0 && r.stdout.startsWith(`Usage: authpack ${command} `) ? r.stdout : undefined;
}
const mentions = (helpText: string, flag: string) => new RegExp(`(^|[\\s,])${flag}(?=[\\s=<\\[,]|$)`, 'm').test(helpText);

/** Seconds of a Compose duration such as `3m`, `1m30s`, `45s`. */
function seconds(duration: string): number {
  let total = 0;
  for (const [, n, unit] of duration.matchAll(/(\d+)(h|m|s)/g)) total += Number(n) * { h: 3600, m: 60, s: 1 }[unit as 'h' | 'm' | 's'];
  return total;
}

describe('samples/deploy: authpack command lines', () => {
  it('has the server and the workers in both examples, each run by the image\'s entrypoint', () => {
    expect(kubeDocuments.flatMap((d) => d.errors)).toEqual([]);
    // `command:` would replace the entrypoint, which runs authpack under umask 077.
    for (const { workload, container } of kubeAuthpack) expect(container.command, workload.metadata.name).toBeUndefined();
    expect(composeServices.filter(([, s]) => isAuthpackImage(s.image) && s.entrypoint !== undefined)).toEqual([]);
    for (const lines of [composeCommands, kubeCommands]) {
      expect(lines.map((l) => commandOf(l.argv)).sort()).toEqual(['queue work', 'serve']);
    }
  });

  it('uses only commands and flags the CLI takes (queue mode: the brief, until the CLI has it)', async () => {
    const queueModeBuilt = (await help('queue work')) !== undefined;
    for (const { where, argv } of commandLines) {
      const command = commandOf(argv);
      const text = await help(command);
      const pending = queueModeBuilt ? [] : (QUEUE_MODE[command] ?? []);
      if (!queueModeBuilt && command.startsWith('queue ')) {
        expect(text, `${where}: queue mode is not built, yet \`${command} --help\` answers`).toBeUndefined();
        expect(Object.keys(QUEUE_MODE), where).toContain(command);
      } else {
        expect(text, `${where}: \`authpack ${command}\` is not a command of dist/cli.js`).toBeDefined();
      }
      for (const flag of flagsOf(argv)) {
        const known = (text !== undefined && mentions(text, flag)) || pending.includes(flag);
        expect(known, `${where}: \`authpack ${command}\` has no option ${flag}`).toBe(true);
      }
    }
  });

  it('never puts the Redis URL on a command line: it comes from AUTHPACK_REDIS_URL, out of a secret', () => {
    for (const { where, argv } of commandLines) {
      expect(argv.filter((a) => /rediss?:\/\//i.test(a)), where).toEqual([]);
      expect(flagsOf(argv), where).not.toContain('--redis');
    }
    // Compose: the variable from an env file (kept in secrets/, which git ignores), never a value in the file.
    for (const [name, s] of composeServices.filter(([, s]) => isAuthpackImage(s.image))) {
      expect(JSON.stringify(s.environment ?? {}), name).not.toMatch(/AUTHPACK_REDIS_URL|rediss?:\/\//i);
      expect(s.env_file, name).toEqual(['secrets/redis.env']);
    }
    // Kubernetes: from the Secret, never a literal value.
    for (const { workload, container } of kubeAuthpack) {
      const env = (container.env as Any[]).find((e) => e.name === 'AUTHPACK_REDIS_URL');
      expect(env, workload.metadata.name).toEqual({ name: 'AUTHPACK_REDIS_URL', valueFrom: { secretKeyRef: { name: 'authpack', key: 'redis-url' } } });
    }
    // Redis's own password is in its ACL file (a secret), not on redis-server's command line.
    const redisLines = [compose.services.redis.command, ...kubeContainers.filter((c) => c.workload.metadata.name === 'redis').map((c) => c.container.args)] as string[][];
    expect(redisLines).toHaveLength(2);
    for (const argv of redisLines) {
      expect(argv).not.toContain('--requirepass');
      expect(argv[argv.indexOf('--appendonly') + 1]).toBe('yes');
      expect(argv[argv.indexOf('--appendfsync') + 1]).toBe('everysec');
      // BullMQ requires it: another policy may evict queued jobs.
      expect(argv[argv.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
      expect(argv[argv.indexOf('--aclfile') + 1]).toMatch(/^\/(run\/secrets|etc\/redis-acl)\//);
    }
    // Redis has no port on the host.
    expect(compose.services.redis.ports).toBeUndefined();
  });

  it('mounts the shared folder at the same path in the server and every worker, and serves it as --shared', () => {
    const mounts = (s: Any) => (s.volumes as (string | Any)[]).map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : { source: v.source, target: v.target }));
    const server = compose.services.server as Any;
    const worker = compose.services.worker as Any;
    expect(mounts(server)).toEqual(mounts(worker));
    const shared = valueOf(server.command as string[], '--shared');
    expect(mounts(worker).map((m) => m.target)).toContain(shared);

    const data = (w: Any) => {
      const spec = w.spec.template.spec as Any;
      const claimed = new Map((spec.volumes as Any[]).filter((v) => v.persistentVolumeClaim).map((v) => [v.name as string, v.persistentVolumeClaim.claimName as string]));
      return (spec.containers[0].volumeMounts as Any[]).filter((m) => claimed.has(m.name)).map((m) => ({ claim: claimed.get(m.name), path: m.mountPath }));
    };
    const byName = (name: string) => workloads.find((w) => w.metadata.name === name)!;
    expect(data(byName('authpack-server'))).toEqual(data(byName('authpack-worker')));
    expect(data(byName('authpack-worker'))).toEqual([{ claim: 'authpack-data', path: valueOf(kubeCommands.find((l) => l.argv[0] === 'serve')!.argv, '--shared') }]);
    const claim = kube.find((d) => d.kind === 'PersistentVolumeClaim' && d.metadata.name === 'authpack-data')!;
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  it('gives a stopping worker longer than a case may render, and runs authpack as a non-root user on a read-only root with /tmp writable', () => {
    const caseTimeout = 120; // batch's default --case-timeout, which queue work shares
    expect(seconds(compose.services.worker.stop_grace_period as string)).toBeGreaterThan(caseTimeout);
    const workerPod = workloads.find((w) => w.metadata.name === 'authpack-worker')!.spec.template.spec as Any;
    expect(workerPod.terminationGracePeriodSeconds).toBeGreaterThan(caseTimeout);

    // src/ writes to os.tmpdir() (serve's per-request folders), so a read-only root needs a writable /tmp.
    for (const [name, s] of composeServices.filter(([, s]) => isAuthpackImage(s.image))) {
      expect(s.read_only, name).toBe(true);
      expect(s.tmpfs, name).toContain('/tmp');
    }
    for (const { workload, pod, container } of kubeContainers) {
      expect(pod.securityContext.runAsNonRoot, workload.metadata.name).toBe(true);
      expect(container.securityContext.readOnlyRootFilesystem, workload.metadata.name).toBe(true);
    }
    for (const { workload, pod, container } of kubeAuthpack) {
      const tmp = (container.volumeMounts as Any[]).find((m) => m.mountPath === '/tmp');
      expect((pod.volumes as Any[]).find((v) => v.name === tmp?.name)?.emptyDir, workload.metadata.name).toBeDefined();
    }
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('umask 077');
    expect(dockerfile).toMatch(/^ENTRYPOINT \["authpack"\]$/m);
  });

  it('names the same image in both examples, which the compose file builds from the Dockerfile', () => {
    const images = new Set([...composeServices.filter(([, s]) => isAuthpackImage(s.image)).map(([, s]) => s.image), ...kubeAuthpack.map((c) => c.container.image)]);
    expect([...images]).toEqual(['authpack:0.1.0']);
    const version = (JSON.parse(read('package.json')) as { version: string }).version;
    expect([...images][0]).toBe(`authpack:${version}`);
    const build = compose.services.worker.build as Any;
    expect(path.resolve(DEPLOY, build.context as string, build.dockerfile as string)).toBe(path.join(DEPLOY, 'Dockerfile'));
  });
});

/** Docker's ignore-file rule, as far as this file uses it: the last pattern matching a path (or a folder above it) wins. */
function inContext(file: string, patterns: string[]): boolean {
  let included = true;
  for (const line of patterns) {
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/\/$/, '');
    const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}(/|$)`);
    if (re.test(file)) included = negated;
  }
  return included;
}

describe('samples/deploy/Dockerfile', () => {
  const ignore = read('samples/deploy/Dockerfile.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const copies = (stage: string) => [...stage.matchAll(/^COPY (.+)$/gm)].map((m) => m[1]!.split(/\s+/));

  it('is built from node:20-bookworm-slim in every stage', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(stages[0]).toMatch(/^\$\{NODE_IMAGE\} AS base$/m);
    for (const stage of stages.slice(1)) expect(stage).toMatch(/^base AS \w+$/m);
  });

  it('copies from the build context only files that exist and that its ignore file lets in', () => {
    const fromContext = stages.flatMap(copies).filter((args) => !args.some((a) => a.startsWith('--from=')));
    expect(fromContext.length).toBeGreaterThan(0);
    for (const args of fromContext) {
      const sources = args.filter((a) => !a.startsWith('--')).slice(0, -1);
      for (const source of sources) {
        if (source === '.') continue;
        expect(existsSync(path.join(ROOT, source)), source).toBe(true);
        expect(inContext(source, ignore), `${source} is left out of the build context`).toBe(true);
      }
    }
  });

  it('lets into the build context every file `npm run build` reads, and keeps the deployment secrets and data out', () => {
    const build = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.build!;
    const files = [...build.matchAll(/\b((?:src|test)\/[\w./-]+\.(?:ts|mjs))\b/g)].map((m) => m[1]!);
    expect(files).toContain('src/cli/build-snapshot.mjs');
    for (const file of [...files, 'package.json', 'package-lock.json', 'tsconfig.json', 'templates/shared', 'samples/gbm-initial.yaml', 'samples/attachments']) {
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
      expect(inContext(file, ignore), `${file} is left out of the build context`).toBe(true);
    }
    for (const kept of ['samples/deploy/secrets/redis.acl', 'samples/deploy/data/cases.ndjson', 'samples/deploy/.env', 'node_modules/yaml', 'dist/cli.js', '.git/config']) {
      expect(inContext(kept, ignore), kept).toBe(false);
    }
  });

  it('puts into the image what the package ships (package.json `files`), and the run-time dependencies', () => {
    const runtime = stages.at(-1)!;
    const targets = copies(runtime).map((args) => args.at(-1)!.replace(/^\.\//, '').replace(/\/$/, ''));
    const files = (JSON.parse(read('package.json')) as { files: string[] }).files.filter((f) => !f.startsWith('!') && f !== 'README.md');
    for (const f of [...files, 'package.json', 'node_modules']) expect(targets, f).toContain(f);
    expect(stages.some((s) => /npm ci --omit=dev/.test(s))).toBe(true);
  });
});

describe("README's Deployment steps", () => {
  const section = readme.slice(readme.indexOf('### Deployment'), readme.indexOf('### Scaling'));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('builds the image and starts both examples with files that exist', () => {
    expect(blocks.join('\n')).toContain('docker build -f samples/deploy/Dockerfile -t authpack:0.1.0 .');
    expect(blocks.join('\n')).toContain('docker compose up -d --build --scale worker=3');
    expect(blocks.join('\n')).toContain('kubectl apply -f samples/deploy/kubernetes.yaml');
    const named = new Set([...section.matchAll(/samples\/deploy\/[\w.-]+/g)].map((m) => m[0]));
    expect(named.size).toBeGreaterThan(2);
    for (const file of named) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    // `cd samples/deploy`, then the compose file is found there.
    expect(blocks.some((b) => b.startsWith('cd samples/deploy\n'))).toBe(true);
  });

  it('makes every secret file and Secret key that the examples read', () => {
    const text = blocks.join('\n');
    for (const s of Object.values(compose.secrets as Record<string, { file: string }>)) expect(text).toContain(`> ${s.file}`);
    expect(text).toContain('> secrets/redis.env');
    const secretKeys = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Any;
        if (o.secretKeyRef) secretKeys.add(`${o.secretKeyRef.name}/${o.secretKeyRef.key}`);
        if (o.secret?.secretName) for (const key of (o.secret.items as Any[] | undefined)?.map((i) => i.key) ?? [null]) secretKeys.add(`${o.secret.secretName}/${key ?? '*'}`);
        Object.values(o).forEach(walk);
      }
    };
    walk(kube);
    expect([...secretKeys].sort()).toEqual(['authpack-redis-acl/*', 'authpack/redis-url', 'authpack/serve-token']);
    expect(text).toMatch(/create secret generic authpack-redis-acl --from-file=redis\.acl=/);
    expect(text).toMatch(/create secret generic authpack (?=.*--from-file=redis-url=)(?=.*--from-file=serve-token=)/);
    // The StatefulSet mounts the whole Secret; Redis reads the key redis.acl from it.
    expect(kubeContainers.find((c) => c.workload.metadata.name === 'redis')!.container.args).toContain('/etc/redis-acl/redis.acl');
  });

  it('lists the section in the table of contents, with a Scaling heading left for the bench', () => {
    expect(readme).toContain('- [Queue mode: many hosts (Redis)](#queue-mode-many-hosts-redis)');
    expect(readme).toContain('## Queue mode: many hosts (Redis)\n');
    expect(readme).toMatch(/### Scaling\n/);
  });
});
