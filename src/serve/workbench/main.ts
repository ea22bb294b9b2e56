// The workbench page: the case form, live validation, the preflight verdict and the live packet preview, wired
// to the server's /v1 API. State is one case object; every control reads and writes it by field path.
import { ApiFailure, api, token, type Packet } from './api-client.js';
import { caseFileName, caseFileText, parseCaseFile } from './case-files.js';
import { getAt, parsePathKey, setAt, tidyCase, valueFromInput, type PathKey } from './case-value.js';
import { buildForm, type SectionSpec } from './form-spec.js';
import { latestOnly } from './latest-only.js';
import { pageShowing, partPages } from './page-for-field.js';
import { gapKey, type WorkbenchDiagnostic } from './place-diagnostics.js';
import { PacketPreview, openPacket, pageText } from './preview.js';
import { fieldId, renderForm, type FormHandlers } from './render-form.js';
import { renderVerdict } from './render-verdict.js';
import { showMessages } from './show-messages.js';
import { attachDropZone, attachmentStatus } from './attachment-files.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const form = $<HTMLFormElement>('case-form');
const status = $('status');
const general = $('general-problems');
const previewBox = $('preview');
const previewStatus = $('preview-status');
const download = $<HTMLButtonElement>('download');
const preview = new PacketPreview($('preview-page'));

let sections: SectionSpec[] = [];
let value: Record<string, unknown> = { version: 1 };
let shown = new Set<PathKey>();
let validateDiagnostics: WorkbenchDiagnostic[] = [];
let checkDiagnostics: WorkbenchDiagnostic[] = [];
const gaps = new Map<PathKey, string>();
const files = new Map<string, File>();
let editedKey: PathKey = '';
let editedText = '';
let packet: Packet | undefined;
/** The revision whose packet the preview shows: an older answer arriving later is dropped. */
let shownRevision = 0;

const say = (text: string, error = false) => {
  status.textContent = text;
  status.classList.toggle('error', error);
};

function reportFailure(err: unknown): void {
  if (err instanceof ApiFailure && err.error.status === 401) {
    $('token-form').hidden = false;
    say('The server asks for its access token: enter it above.', true);
    return;
  }
  say(err instanceof Error ? err.message : String(err), true);
}

/** The case as the server gets it. */
const current = () => tidyCase(value) as Record<string, unknown>;
/** Only the dropped files the case lists (the server refuses a file the case does not name). */
function listedFiles(): Map<string, File> {
  const names = new Set(((value.attachments as { file?: unknown }[] | undefined) ?? []).map((a) => a?.file));
  return new Map([...files].filter(([name]) => names.has(name)));
}

function refreshMessages(): void {
  showMessages(form, general, shown, [...validateDiagnostics, ...checkDiagnostics], gaps);
  attachmentStatus(form, value, files);
}

const validator = latestOnly(async (signal, rev) => {
  const v = await api.validate(current(), signal);
  if (rev !== validator.revision) return;
  validateDiagnostics = v.diagnostics;
  refreshMessages();
  form.dataset.validated = String(rev);
}, { delayMs: 120, onError: reportFailure });

const checker = latestOnly(async (signal, rev) => {
  const v = await api.check(current(), signal);
  if (rev !== checker.revision) return;
  checkDiagnostics = v.diagnostics.filter((d) => d.code.startsWith('preflight/') || d.code.startsWith('coverage/'));
  renderVerdict($('verdict'), v);
  refreshMessages();
  $('verdict').dataset.checked = String(rev);
}, { delayMs: 250, onError: reportFailure });

/** A render overtaken by a newer one while it was being drawn. */
class Stale extends Error {}

