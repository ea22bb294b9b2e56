// The journal: a record, kept in the output folder across runs, of every packet a batch put there (its output path,
// SHA-256 and the key of what it was made from). `--resume` trusts a packet only when the file on disk still has a
// hash the journal (or a run report) recorded, so it works after any earlier run: finished, failed, interrupted,
// killed, or one whose report is gone.
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writePacket } from '../write/write-packet.js';
import { JOURNAL, PREVIOUS_JSON, REPORT_JSON } from './own-files.js';
import type { ReportRow } from './report.js';

/** Hashes kept per output path: the latest few, so a packet replaced mid-kill is still recognised. */
const KEEP_PER_OUTPUT = 3;

export class Journal {
  private readonly file: string;
  /** output → entries with distinct packet hashes, oldest first. */
  private readonly entries = new Map<string, ReportRow[]>();

  constructor(outDir: string) {
    this.file = path.join(outDir, JOURNAL);
  }

  /** Reads what earlier runs recorded (reports, then the journal, latest last) and rewrites the journal compactly. */
  static open(outDir: string, tempDir: string): Journal {
    const journal = new Journal(outDir);
    for (const report of [PREVIOUS_JSON, REPORT_JSON]) {
      try {
        const parsed = JSON.parse(readRegular(path.join(outDir, report)) ?? '') as { cases?: unknown };
        if (Array.isArray(parsed.cases)) for (const row of parsed.cases) journal.remember(row);
      } catch {
        /* no report, or one that cannot be read: the journal may still know the packets */
      }
    }
    const text = readRegular(journal.file);
    if (text !== undefined) {
      for (const line of text.split('\n')) {
        try {
          if (line.trim()) journal.remember(JSON.parse(line));
        } catch {
          /* a line cut short by a kill */
        }
      }
    }
    const kept = [...journal.entries.values()].flat().map((r) => JSON.stringify(r)).join('\n');
    try {
      writePacket(new TextEncoder().encode(kept ? `${kept}\n` : ''), journal.file, { tempDir });
    } catch {
      /* a full disk: keep appending to the old journal, which says the same with more lines */
    }
    return journal;
  }

  /** The latest record (hashes are distinct per output) of a packet at `output` whose bytes had this hash. */
  find(output: string, sha256: string): ReportRow | undefined {
    return this.entries.get(output)?.find((r) => r.sha256 === sha256);
  }

  /**
   * Records a packet before it is moved into place (so a kill in between leaves no packet the journal does not know).
   * Only on disk: this run never looks it up (no two of its cases share an output path), so memory stays flat.
   */
  record(row: ReportRow): void {
    appendFileSync(this.file, `${JSON.stringify({ ...row, status: 'ok' })}\n`, { mode: 0o600 });
  }

  private remember(row: unknown): void {
    const r = row as ReportRow;
    if (!r || typeof r !== 'object' || typeof r.output !== 'string' || !r.output || typeof r.sha256 !== 'string' || (r.status !== 'ok' && r.status !== 'skipped')) return;
    const list = (this.entries.get(r.output) ?? []).filter((e) => e.sha256 !== r.sha256);
    list.push(r);
    this.entries.set(r.output, list.slice(-KEEP_PER_OUTPUT));
  }
}

/** A regular file's text; never opens a pipe or a device someone left under one of these names (it could block). */
function readRegular(file: string): string | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
