// Fills a payer's AcroForm from the packet data with the map next to it, renders the values in the packet's
// Unicode font, and flattens it so the values become page content (copying pages drops live form fields anyway).
import { PDFButton, PDFCheckBox, PDFDocument, PDFDropdown, PDFOptionList, PDFRadioGroup, PDFSignature, PDFTextField, type PDFForm } from 'pdf-lib';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { RenderError } from '../diagnostics/errors.js';
import { suggestSimilar } from '../diagnostics/suggest-similar.js';
import { enumLabel, formatDate, formatLongDate, formatPhone, fullName } from '../format/format.js';
import type { FontSet } from '../fonts/font-set.js';
import { embedFonts } from '../paint/embed-fonts.js';
import { visualLine } from '../layout/bidi-lines.js';
import { breakLines } from '../layout/break-lines.js';
import type { FormFieldMap, FormMap } from './form-map.js';
import { schemaAt } from '../validate/issue-to-diagnostic.js';
import { caseSchema } from '../validate/case-schema.js';

export interface FilledForm {
  doc: PDFDocument;
  diagnostics: Diagnostic[];
}

export interface FormField {
  name: string;
  type: 'text' | 'checkbox' | 'radio' | 'dropdown' | 'option-list' | 'button' | 'signature' | 'unknown';
  options?: string[];
  value?: string;
}

/** The fields of a form, for `authpack form-fields` and for checking a map. */
export function listFormFields(form: PDFForm): FormField[] {
  return form.getFields().map((f) => {
    // instanceof, not constructor names: those do not survive minification.
    const kind: FormField['type'] =
      f instanceof PDFTextField ? 'text'
      : f instanceof PDFCheckBox ? 'checkbox'
      : f instanceof PDFRadioGroup ? 'radio'
      : f instanceof PDFDropdown ? 'dropdown'
      : f instanceof PDFOptionList ? 'option-list'
      : f instanceof PDFButton ? 'button'
      : f instanceof PDFSignature ? 'signature'
      : 'unknown';
    const out: FormField = { name: f.getName(), type: kind };
    if (f instanceof PDFRadioGroup) out.options = f.getOptions();
    if (f instanceof PDFTextField) out.value = f.getText() ?? '';
    return out;
  });
}

export async function fillForm(bytes: Uint8Array, map: FormMap, data: object, fonts: FontSet, where: { form: string; map: string }): Promise<FilledForm> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const form = doc.getForm();
  const fields = new Map(listFormFields(form).map((f) => [f.name, f]));
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const err = (message: string, hint: string) => errors.push({ code: 'assemble/form-map', severity: 'error', message, hint, place: { file: where.map } });

  for (const [name, spec] of Object.entries(map.fields)) {
    const field = fields.get(name);
    if (!field) {
      const near = suggestSimilar(name, [...fields.keys()]);
      err(`The form map names a field "${name}" that ${where.form} does not have.`, near ? `Did you mean "${near}"? (\`authpack form-fields\` lists the form's fields.)` : 'Run `authpack form-fields` on the form to list its fields.');
      continue;
    }
    const raw = spec.value !== undefined ? spec.value : spec.from ? lookup(data, spec.from) : undefined;
    if (spec.from && raw === undefined && spec.default === undefined && !pathExists(data, spec.from)) {
      err(`The form map reads "${spec.from}" for field "${name}", which is not a field of the packet data.`, 'Use a case path such as patient.memberId or items.0.hcpcs, or a derived one such as packet.patientName.');
      continue;
    }
    if (field.type === 'checkbox') {
      const on = spec.when !== undefined ? raw === spec.when : Boolean(raw);
      const box = form.getCheckBox(name);
      if (on) box.check();
      else box.uncheck();
    } else if (field.type === 'radio') {
      const option = raw === undefined ? spec.default : spec.options ? spec.options[String(raw)] : String(raw);
      if (option === undefined) continue;
      if (!field.options?.includes(option)) {
        const near = suggestSimilar(option, field.options ?? []);
        err(`Field "${name}" has no option "${option}" (options: ${field.options?.join(', ')}).`, near ? `Did you mean "${near}"?` : 'Map each case value to one of the options under `options:`.');
        continue;
      }
      form.getRadioGroup(name).select(option);
    } else if (field.type === 'text') {
      let text = formatValue(raw, spec) ?? spec.default ?? '';
      if (spec.maxLength && text.length > spec.maxLength) {
        warnings.push({ code: 'assemble/form-value-cut', severity: 'warning', message: `The value for form field "${name}" is ${text.length} characters; it was cut to ${spec.maxLength}.`, hint: 'The full text is in the letter; raise maxLength in the form map if the field has room.', place: { file: where.map } });
        text = `${text.slice(0, spec.maxLength - 1)}…`;
      }
      const textField = form.getTextField(name);
      text = fitFormValue(textField, text, fonts, (message) => warnings.push({ code: 'assemble/form-value-cut', severity: 'warning', ...(spec.from && !spec.from.startsWith('packet.') ? { path: spec.from.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) } : {}), message: `Form field "${name}"${spec.from ? ` (from ${spec.from})` : ''} ${message}`, hint: 'The full value is in the letter; a wider field in the form, or a shorter value, avoids the cut.', place: { file: where.map } }));
      // pdf-lib draws a value left to right as stored: a flattened form gets right-to-left text in visual order.
      textField.setText(map.flatten ? visualLine(text).text : text);
    } else {
      err(`Field "${name}" is a ${field.type} field, which authpack does not fill.`, 'Remove it from the form map.');
    }
  }
  if (errors.length) throw new RenderError(errors);
  const face = await embedFonts(doc, fonts)('regular');
  form.updateFieldAppearances(face.font);
  if (map.flatten) {
    form.flatten();
    // flatten() leaves the removed widgets listed in each page's /Annots; drop those dangling entries.
    for (const page of doc.getPages()) {
      const annots = page.node.Annots();
      if (!annots) continue;
      for (let i = annots.size() - 1; i >= 0; i--) if (doc.context.lookup(annots.get(i)) === undefined) annots.remove(i);
    }
  }
  // Saving writes the embedded font and appearance streams; the packet then embeds pages of a complete document.
  // (objectsPerTick: pdf-lib otherwise pauses 1 ms for every 50 objects, as in assemble-packet.ts.)
  const saved = await PDFDocument.load(await doc.save({ updateFieldAppearances: false, objectsPerTick: Infinity }), { updateMetadata: false });
  return { doc: saved, diagnostics: warnings };
}