const previewer = latestOnly(async (signal, rev) => {
  const t0 = performance.now();
  let timing: number[] = [];
  let next: Packet;
  try {
    next = await api.packet(current(), listedFiles(), true, signal);
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.error.status !== 422 || signal.aborted) throw err;
    if (rev < shownRevision) return;
    previewBox.classList.add('stale');
    previewBox.dataset.revision = String(rev);
    const problems = err.error.diagnostics.filter((d) => d.severity === 'error').length || 1;
    previewStatus.textContent = `The packet cannot be made yet: ${problems} problem${problems === 1 ? '' : 's'} to fix in the form.${packet ? ' The preview shows the last packet made.' : ''}`;
    return;
  }
  if (signal.aborted || rev < shownRevision) return;
  const t1 = performance.now();
  const view = await openPacket(next.bytes);
  const stale = () => signal.aborted || rev < shownRevision;
  try {
    const t2 = performance.now();
    const range = partPages(parsePathKey(editedKey), next.parts) ?? { first: 1, last: next.pages };
    // A part of one page needs no search; a longer one is searched in parallel (pdf.js extracts in its worker).
    const texts = new Map<number, string>();
    if (range.last > range.first) {
      const pages = Array.from({ length: Math.min(12, range.last - range.first + 1) }, (_, i) => range.first + i);
      const found = await Promise.all(pages.map((p) => pageText(view, p)));
      pages.forEach((p, i) => texts.set(p, found[i]!));
    }
    if (stale()) throw new Stale();
    const t3 = performance.now();
    const drawn = await preview.draw(view, pageShowing(editedText, range, (p) => texts.get(p) ?? ''));
    if (stale()) throw new Stale();
    preview.present(view, drawn);
    timing = [t0, t1 - t0, t2 - t1, t3 - t2, performance.now() - t3];
  } catch (err) {
    void view.doc.destroy();
    if (err instanceof Stale) return;
    throw err;
  }
  shownRevision = rev;
  packet = next;
  previewBox.classList.remove('stale');
  previewBox.dataset.revision = String(rev);
  previewBox.dataset.shownAt = String(performance.now());
  // Where the time went (server, pdf.js parse, page search, drawing), for the browser test's timing report.
  previewBox.dataset.timing = timing.map(Math.round).join(' ');
  previewBox.dataset.page = String(preview.page);
  showPageStatus();
}, { delayMs: 15, onError: reportFailure, mode: 'overlap', maxInFlight: 2 });

function showPageStatus(): void {
  if (!packet) return;
  const part = packet.parts.find((p) => preview.page >= p.first && preview.page <= p.last);
  previewStatus.textContent = `Page ${preview.page} of ${packet.pages}${part?.title ? ` · ${part.title}` : ''}${packet.draft ? ' · DRAFT (preflight errors remain)' : ''}`;
  download.disabled = false;
  download.textContent = packet.draft ? 'Download DRAFT packet' : 'Download packet';
}

/** Every edit: the three runs are asked for; the form carries the edit's time and revision (the browser test reads them). */
function edited(): void {
  form.dataset.lastInputAt = String(performance.now());
  validator.request();
  checker.request();
  previewer.request();
  form.dataset.revision = String(previewer.revision);
}

const handlers: FormHandlers = {
  addRow(key) {
    const list = (getAt(value, parsePathKey(key)) as unknown[] | undefined) ?? [];
    setAt(value, parsePathKey(key), [...list, {}]);
    rebuild(`${key}.${list.length}`);
    edited();
  },
  removeRow(key, index) {
    const list = [...((getAt(value, parsePathKey(key)) as unknown[] | undefined) ?? [])];
    list.splice(index, 1);
    setAt(value, parsePathKey(key), list);
    rebuild(key);
    edited();
  },
  setRecord(key, record) {
    setAt(value, [key], record);
    edited();
  },
  rerender() {
    rebuild();
  },
};

/** Rebuilds the form from the case; focus goes to the first control at or under `focusKey` (a new row). */
function rebuild(focusKey?: PathKey): void {
  const active = document.activeElement?.id;
  const built = renderForm(sections, value, handlers);
  shown = built.shown;
  form.replaceChildren(...built.nodes);
  attachDropZone(form, (added) => addFiles(added));
  // The payer profile id is text in the case format; the profiles the server knows are offered as suggestions.
  document.getElementById(fieldId('payer'))?.setAttribute('list', 'payer-ids');
  refreshMessages();
  const target = focusKey ? form.querySelector<HTMLElement>(`[data-key^="${focusKey}"], [data-list="${focusKey}"]`) : active ? document.getElementById(active) : null;
  target?.focus();
}

