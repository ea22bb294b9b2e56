// Shape checks for the identifiers and dates a case carries (NPI, ICD-10-CM, HCPCS, CPT, NDC, place of service, ISO dates).

/** `YYYY-MM-DD` that names a real calendar day. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * NPI check digit: Luhn over the 9 base digits with the 80840 prefix, i.e. the Luhn sum plus 24
 * (CMS "NPI check digit" requirement; see shared/domain.md §6).
 */
export function npiCheckDigit(base9: string): number {
  let sum = 24;
  for (let i = 0; i < 9; i++) {
    let d = Number(base9[8 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidNpi(npi: string): boolean {
  return /^[12]\d{9}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

// The code shapes as typed: either case is accepted (the validator upper-cases codes), and each pattern is written
// out in plain character classes so `authpack schema` can carry it as a JSON Schema pattern unchanged.

/** ICD-10-CM shape: letter, digit, alphanumeric, then optionally a dot and 1–4 more (domain.md §6). */
export const ICD10_CM = /^[A-Za-z][0-9][0-9A-Za-z](\.[0-9A-Za-z]{1,4})?$/;
/** HCPCS Level II: one letter A–V and four digits. */
export const HCPCS = /^[A-Va-v][0-9]{4}$/;
/** CPT: five digits (Category I) or four digits and F/T (Category II/III). */
export const CPT = /^[0-9]{4}[0-9FTft]$/;
/**
 * NDC as printed on a package: 10 digits in one of the three FDA shapes (4-4-2, 5-3-2, 5-4-1), or the 11-digit 5-4-2
 * billing form (with hyphens or without). Ten digits without hyphens are refused: which segment the billing form's
 * leading zero goes into cannot be known (see `ndcProblem`).
 */
export const NDC = /^(\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2}|\d{11})$/;

/** The three 10-digit shapes, each with an example (labeler-product-package). */
export const NDC_TEN_DIGIT_SHAPES = ['4-4-2 (1234-5678-90)', '5-3-2 (12345-678-90)', '5-4-1 (12345-6789-0)'] as const;

/** The shape an NDC was written in: "4-4-2", "5-3-2", "5-4-1", "5-4-2", "11" (digits only), or the digit counts. */
export function ndcShape(ndc: string): string {
  const s = ndc.trim();
  if (/^\d+$/.test(s)) return String(s.length);
  return s.split('-').map((part) => part.length).join('-');
}

/**
 * The 11-digit 5-4-2 billing form (HIPAA standard transactions) of an NDC in any accepted shape: a leading zero is
 * added to the segment that is one digit short (CMS / NCPDP conversion). Undefined when it cannot be converted.
 */
export function normalizeNdc(ndc: string): string | undefined {
  const s = ndc.trim();
  if (!NDC.test(s)) return undefined;
  const parts = /^\d{11}$/.test(s) ? [s.slice(0, 5), s.slice(5, 9), s.slice(9)] : s.split('-');
  const [labeler, product, pkg] = parts as [string, string, string];
  return `${labeler.padStart(5, '0')}-${product.padStart(4, '0')}-${pkg.padStart(2, '0')}`;
}

/** Why a written NDC cannot be used, in a coordinator's words; undefined when it is fine. */
export function ndcProblem(ndc: string): string | undefined {
  const s = ndc.trim();
  if (NDC.test(s)) return undefined;
  const shapes = `the three 10-digit shapes are ${NDC_TEN_DIGIT_SHAPES.join(', ')}`;
  if (/^\d{10}$/.test(s)) {
    return `is 10 digits without hyphens, which cannot be turned into the 11-digit billing form: the added zero goes into a different segment for each shape, and ${shapes}. Write it with the hyphens printed on the package, or as the 11-digit 5-4-2 form`;
  }
  if (/^[\d-]+$/.test(s) && s.includes('-')) {
    return `has the shape ${ndcShape(s)}, which is not an NDC shape: ${shapes}, and the billing form is 5-4-2 (12345-6789-01)`;
  }
  return `must be a National Drug Code: 10 digits in a 4-4-2, 5-3-2 or 5-4-1 shape, or 11 digits (5-4-2, like 00002-7510-01)`;
}

/** A CMS place-of-service code: two digits. */
export const PLACE_OF_SERVICE = /^\d{2}$/;
export const MODIFIER = /^[A-Za-z0-9]{2}$/;
/** A phone or fax number: 10–15 digits in all (an extension's digits count), written with +, spaces, (), dots and
 * dashes, optionally followed by `x 12` or `ext. 12`. */
export const PHONE = /^(?=(?:\D*\d){10,15}\D*$)[+\d\s().-]+(?:\s*(?:[xX]|[eE][xX][tT]\.?)\s*\d+)?\s*$/;
