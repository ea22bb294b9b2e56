// Goal 5 of `npm run bench`: time against the length of the therapy history. The long-history sample's rows are
// repeated (each copy named as a further course) to 10, 100 and 1,000 rows; each packet is rendered warm with its
// enclosures listed, and the time per packet, per page and per row is printed, with the slope between sizes.
import { generatePacket, loadCase } from '../../src/index.js';

export interface GrowthRow {
  rows: number;
  pages: number;
  ms: number;
}

function withRows(raw: { priorTherapies: Record<string, unknown>[] }, n: number): unknown {
  const base = raw.priorTherapies;
  const c = structuredClone(raw);
  c.priorTherapies = Array.from({ length: n }, (_, i) => {
    const row = structuredClone(base[i % base.length]!);
    const course = Math.floor(i / base.length);
    if (course > 0) row.name = `${String(row.name)} (course ${course + 1})`;
    return row;
  });
  return c;
}

export async function growth(samplePath: string, date: string, sizes: readonly number[] = [10, 100, 1000]): Promise<GrowthRow[]> {
  const { raw, baseDir } = loadCase(samplePath);
  const rows: GrowthRow[] = [];
  for (const n of sizes) {
    const input = withRows(raw as { priorTherapies: Record<string, unknown>[] }, n);
    const options = { baseDir, date, attachments: 'list' as const };
    const first = await generatePacket(input, options);
    // About two seconds of rendering per size, at least 3 packets.
    const runs = Math.max(3, Math.round(40 / Math.max(1, first.pages)));
    const start = performance.now();
    for (let i = 0; i < runs; i++) await generatePacket(input, options);
    rows.push({ rows: n, pages: first.pages, ms: (performance.now() - start) / runs });
  }
  return rows;
}
