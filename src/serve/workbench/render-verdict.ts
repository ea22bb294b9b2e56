// The preflight verdict beside the form: each payer criterion met / not met / not shown with its evidence, the
// suggested modifiers and the decision timeframe, as `authpack check` reports them.
import type { CheckVerdict } from './api-client.js';

const MARK = { met: '✓ met', 'not-met': '✗ not met', 'not-shown': '? not shown' } as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  node.append(...children);
  return node;
}

export function renderVerdict(host: HTMLElement, v: CheckVerdict): void {
  const out: HTMLElement[] = [];
  if (!v.payer) {
    // The case did not validate, so no payer profile was applied: there is no verdict yet, only the form's errors.
    host.replaceChildren(el('p', 'help', 'The verdict appears once the case is valid: fix the errors shown in the form.'));
    return;
  }
  const errors = v.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = v.diagnostics.filter((d) => d.severity === 'warning').length;
  out.push(el('p', `verdict-summary ${v.ok ? 'ok' : 'blocked'}`, v.ok ? `Ready to submit (${warnings} warning${warnings === 1 ? '' : 's'}).` : `Not ready: ${errors} error${errors === 1 ? '' : 's'} to fix, ${warnings} warning${warnings === 1 ? '' : 's'}.`));
  const policy = v.payer.policy ? ` · policy ${v.payer.policy.number} "${v.payer.policy.title}"` : '';
  out.push(el('p', 'verdict-payer', `Payer profile ${v.payer.id} (${v.payer.displayName})${policy}`));
  if (v.payer.applies === false) out.push(el('p', 'help', `Criteria not applied: no item of this case is in the profile's scope${v.payer.scope ? ` (${v.payer.scope})` : ''}.`));
  if (v.criteria.length) {
    const list = el('ul', 'criteria');
    for (const c of v.criteria) {
      const li = el('li', `criterion ${c.status}`, el('span', 'status', MARK[c.status] ?? c.status), ' ', el('strong', undefined, c.id));
      li.dataset.criterion = c.id;
      li.dataset.status = c.status;
      if (c.title) li.append(el('div', 'criterion-title', c.title));
      if (c.evidence) li.append(el('div', 'evidence', `Evidence: ${c.evidence}`));
      if (c.note) li.append(el('div', 'help', c.note));
      if (c.caveat) li.append(el('div', 'help', `Check: ${c.caveat}`));
      list.append(li);
    }
    out.push(el('h3', undefined, 'Payer criteria'), list);
  } else out.push(el('p', 'help', 'No payer criteria in this profile for this request.'));
  if (v.modifiers.length) {
    const list = el('ul', 'modifiers');
    for (const m of v.modifiers) list.append(el('li', undefined, `${m.code}: suggested ${m.suggested.join(', ') || 'none'}; listed ${m.listed.join(', ') || 'none'}${m.reason ? ` (${m.reason})` : ''}`));
    out.push(el('h3', undefined, 'Suggested modifiers'), list);
  }
  if (v.timeframe?.length) {
    const list = el('ul', 'timeframe');
    for (const t of v.timeframe) list.append(el('li', undefined, t.message, ...(t.hint ? [el('div', 'help', t.hint)] : [])));
    out.push(el('h3', undefined, 'Decision timeframe'), list);
  }
  host.replaceChildren(...out);
}
