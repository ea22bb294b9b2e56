// The answer of a check that refuses an attachment: a diagnostic slug (`assemble/attachment-<slug>`), what is wrong,
// and what to do. Messages never repeat the attachment's content.

export interface Refusal {
  slug: 'unreadable' | 'damaged' | 'too-large' | 'too-many-pixels' | 'too-many-pages' | 'not-supported' | 'empty' | 'encrypted';
  message: string;
  hint: string;
}

export const refuse = (slug: Refusal['slug'], message: string, hint: string): Refusal => ({ slug, message, hint });

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'slug' in x && 'hint' in x;
}

/** `20000 × 20000 pixels (400 megapixels)` */
export function pixelSize(width: number, height: number): string {
  const mp = (width * height) / 1e6;
  return `${width} × ${height} pixels (${mp < 10 ? mp.toFixed(1) : Math.round(mp)} megapixels)`;
}
