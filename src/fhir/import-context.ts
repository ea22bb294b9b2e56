// What the importer keeps while mapping: the resources by reference, and the report of what was mapped from which
// resource, what was ignored and why, and which case fields FHIR could not supply (gaps).
import type { Reference, Resource } from '@medplum/fhirtypes';
import { label, type SourcedResource } from './read-fhir.js';

export interface MappedField {
  /** Case path, e.g. `patient.lastName`. */
  field: string;
  /** "Patient/p1 (entry[0])". */
  from: string;
  /** FHIR element, e.g. `Patient.name[0].family`. */
  element: string;
}

export interface Ignored {
  /** "Observation/o7 (entry[12])". */
  resource: string;
  element?: string;
  reason: string;
}

export interface Gap {
  field: string;
  reason: string;
}

export interface ImportReport {
  mapped: MappedField[];
  ignored: Ignored[];
  gaps: Gap[];
}

export class ImportContext {
  readonly report: ImportReport = { mapped: [], ignored: [], gaps: [] };
  private readonly byRef = new Map<string, SourcedResource>();
  private readonly used = new Set<SourcedResource>();

  readonly resources: readonly SourcedResource[];

  constructor(all: readonly SourcedResource[]) {
    this.resources = all.filter((r) => !r.container);
    for (const r of this.resources) {
      if (r.resource.id) this.byRef.set(`${r.resource.resourceType}/${r.resource.id}`, r);
      if (r.fullUrl) this.byRef.set(r.fullUrl, r);
    }
  }

  ofType<T extends Resource>(type: T['resourceType']): (SourcedResource & { resource: T })[] {
    return this.resources.filter((r) => r.resource.resourceType === type) as (SourcedResource & { resource: T })[];
  }

  /** The resource a reference points to inside the input, or undefined (an outside reference is not followed). */
  resolve<T extends Resource>(ref: Reference | undefined, ...types: T['resourceType'][]): (SourcedResource & { resource: T }) | undefined {
    const key = ref?.reference;
    if (!key) return undefined;
    const hit = this.byRef.get(key) ?? this.byRef.get(key.replace(/^.*\/(\w+\/[^/]+)$/, '$1'));
    if (!hit || (types.length && !types.includes(hit.resource.resourceType as T['resourceType']))) return undefined;
    return hit as SourcedResource & { resource: T };
  }

  /** Records that `field` came from `element` of `r` (and so that `r` was used). */
  mapped(field: string, r: SourcedResource, element: string): void {
    this.used.add(r);
    this.report.mapped.push({ field, from: label(r), element: `${r.resource.resourceType}.${element}` });
  }

  /** A resource read but not mapped as a whole is still "used" (e.g. a Practitioner reached through a role). */
  touch(r: SourcedResource): void {
    this.used.add(r);
  }

  ignore(r: SourcedResource, reason: string, element?: string): void {
    this.used.add(r);
    this.report.ignored.push({ resource: label(r), ...(element ? { element: `${r.resource.resourceType}.${element}` } : {}), reason });
  }

  gap(field: string, reason: string): void {
    this.report.gaps.push({ field, reason });
  }

  /** Every resource nothing was taken from, reported as ignored. */
  finish(): ImportReport {
    for (const r of this.resources) if (!this.used.has(r)) this.report.ignored.push({ resource: label(r), reason: `authpack maps no case field from a ${r.resource.resourceType} here` });
    return this.report;
  }
}
