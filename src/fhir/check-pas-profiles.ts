// Validates every resource of a PAS request Bundle against the Da Vinci PAS 2.2.1 profile it claims in meta.profile,
// offline, with Medplum's validator and the published StructureDefinitions (src/fhir/pas-profiles.json, see
// test/fixtures/vendor-pas-profiles.ts for the source): required elements, cardinality, fixed and pattern values,
// invariants (FHIRPath), slice counts.
//
// Medplum's validator applies a profile to the resource's own elements only (below them it falls back to the base R4
// types) and reads one level of slicing whose discriminator it can evaluate. So each profile is adapted once (see
// `adapt`) and cut into levels: one profile per element that the snapshot constrains below it (Claim.item,
// Claim.supportingInfo:AdditionalInformation, its documentInformation extension …), each applied by the same
// validator to every instance of that element. What cannot be evaluated offline is listed in `relaxed`;
// check-pas-bundle.ts checks the rules among them that authpack's export depends on.
import { arrayify, deepEquals, deepIncludes, getNestedProperty, OperationOutcomeError, toTypedValue, validateTypedValue, type TypedValue, type TypedValueWithPath } from '@medplum/core';
import type { Bundle, ElementDefinition, Resource, StructureDefinition } from '@medplum/fhirtypes';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { indexR4Definitions } from './check-structure.js';

/** One slicing the validator cannot evaluate and that is therefore not checked by it, and why. */
export interface RelaxedSlicing {
  profile: string;
  element: string;
  reason: string;
}

/** A profile cut into levels: the element ids of the (adapted) snapshot, and a profile rooted at each constrained one. */
interface Levels {
  name: string;
  elements: ElementDefinition[];
  /** By element id ('' for the resource): the profile Medplum applies to each instance of that element. */
  level: Map<string, StructureDefinition>;
  /** By element id: its children that have a level at or below them (the only ones worth visiting). */
  toVisit: Map<string, ElementDefinition[]>;
}

interface Profiles {
  byUrl: Map<string, Levels>;
  relaxed: RelaxedSlicing[];
}

let loaded: Promise<Profiles> | undefined;

/** The PAS profiles, adapted for the validator and indexed (loaded on first use: about 0.3 s). */
export function pasProfiles(): Promise<Profiles> {
  loaded ??= (async () => {
    const bundle = (await import('./pas-profiles.json', { with: { type: 'json' } })).default as unknown as Bundle<StructureDefinition>;
    indexR4Definitions();
    const byUrl = new Map<string, Levels>();
    const relaxed: RelaxedSlicing[] = [];
    for (const e of bundle.entry ?? []) {
      const sd = adapt(structuredClone(e.resource!), relaxed);
      byUrl.set(sd.url, levels(sd));
    }
    return { byUrl, relaxed };
  })();
  return loaded;
}

/**
 * Findings for every resource (and the Bundle itself) that claims a PAS profile and does not conform to it, and for
 * any resource of the Bundle that is not valid R4.
 */
export async function checkPasProfiles(bundle: Bundle): Promise<Diagnostic[]> {
  const { byUrl } = await pasProfiles();
  const out: Diagnostic[] = [];
  const check = (resource: Resource, where: string) => {
    for (const claimed of resource.meta?.profile ?? []) {
      const url = claimed.split('|')[0]!;
      const sd = byUrl.get(url);
      if (!sd) continue; // a profile authpack does not carry (none of its own exports claim one)
      for (const issue of profileIssues(resource, sd)) {
        out.push({
          code: `fhir/pas-profile`,
          severity: 'error',
          message: `${where} does not conform to ${sd.name} at ${issue.at}: ${issue.text}`,
          hint: 'This is a fault in the export; please report it with the case (without patient data).',
        });
      }
    }
  };
  check(bundle, 'The Bundle');
  (bundle.entry ?? []).forEach((e, i) => {
    if (e.resource) check(e.resource, `${e.resource.resourceType} (Bundle.entry[${i}])`);
  });
  // The Bundle's levels each walk into the entries (as plain R4, which is how resources without a PAS profile are
  // checked), so one fault can be seen more than once: say it once.
  return [...new Map(out.map((d) => [d.message, d])).values()];
}

