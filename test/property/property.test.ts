// Property tests: whatever a user types into the case, validate and render report problems and never crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacketError } from '../../src/diagnostics/errors.js';
import { generatePacket } from '../../src/generate-packet.js';
import { parseCaseText } from '../../src/load/load-case.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, TODAY, SAMPLES_DIR } from '../support/build-case.js';

const TEXT_FIELDS: ((c: Record<string, any>, v: string) => void)[] = [
  (c, v) => (c.patient.firstName = v),
  (c, v) => (c.patient.lastName = v),
  (c, v) => (c.necessity.summary = v),
  (c, v) => (c.necessity.rationale = v),
  (c, v) => (c.priorTherapies[0].name = v),
  (c, v) => (c.priorTherapies[0].outcome = v),
  (c, v) => (c.prescriber.organization = v),
  (c, v) => (c.clinical.histology = v),
  (c, v) => (c.items[0].description = v),
  (c, v) => (c.followUp.plan = v),
];

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3000 }),
  fc.constantFrom('<script>alert(1)</script>', '{{patient.memberId}}', '</table><p>', '&amp; &lt;', 'Σοφία Дмитрий Nguyễn', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀', 'a\u0000b\u202Ec', 'x'.repeat(1999)),
);

/** Renders and returns what happened: a packet, or a PacketError with diagnostics. Anything else fails the test. */
async function attempt(raw: unknown): Promise<'ok' | 'rejected'> {
  try {
    const r = await generatePacket(raw, { baseDir: SAMPLES_DIR, date: TODAY });
    expect(r.pages).toBeGreaterThan(0);
    return 'ok';
  } catch (err) {
    if (err instanceof PacketError) {
      expect(err.diagnostics.length).toBeGreaterThan(0);
      for (const d of err.diagnostics) expect(d.message.length).toBeGreaterThan(0);
      return 'rejected';
    }
    throw err;
  }
}

describe('property: any text in any field', () => {
  it('validates without throwing and every diagnostic has a code, message and path', () => {
    fc.assert(
      fc.property(fc.nat(TEXT_FIELDS.length - 1), anyText, (field, text) => {
        const raw = buildCase((c) => TEXT_FIELDS[field]!(c, text));
        const { diagnostics } = validateCase(raw, { today: TODAY });
        for (const d of diagnostics) {
          expect(d.code).toMatch(/^[a-z]+\/[a-z-]+$/);
          expect(d.message).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('renders or rejects with diagnostics, never crashes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(TEXT_FIELDS.length - 1), anyText, async (field, text) => {
        await attempt(buildCase((c) => TEXT_FIELDS[field]!(c, text)));
      }),
      { numRuns: 40 },
    );
  });

  it('renders with every optional field removed', async () => {
    const raw = buildCase((c) => {
      for (const k of ['supplier', 'clinical', 'deviceReadiness', 'consent', 'followUp', 'attachments', 'priorTherapies']) delete c[k];
      for (const k of ['groupNumber', 'phone', 'address']) delete c.patient[k];
      for (const k of ['specialty', 'organization', 'fax', 'address']) delete c.prescriber[k];
      for (const k of ['planName', 'payerName']) delete c.coverage[k];
      c.necessity = { summary: 'S.', rationale: 'R.' };
      c.payer = 'generic-commercial';
      c.items = [{ hcpcs: 'E0766', description: 'Device' }];
      c.diagnoses = [{ code: 'C71.1' }];
    });
    expect(await attempt(raw)).toBe('ok');
  });

  it('rejects random structures with diagnostics, never crashes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const { case: c, diagnostics } = validateCase(value, { today: TODAY });
        expect(c).toBeUndefined();
        expect(diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('parses any text as a case file or rejects it with a located diagnostic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        try {
          parseCaseText(text, 'fuzz.yaml');
        } catch (err) {
          expect(err).toBeInstanceOf(PacketError);
          expect((err as PacketError).diagnostics[0]?.place?.file).toBe('fuzz.yaml');
        }
      }),
      { numRuns: 300 },
    );
  });
});

