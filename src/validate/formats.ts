// Shape checks for the identifiers and dates a case carries (NPI, ICD-10-CM, HCPCS, CPT, NDC, ISO dates).

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
/** NDC in 11-digit 5-4-2 form, with or without hyphens. */
export const NDC = /^(\d{5}-\d{4}-\d{2}|\d{11})$/;
export const MODIFIER = /^[A-Za-z0-9]{2}$/;
/** A phone or fax number: 10–15 digits in all (an extension's digits count), written with +, spaces, (), dots and
 * dashes, optionally followed by `x 12` or `ext. 12`. */
export const PHONE = /^(?=(?:\D*\d){10,15}\D*$)[+\d\s().-]+(?:\s*(?:[xX]|[eE][xX][tT]\.?)\s*\d+)?\s*$/;
