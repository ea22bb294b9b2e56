// Whether a brain tumor is supratentorial, as the case states it: the explicit flag, the site in words and the
// ICD-10-CM site code (C71.0–C71.5 supratentorial; C71.6 cerebellum and C71.7 brain stem infratentorial; C71.8
// overlapping and C71.9 unspecified say nothing; see readTumorSite for secondary codes). Any explicit infratentorial sign wins: the policies that restrict
// the site (Anthem CG-DME-44, LCD L34823, BCBSA 1.01.29 ...) cover supratentorial tumors only, so a case that says
// both is reported, never read as supratentorial.
import type { Case } from '../validate/case-schema.js';

type Path = (string | number)[];
export interface SiteSign {
  /** What the case says, in words. */
  words: string;
  path: Path;
}
export interface SiteReading {
  infratentorial: SiteSign[];
  supratentorial: SiteSign[];
}

const INFRA_WORDS = /infratentorial|posterior fossa|cerebell|brain[\s-]?stem|\bpons\b|pontine|medulla\b|medulla oblongata|midbrain/i;
const SUPRA_WORDS = /supratentorial|(?:frontal|temporal|parietal|occipital)\s+lobe|frontal|parietal|cerebrum|cerebral hemisphere|corpus callosum|thalam/i;

export function readTumorSite(c: Case): SiteReading {
  const out: SiteReading = { infratentorial: [], supratentorial: [] };
  const clinical = c.clinical;
  const site = clinical?.tumorSite;
  if (clinical?.supratentorial === false) out.infratentorial.push({ words: 'the case marks the tumor as not supratentorial', path: ['clinical', 'supratentorial'] });
  if (site && INFRA_WORDS.test(site)) out.infratentorial.push({ words: `the tumor site is ${site}, an infratentorial site`, path: ['clinical', 'tumorSite'] });
  // The primary diagnosis is the tumor the request is about; another C71.6/C71.7 code (a listed secondary site) speaks
  // only when the case states the site no other way.
  const primary = Math.max(0, c.diagnoses.findIndex((d) => d.primary));
  const stated = clinical?.supratentorial !== undefined || site !== undefined;
  c.diagnoses.forEach((d, i) => {
    if (/^C71\.[67]$/.test(d.code) && (i === primary || !stated)) out.infratentorial.push({ words: `${d.code} is an infratentorial site (${d.code === 'C71.6' ? 'cerebellum' : 'brain stem'})`, path: ['diagnoses', i, 'code'] });
  });
  if (clinical?.supratentorial === true) out.supratentorial.push({ words: `supratentorial tumor${site ? ` (${site})` : ''}`, path: ['clinical', 'supratentorial'] });
  if (site && !INFRA_WORDS.test(site) && SUPRA_WORDS.test(site)) out.supratentorial.push({ words: `the tumor site is ${site}, a supratentorial site`, path: ['clinical', 'tumorSite'] });
  c.diagnoses.forEach((d, i) => {
    if (/^C71\.[0-5]$/.test(d.code)) out.supratentorial.push({ words: `${d.code} is a supratentorial site${site ? ` (${site})` : ''}`, path: ['diagnoses', i, 'code'] });
  });
  return out;
}
