// The workbench's calls to the server's /v1 API (same origin): JSON in and out, the packet as bytes with its headers,
// the access token (when the server is bound to a network) sent as a bearer token.
import type { WorkbenchDiagnostic } from './place-diagnostics.js';
import type { PacketPartPages } from './page-for-field.js';

export interface ApiError {
  status: number;
  code: string;
  message: string;
  diagnostics: WorkbenchDiagnostic[];
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export interface Criterion {
  id: string;
  title?: string;
  status: 'met' | 'not-met' | 'not-shown';
  evidence?: string;
  note?: string;
  caveat?: string;
}
export interface ModifierSuggestion {
  code: string;
  suggested: string[];
  listed: string[];
  reason?: string;
}
export interface CheckVerdict {
  ok: boolean;
  diagnostics: WorkbenchDiagnostic[];
  payer?: { id: string; displayName: string; applies?: boolean; scope?: string; policy?: { number: string; title: string } };
  criteria: Criterion[];
  modifiers: ModifierSuggestion[];
  timeframe?: { message: string; hint?: string }[];
}
export interface Packet {
  bytes: Uint8Array;
  pages: number;
  draft: boolean;
  sha256: string;
  parts: PacketPartPages[];
}

const TOKEN_KEY = 'authpack-token';
export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string): void => sessionStorage.setItem(TOKEN_KEY, t),
};

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const t = token.get();
  if (t) headers.set('Authorization', `Bearer ${t}`);
  const res = await fetch(path, { ...init, headers });
  if (res.ok) return res;
  let body: { error?: Partial<ApiError> } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not the API's error body (a proxy's page): the status says enough.
  }
  throw new ApiFailure({
    status: res.status,
    code: body.error?.code ?? `http/${res.status}`,
    message: body.error?.message ?? `The server answered ${res.status} ${res.statusText}.`,
    diagnostics: body.error?.diagnostics ?? [],
  });
}

const json = (value: unknown, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(value),
  ...(signal ? { signal } : {}),
});

export const api = {
  async schema(): Promise<Record<string, unknown>> {
    return (await call('/v1/schema')).json() as Promise<Record<string, unknown>>;
  },
  async starter(kind: string): Promise<Record<string, unknown>> {
    return (await call(`/v1/starter?kind=${encodeURIComponent(kind)}`)).json() as Promise<Record<string, unknown>>;
  },
  async payers(): Promise<{ id: string; displayName: string }[]> {
    return (await call('/v1/payers')).json() as Promise<{ id: string; displayName: string }[]>;
  },
  async validate(value: unknown, signal?: AbortSignal): Promise<{ ok: boolean; diagnostics: WorkbenchDiagnostic[] }> {
    return (await call('/v1/validate', json(value, signal))).json() as Promise<{ ok: boolean; diagnostics: WorkbenchDiagnostic[] }>;
  },
  async check(value: unknown, signal?: AbortSignal): Promise<CheckVerdict> {
    return (await call('/v1/check', json(value, signal))).json() as Promise<CheckVerdict>;
  },
  async importFhir(text: string, ndjson: boolean): Promise<{ case: Record<string, unknown>; gaps: { path: unknown; message: string }[] }> {
    const res = await call('/v1/fhir/import', { method: 'POST', headers: { 'Content-Type': ndjson ? 'application/x-ndjson' : 'application/fhir+json' }, body: text });
    return res.json() as Promise<{ case: Record<string, unknown>; gaps: { path: unknown; message: string }[] }>;
  },
  /** The packet; `force` renders a DRAFT despite preflight errors (the preview), and the files go as multipart. */
  async packet(value: unknown, files: ReadonlyMap<string, File>, force: boolean, signal?: AbortSignal): Promise<Packet> {
    const url = `/v1/packets${force ? '?force=1' : ''}`;
    let init: RequestInit;
    if (files.size === 0) init = json(value, signal);
    else {
      const form = new FormData();
      form.append('case', new Blob([JSON.stringify(value)], { type: 'application/json' }), 'case.json');
      for (const [name, file] of files) form.append('attachments', file, name);
      init = { method: 'POST', body: form, ...(signal ? { signal } : {}) };
    }
    const res = await call(url, init);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let parts: PacketPartPages[] = [];
    try {
      parts = JSON.parse(res.headers.get('Authpack-Parts') ?? '[]') as PacketPartPages[];
    } catch {
      parts = [];
    }
    return {
      bytes,
      pages: Number(res.headers.get('Authpack-Pages') ?? 0),
      draft: res.headers.get('Authpack-Draft') === 'true',
      sha256: res.headers.get('Authpack-Sha256') ?? '',
      parts,
    };
  },
};
