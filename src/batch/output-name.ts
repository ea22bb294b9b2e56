// Output file names from a template such as "{caseId}.pdf" or "{payer}/{caseId}-{request.kind}.pdf", sanitised.

/** Replaces `{path}` with the case's value at that dotted path; each value is made safe as one path segment. */
export function outputName(template: string, data: unknown): string {
  const name = template.replace(/\{([A-Za-z0-9_.]+)\}/g, (_, p: string) => {
    const value = p.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
    return sanitize(value === undefined || value === null ? 'unknown' : String(value));
  });
  const parts = name.split('/').map((s) => s.trim()).filter((s) => s && s !== '.' && s !== '..');
  const joined = parts.join('/') || 'packet.pdf';
  return /\.pdf$/i.test(joined) ? joined : `${joined}.pdf`;
}

/** Letters, digits, dot, dash and underscore; everything else becomes "_" (no separators, no leading dots). */
export function sanitize(value: string): string {
  return (
    value
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || '_'
  );
}
