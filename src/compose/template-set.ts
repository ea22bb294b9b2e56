// Compiles the Handlebars templates of a packet (shared, then payer, then user folders; later ones override)
// in strict mode, and turns template failures into diagnostics that name the file and line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { fileStamp } from '../load/file-stamp.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { RenderError } from '../diagnostics/errors.js';
import { formatHelpers } from './helpers/format-helpers.js';
import { planHelpers } from './helpers/plan-helpers.js';

export interface TemplateSet {
  /** Template names and the file each one comes from. */
  files: Map<string, string>;
  render(name: string, context: object): string;
}

/** A helper's error may carry a `hint` saying what to do (the cross-reference helpers do). */
type Annotated = Error & { templateFile?: string; lineNumber?: number; column?: number; hint?: string };

const cache = new Map<string, TemplateSet>();

export function loadTemplateSet(dirs: readonly string[]): TemplateSet {
  const files = new Map<string, string>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.hbs')) files.set(f.slice(0, -4), path.join(dir, f));
  }
  const key = fileStamp(files.values());
  const hit = cache.get(key);
  if (hit) return hit;

  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries({ ...formatHelpers, ...planHelpers })) hb.registerHelper(name, fn);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, file] of files) {
    const source = readFileSync(file, 'utf8');
    try {
      hb.parse(source);
    } catch (err) {
      throw new RenderError([templateDiagnostic(err as Annotated, file, source)]);
    }
    const template = hb.compile(source, { strict: true, preventIndent: true });
    // Wrap each template so a failure deep inside a partial names the innermost file.
    const wrapped = ((context: unknown, options?: Handlebars.RuntimeOptions) => {
      try {
        return template(context, options);
      } catch (err) {
        const e = err as Annotated;
        if (e && typeof e === 'object' && !e.templateFile) e.templateFile = file;
        throw err;
      }
    }) as Handlebars.TemplateDelegate;
    compiled.set(name, wrapped);
    hb.registerPartial(name, wrapped);
  }
  const set: TemplateSet = {
    files,
    render(name, context) {
      const template = compiled.get(name);
      if (!template) {
        throw new RenderError([{ code: 'compose/missing-template', severity: 'error', message: `There is no template "${name}" in ${dirs.join(', ')}.`, hint: `Add ${name}.hbs to one of those folders.` }]);
      }
      try {
        return template(context);
      } catch (err) {
        if (err instanceof RenderError) throw err;
        const e = err as Annotated;
        const file = e.templateFile ?? files.get(name)!;
        throw new RenderError([templateDiagnostic(e, file, readFileSync(file, 'utf8'))]);
      }
    },
  };
  cache.set(key, set);
  return set;
}

function templateDiagnostic(e: Annotated, file: string, source: string): Diagnostic {
  const shown = path.relative(process.cwd(), file) || file;
  const line = e.lineNumber;
  const column = e.column;
  const place = { file: shown, ...(line !== undefined ? { line, ...(column !== undefined ? { column: column + 1 } : {}) } : {}) };
  const message = (e.message ?? String(e)).split('\n')[0]!.replace(/ - \d+:\d+$/, '');
  const missing = /^"(.+)" not defined in/.exec(message);
  if (missing) {
    const expr = line !== undefined && column !== undefined ? expressionAt(source, line, column) : undefined;
    return {
      code: 'compose/missing-field',
      severity: 'error',
      place,
      message: `The template ${shown}${line !== undefined ? ` (line ${line})` : ''} prints ${expr ?? `"${missing[1]}"`}, but the data has no field "${missing[1]}".`,
      hint: 'Add the field to the case, fix the name in the template, or wrap it in {{#if …}} when it is optional.',
    };
  }
  const partial = /^The partial (.+) could not be found/.exec(message);
  if (partial) {
    return { code: 'compose/missing-partial', severity: 'error', place, message: `The template ${shown} includes the partial "${partial[1]}", which does not exist.`, hint: `Add ${partial[1]}.hbs to the shared templates, the payer's folder or your --templates folder.` };
  }
  if (e instanceof TypeError) {
    return { code: 'compose/missing-field', severity: 'error', place, message: `The template ${shown} reads a field inside a group the case does not have (${message}).`, hint: 'Guard the group first, e.g. {{#if clinical}}{{#if clinical.performance}}…{{/if}}{{/if}}.' };
  }
  return { code: 'compose/template-error', severity: 'error', place, message: `The template ${shown} failed: ${message}`, hint: e.hint ?? 'Check the Handlebars syntax at this line.' };
}

/** The `{{ … }}` expression that starts at a 0-based column of a 1-based line. */
function expressionAt(source: string, line: number, column: number): string | undefined {
  const text = source.split('\n')[line - 1] ?? '';
  const start = text.lastIndexOf('{{', column + 2);
  if (start < 0) return undefined;
  const end = text.indexOf('}}', start);
  return end > start ? text.slice(start, end + 2) : undefined;
}
