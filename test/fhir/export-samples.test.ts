// Every sample's PAS export passes the R4 structure validator with zero errors, the PAS profiles and rule checks, and carries
// the rendered packet and every attachment inline.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Claim, DocumentReference } from '@medplum/fhirtypes';
import { sampleDate } from '../../src/cli/commands/demo.js';
import { checkPasProfiles } from '../../src/fhir/check-pas-profiles.js';
import { exportPas, type PasExport } from '../../src/fhir/export-pas.js';
import { generatePacket, type PacketResult } from '../../src/generate-packet.js';
import { loadCase } from '../../src/load/load-case.js';
import { resolvePacketDate } from '../../src/packet-date.js';
import { ROOT } from '../support/build-case.js';
import { r4Issues } from './r4-validator.js';

// Appeal samples have no PAS form (fhir-export-cli.test.ts checks that they are refused).
const samples = readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.yaml') && !/^  kind: appeal$/m.test(readFileSync(path.join(ROOT, 'samples', f), 'utf8'))).sort();

describe.each(samples)('PAS export of %s', (file) => {
  let result: PacketResult;
  let exported: PasExport;
  beforeAll(async () => {
    const { raw, baseDir } = loadCase(path.join(ROOT, 'samples', file));
    const date = resolvePacketDate(sampleDate(raw));
    result = await generatePacket(raw, { baseDir, date });
    exported = await exportPas(result, { date, baseDir });
  });

  it('passes the FHIR R4 structure validator with zero errors', () => {
    expect(r4Issues(exported.bundle)).toEqual([]);
    // Each resource on its own too (the validator walks contained resources, but say so plainly).
    for (const e of exported.bundle.entry ?? []) expect(r4Issues(e.resource!), `${e.resource!.resourceType}`).toEqual([]);
  });

  it('conforms to the Da Vinci PAS 2.2.1 profiles (but for a place of service the case does not give)', async () => {
    const found = (await checkPasProfiles(exported.bundle)).map((d) => d.message);
    expect(found.filter((m) => !/\.location\[x\]: Missing required property/.test(m))).toEqual([]);
    expect(found.length > 0).toBe(result.case.request.placeOfService === undefined);
  });

  it('passes the PAS rule checks (a missing place of service is the only finding, and only a warning)', () => {
    const errors = exported.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    const others = exported.diagnostics.filter((d) => d.code !== 'fhir/pas-item-location');
    expect(others).toEqual([]);
    expect(exported.diagnostics.length > 0).toBe(result.case.request.placeOfService === undefined);
  });

  it('opens with the preauthorization Claim and carries the packet and each attachment inline', () => {
    const b: Bundle = exported.bundle;
    const claim = b.entry![0]!.resource as Claim;
    expect(claim).toMatchObject({ resourceType: 'Claim', use: 'preauthorization', status: 'active' });
    expect(claim.item).toHaveLength(result.case.items.length);
    expect(claim.diagnosis!.map((d) => d.diagnosisCodeableConcept!.coding![0]!.code).sort()).toEqual(result.case.diagnoses.map((d) => d.code).sort());
    const docs = b.entry!.map((e) => e.resource!).filter((r): r is DocumentReference => r.resourceType === 'DocumentReference');
    expect(docs).toHaveLength(1 + result.case.attachments.length);
    const packet = Buffer.from(docs[0]!.content[0]!.attachment.data!, 'base64');
    expect(packet.equals(Buffer.from(result.bytes))).toBe(true);
    // The documents first, then the coded clinical picture: each prior therapy, measurement, score and imaging once.
    const info = claim.supportingInfo!.map((s) => s.valueReference!.reference);
    expect(info.slice(0, docs.length)).toEqual(docs.map((d) => `urn:uuid:${d.id}`));
    const types = info.slice(docs.length).map((u) => b.entry!.find((e) => e.fullUrl === u)!.resource!.resourceType);
    const c = result.case;
    expect(types.filter((t) => t === 'Procedure' || t === 'MedicationStatement')).toHaveLength(c.priorTherapies.length);
    const scores = [c.clinical?.performance?.kps, c.clinical?.performance?.ecog].filter((x) => x !== undefined).length;
    expect(types.filter((t) => t === 'Observation')).toHaveLength((c.clinical?.measurements.length ?? 0) + scores);
    expect(types.filter((t) => t === 'DiagnosticReport')).toHaveLength(c.clinical?.latestImaging ? 1 : 0);
  });
});
