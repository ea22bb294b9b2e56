// Writes each field's problems (validation, preflight, FHIR import gaps) into its message area and marks the
// control invalid, so a screen reader announces the same message and hint the CLI prints.
import type { PathKey } from './case-value.js';
import { placeDiagnostics, type WorkbenchDiagnostic } from './place-diagnostics.js';
import { fieldId } from './render-form.js';

function diagnosticNode(d: WorkbenchDiagnostic): HTMLElement {
  const p = document.createElement('p');
  p.className = `diag ${d.severity}`;
  p.dataset.code = d.code;
  const sev = document.createElement('span');
  sev.className = 'severity';
  sev.textContent = d.severity === 'info' ? 'note' : d.severity;
  p.append(sev, ' ', d.message);
  if (d.hint) {
    const hint = document.createElement('span');
    hint.className = 'hint';
    hint.textContent = `hint: ${d.hint}`;
    p.append(hint);
  }
  return p;
}

/** Same code, path and message from two sources (validate and check) is one problem. */
function unique(diagnostics: readonly WorkbenchDiagnostic[]): WorkbenchDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const k = `${d.code}|${(d.path ?? []).join('.')}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function showMessages(form: HTMLElement, general: HTMLElement, shown: ReadonlySet<PathKey>, diagnostics: readonly WorkbenchDiagnostic[], gaps: ReadonlyMap<PathKey, string>): void {
  for (const box of form.querySelectorAll<HTMLElement>('[data-messages]')) box.replaceChildren();
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  for (const c of form.querySelectorAll('.has-gap')) c.classList.remove('has-gap');
  const placed = placeDiagnostics(unique(diagnostics), shown);
  for (const [key, list] of placed.byField) {
    const box = form.querySelector<HTMLElement>(`[data-messages="${key}"]`);
    box?.append(...list.map(diagnosticNode));
    if (list.some((d) => d.severity === 'error')) document.getElementById(fieldId(key))?.setAttribute('aria-invalid', 'true');
  }
  for (const [key, message] of gaps) {
    const target = placeDiagnostics([{ code: 'fhir/gap', severity: 'info', message, path: key.split('.') }], shown);
    const at = [...target.byField.keys()][0];
    if (at === undefined) {
      placed.general.push({ code: 'fhir/gap', severity: 'warning', message: `${key}: ${message}` });
      continue;
    }
    const box = form.querySelector<HTMLElement>(`[data-messages="${at}"]`);
    const p = diagnosticNode({ code: 'fhir/gap', severity: 'warning', message: `Not in the FHIR export: ${message}` });
    p.classList.add('gap');
    box?.append(p);
    box?.closest('.field, .group, td, .list')?.classList.add('has-gap');
  }
  general.replaceChildren(...placed.general.map(diagnosticNode));
}
