// Reads a histology as glioblastoma the way payer policies name it ("glioblastoma (known also as glioblastoma
// multiforme [GBM] or WHO grade IV astrocytoma)", Anthem CG-DME-44; LCD L34823: "WHO grade IV astrocytoma"), covering
// gliosarcoma (a glioblastoma subtype) and the WHO 2021 (CNS5) name of a grade 4 astrocytic tumor, "Astrocytoma,
// IDH-mutant, CNS WHO grade 4", which the policies' older wording calls grade IV astrocytoma.

export type HistologyReading =
  | { kind: 'glioblastoma' }
  /** An astrocytoma graded 4 (IV): the policies' "WHO grade IV astrocytoma", named the WHO 2021 way or the old way. */
  | { kind: 'grade-4-astrocytoma'; who2021: boolean }
  | { kind: 'other' };

const GLIOBLASTOMA = /glioblastoma|\bGBM\b|gliosarcoma/i;
// "grade 4", "grade IV", "grade-4", "CNS WHO grade 4"; the \b keeps "grade 40" and "grade IVa"-like typos out, and
// "grade 2", "grade III" never match.
const GRADE_4 = /\bgrade[\s-]*(?:IV|4)\b/i;
const ASTROCYTOMA = /astrocytoma|astrocytic/i;

export function readHistology(histology: string): HistologyReading {
  if (GLIOBLASTOMA.test(histology)) return { kind: 'glioblastoma' };
  if (ASTROCYTOMA.test(histology) && GRADE_4.test(histology)) return { kind: 'grade-4-astrocytoma', who2021: /IDH[\s-]*mutant|IDH[\s-]*mutated|CNS\s+WHO/i.test(histology) };
  return { kind: 'other' };
}
