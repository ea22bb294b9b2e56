// Builds the case form (DOM) from the form spec and the case value: a labelled control for every field, a message
// area beside it, lists with add/remove, the prior therapies as a table. Edits go back through `onEdit`.
import { getAt, inputFromValue, parsePathKey, type PathKey } from './case-value.js';
import type { FieldSpec, GroupSpec, LeafSpec, ListSpec, RecordSpec, SectionSpec } from './form-spec.js';

export interface FormHandlers {
  /** A list row was added or removed, or a record entry changed: the form is rebuilt from the case. */
  addRow(key: PathKey): void;
  removeRow(key: PathKey, index: number): void;
  setRecord(key: PathKey, value: Record<string, string> | undefined): void;
  /** Rebuild the form from the case (after a record entry was added or removed). */
  rerender(): void;
}

/** Element ids may not hold dots in CSS selectors without escaping; keys hold only letters, digits and dots. */
export const fieldId = (key: PathKey): string => `f-${key.replace(/\./g, '-')}`;
export const messagesId = (key: PathKey): string => `m-${key.replace(/\./g, '-')}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function messages(key: PathKey): HTMLElement {
  return el('div', { class: 'messages', id: messagesId(key), 'data-messages': key, 'aria-live': 'polite' });
}

function control(spec: LeafSpec, key: PathKey, value: unknown, ariaLabel?: string): HTMLElement {
  const common: Record<string, string> = { id: fieldId(key), name: key, 'data-key': key, 'data-kind': spec.kind, 'aria-describedby': messagesId(key) };
  if (ariaLabel) common['aria-label'] = ariaLabel;
  if (spec.required) common['aria-required'] = 'true';
  const text = inputFromValue(spec.kind, value);
  if (spec.kind === 'choice' || spec.kind === 'yesno') {
    const select = el('select', common);
    const options = spec.kind === 'yesno' ? ['yes', 'no'] : (spec.options ?? []);
    select.append(el('option', { value: '' }, spec.required ? '— choose —' : '— not given —'));
    for (const o of options) select.append(el('option', { value: o }, o));
    select.value = text;
    return select;
  }
  if (spec.kind === 'longtext' || spec.kind === 'lines') {
    const area = el('textarea', { ...common, rows: spec.kind === 'lines' ? '3' : '5', ...(spec.maxLength ? { maxlength: String(spec.maxLength) } : {}) });
    area.value = text;
    return area;
  }
  const type = spec.kind === 'date' ? 'date' : 'text';
  const input = el('input', { ...common, type, ...(spec.kind === 'number' ? { inputmode: 'decimal' } : {}), ...(spec.maxLength ? { maxlength: String(spec.maxLength) } : {}) });
  input.value = text;
  return input;
}

function labelText(spec: { label: string; required: boolean }): (Node | string)[] {
  return spec.required ? [spec.label, el('span', { class: 'required', 'aria-hidden': 'true' }, ' *')] : [spec.label];
}

function leaf(spec: LeafSpec, key: PathKey, root: unknown): HTMLElement {
  const box = el('div', { class: `field field-${spec.kind}`, 'data-field': key });
  box.append(el('label', { for: fieldId(key) }, ...labelText(spec)));
  box.append(control(spec, key, getAt(root, parsePathKey(key))));
  const help = spec.kind === 'lines' ? `${spec.help ? spec.help + ' ' : ''}One per line.` : spec.help;
  if (help) box.append(el('p', { class: 'help' }, help));
  box.append(messages(key));
  return box;
}

const join = (prefix: PathKey, key: string | number): PathKey => (prefix ? `${prefix}.${key}` : String(key));

function group(spec: GroupSpec, key: PathKey, root: unknown, h: FormHandlers, legend = spec.label): HTMLElement {
  const box = el('fieldset', { class: 'group', 'data-field': key });
  box.append(el('legend', {}, ...labelText({ label: legend, required: spec.required })));
  if (spec.help) box.append(el('p', { class: 'help' }, spec.help));
  for (const f of spec.fields) box.append(field(f, join(key, f.key), root, h));
  box.append(messages(key));
  return box;
}

function rowsOf(root: unknown, key: PathKey): unknown[] {
  const v = getAt(root, parsePathKey(key));
  return Array.isArray(v) ? v : [];
}

function addButton(spec: ListSpec, key: PathKey, h: FormHandlers): HTMLElement {
  const b = el('button', { type: 'button', class: 'add', 'data-action': 'add', 'data-list': key }, `Add to ${spec.label.toLowerCase()}`);
  b.addEventListener('click', () => h.addRow(key));
  return b;
}

function removeButton(spec: ListSpec, key: PathKey, index: number, h: FormHandlers): HTMLElement {
  const b = el('button', { type: 'button', class: 'remove', 'data-action': 'remove', 'aria-label': `Remove ${spec.label.toLowerCase()} row ${index + 1}` }, 'Remove');
  b.addEventListener('click', () => h.removeRow(key, index));
  return b;
}

function table(spec: ListSpec, key: PathKey, root: unknown, h: FormHandlers): HTMLElement {
  const box = el('div', { class: 'list table-list', 'data-field': key });
  const t = el('table', { class: 'edit-table' });
  t.append(el('caption', {}, ...labelText(spec)));
  const head = el('tr', {}, el('th', { scope: 'col' }, '#'));
  for (const f of spec.item.fields) head.append(el('th', { scope: 'col' }, ...labelText(f)));
  head.append(el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Row actions')));
  t.append(el('thead', {}, head));
  const body = el('tbody');
  rowsOf(root, key).forEach((_, i) => {
    const rowKey = join(key, i);
    const tr = el('tr', { 'data-field': rowKey }, el('th', { scope: 'row' }, String(i + 1)));
    for (const f of spec.item.fields) {
      const cellKey = join(rowKey, f.key);
      const td = el('td', { 'data-field': cellKey });
      td.append(control(f as LeafSpec, cellKey, getAt(root, parsePathKey(cellKey)), `${f.label}, row ${i + 1}`));
      td.append(messages(cellKey));
      tr.append(td);
    }
    tr.append(el('td', {}, removeButton(spec, key, i, h), messages(rowKey)));
    body.append(tr);
  });
  t.append(body);
  box.append(el('div', { class: 'table-scroll' }, t));
  if (spec.help) box.append(el('p', { class: 'help' }, spec.help));
  box.append(addButton(spec, key, h), messages(key));
  return box;
}

function list(spec: ListSpec, key: PathKey, root: unknown, h: FormHandlers): HTMLElement {
  if (spec.table && spec.item.fields.every((f) => f.type === 'leaf')) return table(spec, key, root, h);
  const box = el('fieldset', { class: 'list', 'data-field': key });
  box.append(el('legend', {}, ...labelText(spec)));
  if (spec.help) box.append(el('p', { class: 'help' }, spec.help));
  rowsOf(root, key).forEach((_, i) => {
    const g = group(spec.item, join(key, i), root, h, `${spec.label} ${i + 1}`);
    g.append(removeButton(spec, key, i, h));
    box.append(g);
  });
  box.append(addButton(spec, key, h), messages(key));
  return box;
}

/** A record (attestations) as rows of key and text; every change rebuilds the whole object. */
function record(spec: RecordSpec, key: PathKey, root: unknown, h: FormHandlers): HTMLElement {
  const box = el('fieldset', { class: 'group record', 'data-field': key });
  box.append(el('legend', {}, spec.label));
  if (spec.help) box.append(el('p', { class: 'help' }, spec.help));
  const current = getAt(root, [key]);
  const rows: [string, string][] = current && typeof current === 'object' ? Object.entries(current as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')]) : [];
  const save = () => h.setRecord(key, rows.length ? Object.fromEntries(rows.filter(([k]) => k.trim() !== '')) : undefined);
  rows.forEach((row, i) => {
    const k = el('input', { type: 'text', id: `${fieldId(key)}-k${i}`, 'aria-label': `${spec.keyLabel} ${i + 1}` });
    k.value = row[0];
    k.addEventListener('change', () => {
      row[0] = k.value.trim();
      save();
    });
    const v = el('textarea', { id: `${fieldId(key)}-v${i}`, rows: '2', 'aria-label': `${spec.valueLabel} ${i + 1}` });
    v.value = row[1];
    v.addEventListener('input', () => {
      row[1] = v.value;
      save();
    });
    const remove = el('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${spec.label.toLowerCase()} ${i + 1}` }, 'Remove');
    remove.addEventListener('click', () => {
      rows.splice(i, 1);
      save();
      h.rerender();
    });
    box.append(el('div', { class: 'record-row', 'data-field': join(key, row[0] || String(i)) }, k, v, remove));
  });
  const add = el('button', { type: 'button', class: 'add' }, `Add ${spec.label.toLowerCase()}`);
  add.addEventListener('click', () => {
    rows.push([`criterion-${rows.length + 1}`, '']);
    save();
    h.rerender();
  });
  box.append(add, messages(key));
  return box;
}

function field(spec: FieldSpec, key: PathKey, root: unknown, h: FormHandlers): HTMLElement {
  switch (spec.type) {
    case 'leaf':
      return leaf(spec, key, root);
    case 'group':
      return group(spec, key, root, h);
    case 'list':
      return list(spec, key, root, h);
    case 'record':
      return record(spec, key, root, h);
  }
}

/** The whole form; `shown` receives the key of every field, group and list, for placing diagnostics. */
export function renderForm(sections: readonly SectionSpec[], root: unknown, h: FormHandlers): { nodes: HTMLElement[]; shown: Set<PathKey> } {
  const nodes = sections.map((s) => {
    const sec = el('section', { class: 'form-section', id: `s-${s.id}`, 'aria-labelledby': `h-${s.id}` });
    sec.append(el('h2', { id: `h-${s.id}` }, s.title));
    for (const f of s.fields) sec.append(field(f, f.key, root, h));
    return sec;
  });
  const shown = new Set<PathKey>();
  for (const n of nodes) for (const m of n.querySelectorAll<HTMLElement>('[data-messages]')) shown.add(m.dataset.messages!);
  return { nodes, shown };
}
