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