function formatValue(raw: unknown, spec: FormFieldMap): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  switch (spec.format) {
    case 'date':
      return formatDate(raw);
    case 'longDate':
      return formatLongDate(raw);
    case 'phone':
      return formatPhone(raw);
    case 'fullName':
      return fullName(raw);
    case 'label':
      return enumLabel(raw);
    case 'upper':
      return String(raw).toUpperCase();
    case 'join':
      return Array.isArray(raw) ? raw.join(', ') : String(raw);
    default:
      return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  }
}

function lookup(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
}

/** Whether the path names a field the data can have: a field of the case format, or of the derived packet data. */
function pathExists(data: unknown, path: string): boolean {
  const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'packet' || parts[0] === 'payerProfile') {
    const parent = lookup(data, path.split('.').slice(0, -1).join('.'));
    return parent !== undefined && typeof parent === 'object';
  }
  return schemaAt(caseSchema, parts).length > 0;
}

/** Smallest size a single-line form value shrinks to before it is cut with "…". */
const FORM_FLOOR = 6;

/**
 * A single-line field draws its value at the field's font size and clips what does not fit its box: shrink the
 * size to fit (down to FORM_FLOOR), and past that cut the value visibly and say so (`warn`).
 */
function fitFormValue(field: PDFTextField, text: string, fonts: FontSet, warn: (message: string) => void): string {
  const widget = field.acroField.getWidgets()[0];
  if (text === '' || !widget) return text;
  const box = widget.getRectangle();
  const room = box.width - 4; // pdf-lib pads a value by about 2 pt a side
  const size = /(\d+(?:\.\d+)?)\s+Tf/.exec(field.acroField.getDefaultAppearance() ?? '')?.[1];
  const current = size ? Number(size) : 0;
  if (!current) return text; // size 0 is auto: pdf-lib shrinks the value itself
  if (field.isMultiline()) {
    // pdf-lib wraps only between words: wrap here (UAX #14, long words broken), and cut what the box cannot hold.
    const lines = breakLines([{ text }], room, current, fonts).map((l) => l.segments.map((s) => s.text).join(''));
    // pdf-lib's multi-line layout puts lines 1.2 font heights apart.
    const fit = Math.max(1, Math.floor((box.height - 4) / (1.2 * current * (fonts.ascent + fonts.descent))));
    if (lines.length <= fit) return lines.join('\n');
    warn(`is too long for its box on the form (${lines.length} lines, room for ${fit}); it was shortened, ending in "…".`);
    const kept = lines.slice(0, fit);
    let lastLine = kept[fit - 1]!;
    while (lastLine && fonts.width(`${lastLine}…`, 'regular', current) > room) lastLine = lastLine.slice(0, -1);
    kept[fit - 1] = `${lastLine.trimEnd()}…`;
    return kept.join('\n');
  }
  const width = fonts.width(text, 'regular', current);
  if (width <= room) return text;
  const fitted = Math.max(FORM_FLOOR, Math.floor(((current * room) / width) * 10) / 10);
  field.setFontSize(fitted);
  if (fonts.width(text, 'regular', fitted) <= room) return text;
  let out = '';
  for (const ch of text) {
    if (fonts.width(`${out}${ch}…`, 'regular', fitted) > room) break;
    out += ch;
  }
  warn(`is too long for its box on the form even at ${FORM_FLOOR} pt; it was shortened, ending in "…".`);
  return `${out.trimEnd()}…`;
}