/** Every level of the profile applied to every instance of its element, with the instance's path. */
function profileIssues(resource: Resource, sd: Levels): { at: string; text: string }[] {
  const out: { at: string; text: string }[] = [];
  const root = sd.elements[0]!.id!;
  const visit = (value: TypedValueWithPath, id: string) => {
    const profile = sd.level.get(id === root ? '' : id);
    if (profile) {
      const base = profile.snapshot!.element![0]!.path!;
      for (const i of validated(value, profile)) {
        const at = i.expression?.[0];
        out.push({ at: at?.startsWith(base) ? `${value.path}${at.slice(base.length)}` : value.path, text: i.details?.text ?? i.diagnostics ?? 'invalid' });
      }
    }
    for (const child of sd.toVisit.get(id) ?? []) {
      const name = child.path!.slice(child.path!.lastIndexOf('.') + 1);
      const values = getNestedProperty(value, name, { withPath: true }).flatMap((v) => arrayify(v) ?? []).filter((v) => v.value !== null && typeof v.value === 'object');
      for (const v of child.sliceName ? values.filter((v) => inSlice(sd, child, v)) : values) visit(v, child.id!);
    }
  };
  visit({ ...toTypedValue(resource), path: resource.resourceType }, root);
  return out;
}

function validated(value: TypedValue, profile: StructureDefinition) {
  try {
    validateTypedValue(value, { profile });
    return [];
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err;
    return (err.outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  }
}

/** `Claim.item.extension:certificationType` is a child of `Claim.item`; so is `Claim.item.category`. */
function isChild(id: string, parent: string): boolean {
  return id.startsWith(`${parent}.`) && !id.slice(parent.length + 1).includes('.');
}

/** Whether an instance of the sliced element belongs to the slice, by the slicing's discriminators. */
function inSlice(sd: Levels, slice: ElementDefinition, value: TypedValue): boolean {
  const sliced = sd.elements.find((e) => e.id === slice.id!.slice(0, slice.id!.lastIndexOf(':')));
  return (sliced?.slicing?.discriminator ?? []).every((d) => {
    const actual = d.path === '$this' ? [value.value] : (d.path ?? '').split('.').reduce<unknown[]>((vs, key) => vs.flatMap((v) => arrayify((v as Record<string, unknown>)?.[key]) ?? []), [value.value]);
    // By type: at $this the instance's own type; at a child path (Bundle.entry by `resource`) that resource's type.
    if (d.type === 'type') return (slice.type ?? []).some((t) => (d.path === '$this' ? t.code === value.type : actual.some((v) => (v as { resourceType?: string })?.resourceType === t.code)));
    const at = d.path === '$this' ? slice : sd.elements.find((e) => e.id === `${slice.id}.${d.path}`);
    const expected = at && Object.entries(at).find(([k]) => k.startsWith('fixed') || k.startsWith('pattern'));
    if (!expected) return false;
    return actual.some((v) => (expected[0].startsWith('fixed') ? deepEquals(v, expected[1]) : deepIncludes(v, expected[1])));
  });
}

/**
 * The profile cut into levels: the resource itself, then every element whose descendants the snapshot constrains,
 * rooted at that element (a slice's own prefix dropped from the ids, so slices inside it become first-level slices).
 */
function levels(sd: StructureDefinition): Levels {
  const elements = sd.snapshot!.element!;
  const level = new Map<string, StructureDefinition>([['', { ...sd, snapshot: { element: flat(elements) } }]]);
  for (const e of elements.slice(1)) {
    const below = elements.filter((d) => d.id!.startsWith(`${e.id}.`));
    // An extension slice whose definition the snapshot does not expand (only the url `adapt` added) is left to the
    // extension's own profile: a level of just `url` would call its value an unknown property.
    if (!below.some((d) => !SYNTHETIC.has(d))) continue;
    const rebase = (d: ElementDefinition): ElementDefinition => {
      const id = `${e.path}${d.id!.slice(e.id!.length)}`;
      if (!d.contentReference) return { ...d, id };
      // The referenced element is outside this level: name its R4 type instead (Bundle.link is BundleLink).
      const { contentReference, ...rest } = d;
      const type = contentReference.slice(contentReference.indexOf('#') + 1).split('.').map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
      return { ...rest, id, type: [{ code: type }] };
    };
    const { sliceName: _slice, slicing: _slicing, ...root } = rebase(e);
    level.set(e.id!, {
      resourceType: 'StructureDefinition', url: `${sd.url}#${e.id}`, name: `${sd.name} ${e.id}`, status: 'active', kind: 'complex-type',
      abstract: false, type: e.type?.[0]?.code ?? 'Element', snapshot: { element: flat([root, ...below.map(rebase)]) },
    });
  }
  const toVisit = new Map<string, ElementDefinition[]>();
  const leads = new Map<string, boolean>();
  const leadsToLevel = (id: string): boolean => {
    let known = leads.get(id);
    if (known === undefined) {
      const children = elements.filter((e) => isChild(e.id!, id)).filter((e) => leadsToLevel(e.id!));
      toVisit.set(id, children);
      known = level.has(id) || children.length > 0;
      leads.set(id, known);
    }
    return known;
  };
  leadsToLevel(elements[0]!.id!);
  return { name: sd.name!, elements, level, toVisit };
}

/** The `url` children `adapt` writes out for extension slices. */
const SYNTHETIC = new WeakSet<ElementDefinition>();

/** The elements Medplum reads at one level: slices inside slices belong to a deeper level. */
const flat = (elements: ElementDefinition[]) => elements.filter((e) => !isNestedSlice(e.id!));

/**
 * Adapts a snapshot to what Medplum's validator evaluates correctly, without adding any rule the profile lacks:
 * - version pins (`…|2.2.1`) are dropped from canonical references: only this one version is loaded;
 * - an extension slice whose `url` is implied by its profile gets that `url` as a fixed child (a full snapshot
 *   generator writes it out; Medplum matches extension slices by it);
 * - a slice discriminated by type at a child path (Bundle.entry by `resource`) carries that child's type, which is
 *   where Medplum looks for it;
 * - a slicing with a discriminator Medplum cannot evaluate (a FHIRPath function, or a slice told apart only by a value
 *   set binding) is removed with its slices, and recorded in `relaxed`.
 */
export function adapt(sd: StructureDefinition, relaxed: RelaxedSlicing[]): StructureDefinition {
  const unpin = (s: string) => s.replace(/\|[^|]*$/, '');
  let elements: ElementDefinition[] = (sd.snapshot?.element ?? []).map((e) => ({
    ...e,
    ...(e.type ? { type: e.type.map((t) => ({ ...t, ...(t.profile ? { profile: t.profile.map(unpin) } : {}), ...(t.targetProfile ? { targetProfile: t.targetProfile.map(unpin) } : {}) })) } : {}),
    ...(e.binding?.valueSet ? { binding: { ...e.binding, valueSet: unpin(e.binding.valueSet) } } : {}),
  }));
  const byId = new Map(elements.map((e) => [e.id!, e]));
  const drop = new Set<string>();
  const relax = (element: ElementDefinition, reason: string) => {
    relaxed.push({ profile: sd.url, element: element.id!, reason });
    delete element.slicing;
    for (const e of elements) if (e.id!.startsWith(`${element.id}:`)) drop.add(e.id!);
  };

  for (const sliced of elements.filter((e) => e.slicing)) {
    const slices = elements.filter((e) => e.sliceName && e.id === `${sliced.id}:${e.sliceName}`);
    if (!slices.length) continue;
    for (const d of sliced.slicing!.discriminator ?? []) {
      const path = d.path ?? '';
      if (/[()]/.test(path)) {
        relax(sliced, `discriminator path "${path}" is a FHIRPath function`);
        break;
      }
      if (d.type === 'type' && path !== '$this') {
        for (const s of slices) {
          const child = byId.get(`${s.id}.${path}`);
          if (child?.type) s.type = child.type.map((t) => ({ code: t.code }));
        }
        continue;
      }
      if (d.type !== 'value' && d.type !== 'pattern') continue;
      const undecidable = slices.find((s) => {
        if (path === 'url' && !byId.has(`${s.id}.url`) && s.type?.[0]?.code === 'Extension' && s.type[0].profile?.[0]) {
          const url: ElementDefinition = { id: `${s.id}.url`, path: `${s.path}.url`, min: 1, max: '1', type: [{ code: 'uri' }], fixedUri: s.type[0].profile[0] };
          SYNTHETIC.add(url);
          elements.splice(elements.indexOf(s) + 1, 0, url);
          byId.set(url.id!, url);
        }
        const at = path === '$this' ? s : byId.get(`${s.id}.${path}`);
        return !at || !Object.keys(at).some((k) => k.startsWith('fixed') || k.startsWith('pattern'));
      });
      if (undecidable) {
        relax(sliced, `slice "${undecidable.sliceName}" is told apart only by a value set binding, which cannot be expanded offline`);
        break;
      }
    }
  }
  elements = elements.filter((e) => !drop.has(e.id!));
  return { ...sd, snapshot: { element: elements } };
}


/** `Claim.supportingInfo:AdditionalInformation.extension:documentInformation(.url)` is a slice inside a slice. */
const isNestedSlice = (id: string) => /:[^.]+\..*:/.test(id);