// Structural mutations of a valid case: whatever shape the data takes, generatePacket either renders or throws a
// documented PacketError with diagnostics, never a TypeError or RangeError.
describe('property: any structure at any place', () => {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    if (p.length) paths.push(p);
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, Array.isArray(v) ? Number(k) : k]);
  };
  walk(buildCase(), []);

  const deep = (depth: number, leaf: unknown): unknown => {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  };
  const nested = (depth: number): unknown => {
    let v: unknown = [];
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  };
  const protoKeyed = (key: string) => JSON.parse(`{"${key}": {"polluted": true}}`) as unknown;
  const replacement: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(null, undefined, true, 0, -1, 1.5, NaN, Infinity, '', ' ', '\u0000', [], {}, [null], [[]], [{}]),
    fc.jsonValue({ maxDepth: 3 }),
    anyText,
    fc.integer(),
    fc.double(),
    fc.bigInt().map((b) => b),
    fc.date({ noInvalidDate: false }),
    fc.integer({ min: 30, max: 2000 }).map((d) => deep(d, 'x')),
    fc.integer({ min: 30, max: 2000 }).map(nested),
    fc.integer({ min: 1, max: 30_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
    fc.constantFrom('__proto__', 'constructor', 'prototype').map(protoKeyed),
    fc.constant(Object.assign([], { 4_294_967_294: 'sparse' })),
    fc.constant(new Map([['a', 1]])),
  );
  // `retext` keeps the case valid more often (a text stays a text), so some mutated cases get as far as rendering.
  type Mutation = { path: (string | number)[]; action: 'set' | 'delete' | 'wrap-in-list' | 'prototype-key' | 'retext'; value: unknown; text: string };
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    path: fc.constantFrom(...paths),
    action: fc.constantFrom('set', 'set', 'delete', 'wrap-in-list', 'prototype-key', 'retext', 'retext', 'retext'),
    value: replacement,
    text: anyText,
  });

  const apply = (raw: Record<string, unknown>, m: Mutation) => {
    let node = raw as Record<string | number, unknown>;
    for (const k of m.path.slice(0, -1)) {
      if (!node || typeof node !== 'object') return;
      node = node[k] as Record<string | number, unknown>;
    }
    if (!node || typeof node !== 'object') return;
    const key = m.path.at(-1)!;
    if (m.action === 'delete') delete node[key];
    else if (m.action === 'retext') {
      if (typeof node[key] === 'string') node[key] = m.text;
    }
    else if (m.action === 'wrap-in-list') node[key] = [node[key]];
    else if (m.action === 'prototype-key') Object.defineProperty(node, ['__proto__', 'constructor', 'prototype'][m.path.length % 3]!, { value: m.value, enumerable: true, configurable: true, writable: true });
    else node[key] = m.value;
  };

  const polluted = () => ['polluted', 'x', 'a'].filter((k) => Object.prototype.hasOwnProperty.call(Object.prototype, k));

  it('validateCase reports diagnostics for up to three mutations, never throws, pollutes nothing', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const raw = buildCase();
        for (const m of mutations) apply(raw, m);
        const { case: c, diagnostics } = validateCase(raw, { today: TODAY });
        if (!c) expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
        for (const d of diagnostics) expect(d.message).not.toBe('');
        expect(polluted()).toEqual([]);
      }),
      { numRuns: 1000, seed: 8 },
    );
  });

  it('generatePacket renders or throws a documented PacketError, never a TypeError or RangeError', async () => {
    const outcomes = { ok: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 2 }), async (mutations) => {
        const raw = buildCase();
        for (const m of mutations) apply(raw, m);
        outcomes[await attempt(raw)]++;
        expect(polluted()).toEqual([]);
      }),
      { numRuns: 150, seed: 8 },
    );
    // Both ways out are exercised: some mutated cases still render, most are refused.
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });

  it('generatePacket rejects what is not a case at all with a PacketError', async () => {
    for (const raw of [undefined, null, 0, 'case', [], [buildCase()], new Map(), protoKeyed('__proto__'), deep(100_000, 1)]) {
      expect(await attempt(raw)).toBe('rejected');
    }
  });
});
