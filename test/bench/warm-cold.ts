// Goals 1, 2 and 4 of `npm run bench`: authpack beside Typst on the same content (the long-history sample's packet
// with its enclosures listed: cover, index, letter and history table), warm in one process and cold as a new
// process, and the bytes per generated page of every sample.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { generatePacket, loadCase } from '../../src/index.js';
import { dejavuDir, timeProcess, typstColdScript, typstWarm } from './typst-bench.js';
import { typstTwin } from './typst-twin.js';

type Raw = Record<string, unknown> & { patient: { firstName: string; lastName: string }; coverage?: { subscriber?: { relationship?: string; name?: string } } };

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The sample for `n` different patients (the last name numbered), as a batch would have them. */
function patients(raw: Raw, n: number): Raw[] {
  return Array.from({ length: n }, (_, i) => {
    const c = structuredClone(raw);
    c.patient.lastName = `${c.patient.lastName}-${i + 1}`;
    if (c.coverage?.subscriber?.relationship === 'self') c.coverage.subscriber.name = `${c.patient.firstName} ${c.patient.lastName}`;
    return c;
  });
}

export interface WarmResult {
  authpack: number;
  typst: number;
  pages: number;
  typstPages: number;
  bytes: number;
  typstBytes: number;
}

/** Packets (documents) per second, authpack and Typst in alternating rounds so that both see the same machine. */
export async function warmVersusTypst(sample: string, date: string, runs: number): Promise<WarmResult> {
  const { raw, source, baseDir } = loadCase(sample);
  const cases = patients(raw as Raw, 20);
  const twins = cases.map((c) => typstTwin(c, date));
  const options = { source, baseDir, date, attachments: 'list' as const };
  const first = await generatePacket(cases[0], options);
  for (let i = 0; i < 20; i++) await generatePacket(cases[i % cases.length], options);
  const typstFirst = typstWarm(twins, 2);
  let authpackSeconds = 0;
  let typstSeconds = 0;
  let typstDocs = 0;
  const rounds = 4;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < runs / rounds; i++) await generatePacket(cases[i % cases.length], options);
    authpackSeconds += (performance.now() - start) / 1000;
    const docs = Math.max(4, Math.round(runs / rounds / 5));
    const t = typstWarm(twins, docs);
    typstSeconds += docs / t.perSecond;
    typstDocs += docs;
  }
  return { authpack: runs / authpackSeconds, typst: typstDocs / typstSeconds, pages: first.pages, typstPages: typstFirst.pages, bytes: first.bytes.length, typstBytes: typstFirst.bytes };
}

export interface ColdResult {
  node: number;
  authpack: number;
  authpackMerged: number;
  authpackNoSnapshot: number;
  typst: number;
  runs: number;
}

/** Medians of new-process runs, taken in rotation: `node -e 0`, `authpack render` (listed, merged, and without the
 * start-up snapshot) and Typst's compile of the same content. */
export function coldVersusTypst(root: string, sample: string, date: string, runs: number): ColdResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'authpack-bench-cold-'));
  try {
    const { raw } = loadCase(sample);
    const twin = path.join(dir, 'twin.typ');
    writeFileSync(twin, typstTwin(raw, date));
    const script = typstColdScript(dir);
    const launcher = path.join(root, 'dist', 'authpack');
    const render = (extra: string[]) => ['render', sample, '-o', path.join(dir, 'p.pdf'), '--overwrite', '--date', date, ...extra];
    const times = { node: [] as number[], authpack: [] as number[], authpackMerged: [] as number[], authpackNoSnapshot: [] as number[], typst: [] as number[] };
    for (let i = 0; i < runs; i++) {
      times.node.push(timeProcess(['-e', '0'], dir));
      times.authpack.push(timeProcess([launcher, ...render(['--attachments', 'list'])], dir, true));
      times.typst.push(timeProcess([script, twin, path.join(dir, 't.pdf'), dejavuDir()], dir));
      times.authpackMerged.push(timeProcess([launcher, ...render([])], dir, true));
      times.authpackNoSnapshot.push(timeProcess([path.join(root, 'dist', 'cli.js'), ...render(['--attachments', 'list'])], dir));
    }
    return { node: median(times.node), authpack: median(times.authpack), authpackMerged: median(times.authpackMerged), authpackNoSnapshot: median(times.authpackNoSnapshot), typst: median(times.typst), runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes per page of each sample's packet with its enclosures listed (only generated pages), with the bytes of
 * its embedded font programs (a fixed cost of any packet, whatever its length). */
export async function bytesPerPage(root: string, date: string): Promise<{ name: string; pages: number; bytes: number; fontBytes: number }[]> {
  const samples = path.join(root, 'samples');
  const out: { name: string; pages: number; bytes: number; fontBytes: number }[] = [];
  for (const f of readdirSync(samples).filter((n) => n.endsWith('.yaml')).sort()) {
    const { raw, source, baseDir } = loadCase(path.join(samples, f));
    const r = await generatePacket(raw, { source, baseDir, date, attachments: 'list', force: true });
    out.push({ name: f, pages: r.pages, bytes: r.bytes.length, fontBytes: await fontProgramBytes(r.bytes) });
  }
  return out;
}

/** The stored (compressed) length of every FontFile2 stream in a PDF. */
async function fontProgramBytes(pdf: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(pdf);
  let total = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const file = obj.get(PDFName.of('FontFile2'));
    const stream = file instanceof PDFRef ? doc.context.lookup(file) : undefined;
    if (stream instanceof PDFRawStream) total += stream.contents.length;
  }
  return total;
}
