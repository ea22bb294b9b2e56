// What /v1/validate and /v1/check answer: the CLI's validate and check verdicts as data (the same diagnostics as
// `--format json`, the criteria met / not met / not shown with their evidence, the suggested modifiers and the
// decision clock). They run in the request's thread: both stop before anything is rendered.
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { PacketError } from '../diagnostics/errors.js';
import type { SourceMap } from '../load/source-map.js';
import { appliesToCase } from '../coverage/evaluate-criteria.js';
import { describeScope } from '../coverage/profile-scope.js';
import { loadPayer } from '../payers/load-payer.js';
import { confirmedRevision } from '../payers/policy-revision.js';
import { checkCase, type CheckResult } from '../preflight/check-case.js';
import { validateCase } from '../validate/validate-case.js';
import type { CheckVerdict, ValidateVerdict } from './api-schemas.js';

export interface VerdictOptions {
  today: string;
  payerDirs: readonly string[];
  source: SourceMap;
  /** The request's folder of uploaded attachments; undefined: the files are not looked for (a JSON or YAML body). */
  baseDir?: string;
}

const STATUS = { met: 'met', 'not-met': 'not-met', unknown: 'not-shown' } as const;

export function validateVerdict(raw: unknown, o: VerdictOptions): ValidateVerdict {
  const result = validateCase(raw, { today: o.today, source: o.source, payerDirs: o.payerDirs, ...(o.baseDir ? { attachmentFiles: { baseDir: o.baseDir, allowOutside: false } } : {}) });
  // The payer profile itself must also load (a broken profile in a --payers folder is named here, as the CLI does).
  if (result.case) {
    try {
      loadPayer(result.case.payer, o.payerDirs);
    } catch (err) {
      if (!(err instanceof PacketError)) throw err;
      result.diagnostics.push(...err.diagnostics);
    }
  }
  return { ok: !hasErrors(result.diagnostics), diagnostics: result.diagnostics };
}

export function checkVerdict(raw: unknown, o: VerdictOptions): CheckVerdict {
  let result: CheckResult;
  try {
    result = checkCase(raw, { today: o.today, source: o.source, payerDirs: o.payerDirs, ...(o.baseDir ? { attachmentFiles: { baseDir: o.baseDir, allowOutside: false } } : {}) });
  } catch (err) {
    if (!(err instanceof PacketError)) throw err;
    return { ok: false, diagnostics: err.diagnostics, criteria: [], modifiers: [], timeframe: [] };
  }
  const p = result.payer;
  const policy = p.policy;
  const revision = policy ? confirmedRevision(policy) : undefined;
  return {
    ok: !hasErrors(result.diagnostics),
    diagnostics: result.diagnostics,
    caseId: result.case.caseId,
    requestKind: result.case.request.kind,
    payer: {
      id: p.id,
      displayName: p.displayName,
      applies: appliesToCase(result.case, p),
      scope: describeScope(p),
      ...(policy ? { policy: { number: policy.number, title: policy.title, ...(revision ? { revision } : {}), lastChecked: policy.lastChecked, ...(policy.unconfirmed ? { unconfirmed: policy.unconfirmed } : {}) } } : {}),
    },
    criteria: result.criteria.map((o) => ({
      id: o.criterion.id,
      title: o.criterion.text,
      status: STATUS[o.result.status],
      evidence: o.result.evidence,
      ...(o.result.note ? { note: o.result.note } : {}),
      ...(o.result.caveat ? { caveat: o.result.caveat } : {}),
      paths: o.result.paths,
      documents: o.documents,
      ...(o.criterion.unconfirmed ? { unconfirmed: o.criterion.unconfirmed } : {}),
    })),
    modifiers: result.modifiers.map((m) => ({ item: m.item, code: m.code, suggested: m.suggested, listed: m.listed, ...(m.reason ? { reason: m.reason } : {}), ...(m.pending ? { pending: m.pending } : {}) })),
    // An appeal's clock is its filing deadline (the finding's data holds the deadlines and decision clocks).
    timeframe: result.diagnostics.filter((d) => d.code === 'preflight/decision-timeframe' || d.code === 'preflight/appeal-deadline').map(clock),
  };
}

function clock(d: Diagnostic): { message: string; hint?: string } {
  return { message: d.message, ...(d.hint ? { hint: d.hint } : {}) };
}
