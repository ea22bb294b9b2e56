// Hostile outputs: `render -o` aimed at the user's own files, devices, pipes, links and folders; a full disk, a
// file-size limit, a closed pipe, interrupts and kills; `--split` into a folder with an earlier render's parts.
// Each must end with the documented exit code, the user's files untouched, and no temp file or half-written packet.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TODAY } from '../support/build-case.js';
import { BIN, foreignStderr, runAuthpack } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp.js';
import { hostilePdf } from './make-attachments.js';
import { caseYaml, checkHostile, tempLeftovers } from './run-hostile.js';

const CASE_ID = 'PA-2026-0142';
const scan = hostilePdf.manyPages(1);
/** A case with one attachment, `scan.pdf`, in the folder. */
const withScan = { 'case.yaml': caseYaml('scan.pdf'), 'scan.pdf': scan };
const render = (...more: string[]) => ['render', 'case.yaml', '--date', TODAY, ...more];
const unchanged = (rel: string, bytes: string | Uint8Array) => (_run: unknown, dir: string) => expect(readFileSync(path.join(dir, rel)).equals(Buffer.from(bytes)), `${rel} changed`).toBe(true);
/** A payer profile with a small page budget, so that --split makes parts. */
const tinyPayer = (maxPages: number) => `id: tiny\nversion: "2026-11-26"\ndisplayName: Tiny plan\nlineOfBusiness: commercial\nrecipient: Utilization Management\nbudgets: { maxPages: ${maxPages} }\n`;