function addFiles(added: File[]): void {
  const list = [...((value.attachments as Record<string, unknown>[] | undefined) ?? [])];
  for (const f of added) {
    files.set(f.name, f);
    if (!list.some((a) => a?.file === f.name)) list.push({ file: f.name, kind: 'other', title: f.name.replace(/\.[^.]+$/, '') });
  }
  value.attachments = list;
  rebuild();
  say(`Attached ${added.map((f) => f.name).join(', ')}.`);
  edited();
}

/** Replaces the case being edited (a starter, an opened file, a FHIR import). */
function load(next: Record<string, unknown>, note: string, importGaps: readonly { path: unknown; message: string }[] = []): void {
  value = next;
  gaps.clear();
  for (const g of importGaps) gaps.set(gapKey(g.path), g.message);
  validateDiagnostics = [];
  checkDiagnostics = [];
  packet = undefined;
  preview.clear();
  // Renders still running for the case being replaced must not show its packet beside this one.
  shownRevision = previewer.revision + 1;
  previewStatus.textContent = 'No packet yet.';
  download.disabled = true;
  editedKey = '';
  editedText = '';
  rebuild();
  say(note);
  validator.now();
  checker.now();
  previewer.now();
  form.dataset.revision = String(previewer.revision);
}

form.addEventListener('input', (e) => {
  const target = e.target as HTMLInputElement;
  const key = target.dataset.key;
  const kind = target.dataset.kind;
  if (!key || !kind) return;
  setAt(value, parsePathKey(key), valueFromInput(kind, target.value));
  gaps.delete(key);
  editedKey = key;
  editedText = target.value;
  if (key.startsWith('attachments.')) attachmentStatus(form, value, files);
  edited();
});
form.addEventListener('submit', (e) => e.preventDefault());

function save(format: 'yaml' | 'json'): void {
  const text = caseFileText(current(), format);
  offer(new Blob([text], { type: format === 'json' ? 'application/json' : 'application/yaml' }), caseFileName(value, format === 'json' ? 'json' : 'yaml'));
}

function offer(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

$('save-yaml').addEventListener('click', () => save('yaml'));
$('save-json').addEventListener('click', () => save('json'));
download.addEventListener('click', () => {
  if (packet) offer(new Blob([packet.bytes as BlobPart], { type: 'application/pdf' }), caseFileName(value, packet.draft ? 'DRAFT.pdf' : 'pdf'));
});
$('prev-page').addEventListener('click', () => void preview.turnTo(preview.page - 1).then(showPageStatus));
$('next-page').addEventListener('click', () => void preview.turnTo(preview.page + 1).then(showPageStatus));
$('starter').addEventListener('change', (e) => {
  const kind = (e.target as HTMLSelectElement).value;
  (e.target as HTMLSelectElement).value = '';
  if (kind === 'empty') load({ version: 1 }, 'Started an empty case.');
  else if (kind) api.starter(kind).then((c) => load(c, `Started from the ${kind} starter case.`), reportFailure);
});
/** A file picker's chosen file, handed to `open` (the picker is cleared, so the same file can be chosen again). */
const onFilePicked = (id: string, open: (file: File) => Promise<void>, failed: (err: unknown) => void) =>
  $(id).addEventListener('change', async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) await open(file).catch(failed);
  });
onFilePicked(
  'open-file',
  async (file) => load(parseCaseFile(file.name, await file.text()), `Opened ${file.name}. Attachment files are not opened with it: drop them on the attachments box.`),
  (err) => say(err instanceof Error ? err.message : String(err), true),
);
onFilePicked(
  'open-fhir',
  async (file) => {
    const result = await api.importFhir(await file.text(), /\.ndjson$/i.test(file.name));
    load(result.case, `Imported ${file.name}: ${result.gaps.length} field(s) the export does not give are marked.`, result.gaps);
  },
  reportFailure,
);
$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  token.set(($('token-input') as HTMLInputElement).value.trim());
  $('token-form').hidden = true;
  void start();
});

async function start(): Promise<void> {
  try {
    sections = buildForm(await api.schema());
    const payers = await api.payers();
    $('payer-ids').replaceChildren(...payers.map((p) => Object.assign(document.createElement('option'), { value: p.id, label: p.displayName })));
    load(value, 'Fill in the case, or start from a starter case, a case file or a FHIR export.');
  } catch (err) {
    reportFailure(err);
  }
}
void start();