describe('render -o never replaces the case, an attachment, or anything that is not a regular file', () => {
  it('refuses the case file itself, and leaves it as it was', async () => {
    await checkHostile({ name: '-o case.yaml', files: withScan, args: render('-o', 'case.yaml'), exit: 6, mentions: ['case.yaml', 'the case file', 'write/input-file'], then: unchanged('case.yaml', withScan['case.yaml']) });
  });

  it('checks the target before rendering: a case that would fail to render still gets the refusal (exit 6, not 5)', async () => {
    const lost = caseYaml('lost.pdf');
    await checkHostile({
      name: '-o case.yaml, attachment missing',
      files: { 'case.yaml': lost },
      args: render('-o', 'case.yaml'),
      exit: 6,
      mentions: ['case.yaml', 'the case file'],
      absent: ['lost.pdf'],
      then: (run, dir) => {
        expect(run.stderr).not.toContain('attachment-missing');
        unchanged('case.yaml', lost)(run, dir);
      },
    });
  });

  it('refuses an attachment, even with --overwrite, and through a symbolic link or a hard link', async () => {
    await checkHostile({ name: '-o attachment', files: withScan, args: render('-o', 'scan.pdf', '--overwrite'), exit: 6, mentions: ['scan.pdf', 'attachment 1'], then: unchanged('scan.pdf', scan) });
    await checkHostile({
      name: '-o link to the attachment',
      files: withScan,
      setup: (dir) => symlinkSync('scan.pdf', path.join(dir, 'out.pdf')),
      args: render('-o', 'out.pdf'),
      exit: 6,
      mentions: ['out.pdf', 'symbolic link', 'attachment 1'],
      absent: [],
      then: (run, dir) => {
        unchanged('scan.pdf', scan)(run, dir);
        expect(lstatSync(path.join(dir, 'out.pdf')).isSymbolicLink()).toBe(true);
      },
    });
    await checkHostile({
      name: '-o hard link to the case file',
      files: withScan,
      setup: (dir) => linkSync(path.join(dir, 'case.yaml'), path.join(dir, 'same-case.yaml')),
      args: render('-o', 'same-case.yaml', '--overwrite'),
      exit: 6,
      mentions: ['same-case.yaml', 'the case file'],
      then: unchanged('case.yaml', withScan['case.yaml']),
    });
  });

  it('refuses the default name <caseId>.pdf when that is an attachment', async () => {
    await checkHostile({ name: 'default target is an attachment', files: { 'case.yaml': caseYaml(`${CASE_ID}.pdf`), [`${CASE_ID}.pdf`]: scan }, args: render(), exit: 6, mentions: [`${CASE_ID}.pdf`, 'attachment 1'], then: unchanged(`${CASE_ID}.pdf`, scan) });
  });

  it('refuses a character device, directly or through a link, and leaves it a device', async () => {
    await checkHostile({
      name: '-o a character device',
      files: withScan,
      // A private copy of /dev/null (root may create one; CI runs as root). Elsewhere a link to /dev/null stands in:
      // never the real /dev/null, which a broken check would replace for the whole machine.
      setup: (dir) => {
        if (spawnSync('mknod', [path.join(dir, 'null'), 'c', '1', '3']).status !== 0) symlinkSync('/dev/null', path.join(dir, 'null'));
      },
      args: render('-o', 'null'),
      exit: 6,
      mentions: ['null', /device/],
      then: (_run, dir) => expect(statSync(path.join(dir, 'null')).isCharacterDevice()).toBe(true),
    });
    await checkHostile({
      name: '-o link to /dev/null',
      files: withScan,
      setup: (dir) => symlinkSync('/dev/null', path.join(dir, 'out.pdf')),
      args: render('-o', 'out.pdf'),
      exit: 6,
      mentions: ['out.pdf', '/dev/null', 'device'],
      absent: [],
      then: (_run, dir) => {
        expect(readlinkSync(path.join(dir, 'out.pdf'))).toBe('/dev/null');
        expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
      },
    });
  });

  it('refuses a FIFO at once (never opens it, so never hangs), a folder, and a dangling link', async () => {
    await checkHostile({
      name: '-o a FIFO',
      files: withScan,
      setup: (dir) => expect(spawnSync('mkfifo', [path.join(dir, 'out.pdf')]).status).toBe(0),
      args: render('-o', 'out.pdf'),
      exit: 6,
      mentions: ['out.pdf', 'named pipe'],
      absent: [],
      maxMs: 10_000,
      then: (_run, dir) => expect(statSync(path.join(dir, 'out.pdf')).isFIFO()).toBe(true),
    });
    await checkHostile({ name: '-o a folder', files: { ...withScan, 'out.pdf/keep.txt': 'mine' }, args: render('-o', 'out.pdf'), exit: 6, mentions: ['out.pdf', 'folder'], absent: [], then: unchanged('out.pdf/keep.txt', 'mine') });
    await checkHostile({ name: '-o a folder name with /', files: withScan, args: render('-o', 'outdir/'), exit: 6, mentions: ['outdir/', 'folder'], absent: ['outdir'] });
    await checkHostile({
      name: '-o a dangling link',
      files: withScan,
      setup: (dir) => symlinkSync('nowhere/x.pdf', path.join(dir, 'out.pdf')),
      args: render('-o', 'out.pdf'),
      exit: 6,
      mentions: ['out.pdf', 'does not exist'],
      absent: ['nowhere'],
    });
  });

  it('replaces an existing file only when it is a PDF, otherwise only with --overwrite', async () => {
    const notes = 'my notes, not a packet\n';
    await checkHostile({ name: '-o an existing text file', files: { ...withScan, 'out.pdf': notes }, args: render('-o', 'out.pdf'), exit: 6, mentions: ['out.pdf', 'not a PDF', '--overwrite'], absent: [], then: unchanged('out.pdf', notes) });
    await checkHostile({ name: '-o an empty file', files: { ...withScan, 'out.pdf': '' }, args: render('-o', 'out.pdf'), exit: 6, mentions: ['out.pdf', '--overwrite'], absent: [], then: unchanged('out.pdf', '') });
    const replaced = (_run: unknown, dir: string) => {
      expect(readFileSync(path.join(dir, 'out.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      expect(statSync(path.join(dir, 'out.pdf')).mode & 0o777).toBe(0o600);
    };
    await checkHostile({ name: '-o an existing text file --overwrite', files: { ...withScan, 'out.pdf': notes }, args: render('-o', 'out.pdf', '--overwrite'), exit: 0, mentions: ['wrote out.pdf'], absent: [], then: replaced });
    await checkHostile({ name: '-o an earlier packet', files: { ...withScan, 'out.pdf': '%PDF-1.7\nan earlier packet\n' }, args: render('-o', 'out.pdf'), exit: 0, mentions: ['wrote out.pdf'], absent: [], then: replaced });
  });

  it('writes through a symbolic link to a PDF: the link stays a link, the PDF it points at is replaced', async () => {
    await checkHostile({
      name: '-o link to a PDF',
      files: { ...withScan, 'sent/old.pdf': '%PDF-1.7\nlast week\n' },
      setup: (dir) => symlinkSync('sent/old.pdf', path.join(dir, 'out.pdf')),
      args: render('-o', 'out.pdf'),
      exit: 0,
      mentions: ['wrote out.pdf'],
      absent: [],
      then: (_run, dir) => {
        expect(readlinkSync(path.join(dir, 'out.pdf'))).toBe('sent/old.pdf');
        expect(readFileSync(path.join(dir, 'sent', 'old.pdf')).length).toBeGreaterThan(10_000);
        expect(readdirSync(path.join(dir, 'sent'))).toEqual(['old.pdf']);
      },
    });
  });

  it('a refused or failed render leaves no folder it created', async () => {
    await checkHostile({ name: 'invalid case, -o into new folders', files: { 'case.yaml': caseYaml(undefined, (c) => (c.prescriber.npi = '1234567890')) }, args: render('-o', 'new/deeper/out.pdf'), exit: 3, mentions: ['prescriber.npi'], absent: ['new'] });
  });
});

describe('render -o - writes the PDF to standard output', () => {
  it('sends only the PDF to stdout; status lines and JSON diagnostics go to stderr', async () => {
    const human = await checkHostile({ name: '-o -', files: withScan, args: render('-o', '-'), exit: 0, mentions: ['wrote the packet to standard output'], absent: [] });
    expect(human.stdout.startsWith('%PDF-')).toBe(true);
    expect(human.stdout.trimEnd().endsWith('%%EOF')).toBe(true);
    // With JSON, stderr is exactly one JSON document (so not run through the harness's raw-output check).
    const dir = makeTempDir('stdout-json');
    writeFileSync(path.join(dir, 'case.yaml'), withScan['case.yaml']);
    writeFileSync(path.join(dir, 'scan.pdf'), scan);
    const json = await runAuthpack(render('-o', '-', '--format', 'json'), { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout.startsWith('%PDF-')).toBe(true);
    expect(JSON.parse(json.stderr)).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'preflight/decision-timeframe' })]));
    expect(readdirSync(dir).sort()).toEqual(['case.yaml', 'scan.pdf']);
  });

  it('reads the case from stdin and writes the packet to stdout', async () => {
    const run = await checkHostile({ name: 'render - -o -', files: { 'scan.pdf': scan }, input: caseYaml('scan.pdf'), args: ['render', '-', '-o', '-', '--date', TODAY], exit: 0, mentions: [], absent: [] });
    expect(run.stdout.startsWith('%PDF-')).toBe(true);
  });

  it('--split with -o - is a usage error; so is a PDF to a terminal (exit 6)', async () => {
    await checkHostile({ name: '-o - --split', files: withScan, args: render('-o', '-', '--split'), exit: 2, mentions: ['--split', '-o -'], absent: [] });
    // `script` gives the command a terminal as stdout.
    const dir = makeTempDir('tty');
    writeFileSync(path.join(dir, 'case.yaml'), withScan['case.yaml']);
    writeFileSync(path.join(dir, 'scan.pdf'), scan);
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} render case.yaml --date ${TODAY} -o -`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
    expect(r.status, r.stdout).toBe(6);
    expect(r.stdout).toContain('it is a terminal');
    expect(r.stdout).not.toContain('%PDF-');
  });

  it('a reader that closes the pipe early is exit 6 with a message, not a crash', async () => {
    const dir = makeTempDir('epipe');
    writeFileSync(path.join(dir, 'case.yaml'), caseYaml('scan.pdf'));
    // Several hundred KB: far more than a pipe holds, so the write meets the closed end.
    writeFileSync(path.join(dir, 'scan.pdf'), hostilePdf.manyPages(200));
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" render case.yaml --date ${TODAY} -o - --max-attachment-mb 50 | true; exit "\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
    expect(r.status, r.stderr).toBe(6);
    expect(r.stderr).toContain('Standard output was closed');
    expect(foreignStderr(r.stderr)).toEqual([]);
  });
});

/** Runs a shell script in a private mount namespace (no root needed; nothing to unmount afterwards). */
function inPrivateMount(dir: string, script: string) {
  return spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-ec', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '', AUTHPACK: `"${process.execPath}" "${BIN}"` } });
}

describe('a write that cannot complete leaves nothing, and exits 6', () => {
  it('a full disk: exit 6, no temp file, and the earlier packet at the target is intact', async () => {
    const dir = makeTempDir('enospc');
    writeFileSync(path.join(dir, 'case.yaml'), withScan['case.yaml']);
    writeFileSync(path.join(dir, 'scan.pdf'), scan);
    const earlier = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(40_000, 0x41)]);
    writeFileSync(path.join(dir, 'earlier.pdf'), earlier);
    mkdirSync(path.join(dir, 'disk'));
    // 64 KiB of disk holding the 40 KB earlier packet: the new one (about 80 KB) does not fit.
    const r = inPrivateMount(
      dir,
      `mount -t tmpfs -o size=64k tmpfs disk
       cp earlier.pdf disk/out.pdf
       set +e; eval "$AUTHPACK render case.yaml --date ${TODAY} -o disk/out.pdf"; echo "exit=$?"
       cmp -s earlier.pdf disk/out.pdf && echo "earlier intact"; ls -A disk`,
    );
    expect(r.stdout, r.stderr).toContain('exit=6');
    expect(r.stdout).toContain('earlier intact');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('out.pdf');
    expect(r.stderr).toContain('Cannot write disk/out.pdf: the disk is full');
    expect(foreignStderr(r.stderr)).toEqual([]);
  });

  it('a read-only disk is refused before rendering', async () => {
    const dir = makeTempDir('erofs');
    // The attachment is missing: had it rendered first, this would be exit 5.
    writeFileSync(path.join(dir, 'case.yaml'), caseYaml('lost.pdf'));
    mkdirSync(path.join(dir, 'disk'));
    const r = inPrivateMount(dir, `mount -t tmpfs -o size=1m,ro tmpfs disk; set +e; eval "$AUTHPACK render case.yaml --date ${TODAY} -o disk/out.pdf"; echo "exit=$?"; ls -A disk`);
    expect(r.stdout, r.stderr).toContain('exit=6');
    expect(r.stderr).toContain('the disk is read-only');
    expect(r.stderr).not.toContain('attachment-missing');
  });

  it('a file-size limit (ulimit -f) is exit 6, not a truncated packet reported as written', async () => {
    const dir = makeTempDir('efbig');
    writeFileSync(path.join(dir, 'case.yaml'), withScan['case.yaml']);
    writeFileSync(path.join(dir, 'scan.pdf'), scan);
    const r = spawnSync('bash', ['-c', `ulimit -f 20; exec "${process.execPath}" "${BIN}" render case.yaml --date ${TODAY} -o out.pdf`], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
    expect(r.status, r.stderr).toBe(6);
    expect(r.stderr).toContain('larger than the system allows');
    expect(existsSync(path.join(dir, 'out.pdf'))).toBe(false);
    expect(tempLeftovers(dir)).toEqual([]);
  });
});

/** Starts a long render (a 400-page attachment), waits for its temp file, and returns the child and folder. */
async function longRenderWithTemp(): Promise<{ child: ReturnType<typeof spawn>; dir: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> }> {
  const dir = makeTempDir('signal');
  writeFileSync(path.join(dir, 'case.yaml'), caseYaml('scan.pdf'));
  writeFileSync(path.join(dir, 'scan.pdf'), hostilePdf.manyPages(400));
  const child = spawn(process.execPath, [BIN, 'render', 'case.yaml', '--date', TODAY, '-o', 'out.pdf', '--max-attachment-mb', '50'], { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  const started = Date.now();
  while (tempLeftovers(dir).length === 0) {
    if (Date.now() - started > 20_000 || child.exitCode !== null) throw new Error(`no temp file appeared; stderr: ${stderr}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(tempLeftovers(dir)[0]).toMatch(/^\.out\.pdf\.authpack-[0-9a-f]{8}-\d+-[0-9a-f]{8}\.tmp$/);
  return { child, dir, exited };
}

describe('interrupts remove the temp file; a killed render leaves one that the next render removes', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} while rendering: exit ${code}, no temp file, no packet`, async () => {
      const { child, dir, exited } = await longRenderWithTemp();
      child.kill(signal);
      const end = await exited;
      expect(end.code, end.stderr).toBe(code);
      expect(end.stderr).toContain(`interrupted (${signal}); nothing was written`);
      expect(foreignStderr(end.stderr)).toEqual([]);
      expect(readdirSync(dir).sort()).toEqual(['case.yaml', 'scan.pdf']);
    });
  }

  it('SIGKILL leaves the temp file; the next render into the folder removes it', async () => {
    const { child, dir, exited } = await longRenderWithTemp();
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    const left = tempLeftovers(dir);
    expect(left).toHaveLength(1);
    const next = await runAuthpack(['render', 'case.yaml', '--date', TODAY, '-o', 'other.pdf', '--attachments', 'list'], { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(tempLeftovers(dir)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['case.yaml', 'other.pdf', 'scan.pdf']);
  });
});

describe('--split writes all parts or none, and never leaves a mix with an earlier render', () => {
  // The case renders 6 pages (the index on the cover): a budget of 5 splits it into two parts.
  const payer = { 'payers/tiny/profile.yaml': tinyPayer(5) };
  const split = (...more: string[]) => render('-o', 'out.pdf', '--payers', 'payers', '--payer', 'tiny', '--split', ...more);
  const parts = (dir: string) => readdirSync(dir).filter((n) => /^out-part\d+-of-\d+\.pdf$/.test(n)).sort();

  it('writes every part; removes an earlier render\'s parts with another count and its unsplit packet; keeps (and names) a non-PDF', async () => {
    await checkHostile({
      name: '--split over earlier parts',
      files: { ...withScan, ...payer, 'out.pdf': '%PDF-1.7 unsplit\n', 'out-part1-of-5.pdf': '%PDF-1.7 old\n', 'out-part4-of-5.pdf': '%PDF-1.7 old\n', 'out-part5-of-5.pdf': 'not a PDF\n' },
      args: split(),
      exit: 0,
      mentions: ['removed out-part1-of-5.pdf', 'removed out.pdf', /warning\[write\/stale-output-kept\].*\n.*out-part5-of-5\.pdf/],
      then: (_run, dir) => {
        const now = parts(dir);
        expect(now.filter((n) => !n.endsWith('-of-5.pdf')).length).toBeGreaterThan(1);
        expect(now.filter((n) => n.endsWith('-of-5.pdf'))).toEqual(['out-part5-of-5.pdf']);
        for (const n of now.filter((n) => !n.endsWith('-of-5.pdf'))) expect(readFileSync(path.join(dir, n)).subarray(0, 5).toString()).toBe('%PDF-');
      },
    });
  });

  it('an unsplit render removes the parts of an earlier split render to the same name', async () => {
    await checkHostile({ name: 'unsplit over earlier parts', files: { ...withScan, 'out-part1-of-2.pdf': '%PDF-1.7 old\n', 'out-part2-of-2.pdf': '%PDF-1.7 old\n' }, args: render('-o', 'out.pdf'), exit: 0, mentions: ['removed out-part2-of-2.pdf'], absent: ['out-part1-of-2.pdf', 'out-part2-of-2.pdf'] });
  });

  it('a part name that is not the packet\'s to replace stops the run before any part is written', async () => {
    await checkHostile({
      name: '--split onto a non-PDF part',
      files: { ...withScan, ...payer, 'out-part2-of-2.pdf': 'mine\n' },
      args: split(),
      exit: 6,
      mentions: ['out-part2-of-2.pdf', 'not a PDF'],
      absent: ['out-part1-of-2.pdf'],
      then: (_run, dir) => expect(parts(dir)).toEqual(['out-part2-of-2.pdf']),
    });
    await checkHostile({
      name: '--split onto an attachment named like a part',
      files: { 'case.yaml': caseYaml('out-part1-of-2.pdf'), 'out-part1-of-2.pdf': scan, ...payer },
      args: split(),
      exit: 6,
      mentions: ['out-part1-of-2.pdf', 'attachment 1'],
      then: (run, dir) => {
        unchanged('out-part1-of-2.pdf', scan)(run, dir);
        expect(parts(dir)).toEqual(['out-part1-of-2.pdf']);
      },
    });
  });

  it('a disk that fills up part-way: exit 6 and no part at all', async () => {
    const dir = makeTempDir('split-enospc');
    writeFileSync(path.join(dir, 'case.yaml'), withScan['case.yaml']);
    writeFileSync(path.join(dir, 'scan.pdf'), scan);
    mkdirSync(path.join(dir, 'payers', 'tiny'), { recursive: true });
    writeFileSync(path.join(dir, 'payers', 'tiny', 'profile.yaml'), tinyPayer(5));
    mkdirSync(path.join(dir, 'disk'));
    // Each part is about 40 KB: the first fits in 64 KiB, not all of them.
    const r = inPrivateMount(dir, `mount -t tmpfs -o size=64k tmpfs disk; set +e; eval "$AUTHPACK render case.yaml --date ${TODAY} -o disk/out.pdf --payers payers --payer tiny --split"; echo "exit=$?"; echo "left:$(ls -A disk)"`);
    expect(r.stdout, r.stderr).toContain('exit=6');
    expect(r.stdout).toContain('left:\n');
    expect(r.stderr).toMatch(/Cannot write disk\/out-part\d-of-\d\.pdf: the disk is full/);
    expect(foreignStderr(r.stderr)).toEqual([]);
  });
});
