// The workbench end to end in headless Chromium (Debian's chromium, driven by playwright-core): a case filled from
// an empty form, a field error appearing and going away, the criteria verdict, the live preview of the page being
// edited (time from the last keystroke measured), the packet downloaded and its text checked, a case saved and
// opened again, a FHIR export imported with its gaps marked, attachments dropped, keyboard use and a narrow window.
// Screenshots of each state go to screenshots/workbench/ (or $AUTHPACK_SCREENSHOTS) for a person to look at.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractText } from '../support/extract-text.js';
import { makeTempDir } from '../support/temp.js';
import { startServe, type ServeProcess } from './workbench/serve-process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.AUTHPACK_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.AUTHPACK_SCREENSHOTS ?? path.join(ROOT, 'screenshots', 'workbench');

let server: ServeProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let downloads: string;
const pageErrors: string[] = [];

const field = (key: string) => page.locator(`#f-${key.replace(/\./g, '-')}`);
const messagesOf = (key: string) => page.locator(`[data-messages="${key}"]`);
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });

/** Waits until the validation, the verdict and the preview have caught up with the last edit. */
async function settled(): Promise<void> {
  await page.waitForFunction(() => {
    const form = document.getElementById('case-form')!;
    const rev = form.dataset.revision;
    return rev !== undefined && document.getElementById('preview')!.dataset.revision === rev && document.getElementById('verdict')!.dataset.checked !== undefined && form.dataset.validated !== undefined;
  }, undefined, { timeout: 20_000 });
  // The validation and the verdict were asked for after the preview: let their answers land too.
  await page.waitForFunction(() => {
    const form = document.getElementById('case-form')!;
    return form.dataset.validated === form.dataset.revision;
  }, undefined, { timeout: 20_000 });
  await page.waitForTimeout(300);
}

async function fill(key: string, value: string): Promise<void> {
  const control = field(key);
  const tag = await control.evaluate((e) => e.tagName);
  if (tag === 'SELECT') await control.selectOption(value);
  else await control.fill(value);
}

async function addRow(list: string): Promise<void> {
  await page.locator(`button[data-list="${list}"]`).click();
}

async function saveDownload(trigger: () => Promise<void>): Promise<{ name: string; file: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), file };
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'workbench', 'index.html'))) throw new Error('dist/workbench is not built: run `npm run build` first.');
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium package (.ci/run does) or set AUTHPACK_CHROMIUM.`);
  mkdirSync(SHOTS, { recursive: true });
  downloads = makeTempDir('workbench-downloads');
  server = await startServe(['--date', '2026-11-20']);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/`);
  await page.locator('#f-caseId').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('workbench in Chromium', () => {
  it('opens on an empty form with a label on every field', async () => {
    await settled();
    await shot('01-empty');
    expect(await field('caseId').inputValue()).toBe('');
    const unlabelled = await page.$$eval('#case-form input, #case-form select, #case-form textarea', (els) =>
      els.filter((e) => !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label')).map((e) => e.id),
    );
    expect(unlabelled).toEqual([]);
    // The empty case's problems are shown by field, as the CLI words them.
    await expect.poll(() => messagesOf('caseId').innerText()).toMatch(/case ID/i);
    expect(await page.locator('#verdict').innerText()).toMatch(/appears once the case is valid/);
    // The payer profiles the server knows are offered for the payer field.
    expect(await field('payer').getAttribute('list')).toBe('payer-ids');
    expect(await page.locator('#payer-ids option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toContain('aetna-cpb-0827');
  });

  it('fills a case from empty, showing a field error that appears and goes away', async () => {
    const values: [string, string][] = [
      ['caseId', 'WB-0001'],
      ['payer', 'aetna-cpb-0827'],
      ['request.kind', 'initial'],
      ['request.requestedStart', '2026-11-30'],
      ['request.requestedMonths', '3'],
      ['patient.firstName', 'Marta'],
      ['patient.lastName', 'Øvrebø'],
      ['patient.dateOfBirth', '1958-02-11'],
      ['patient.sex', 'female'],
      ['patient.memberId', 'W900100200'],
      ['coverage.lineOfBusiness', 'commercial'],
      ['coverage.payerFax', '+1 555 010 0900'],
      ['prescriber.name', 'Ada Whitfield'],
      ['prescriber.credentials', 'MD'],
      ['prescriber.phone', '+1 555 010 0200'],
      ['clinical.histology', 'Glioblastoma, IDH-wildtype, CNS WHO grade 4'],
      ['clinical.supratentorial', 'yes'],
      ['clinical.diseaseStatus', 'newly-diagnosed'],
      ['necessity.summary', 'Tumor treating fields are requested with adjuvant temozolomide.'],
      ['necessity.rationale', 'Each criterion for newly diagnosed glioblastoma is met.'],
      ['signature.signer', 'Ada Whitfield, MD'],
      ['signature.date', '2026-11-19'],
      ['signature.method', 'electronic'],
    ];
    for (const [key, value] of values) await fill(key, value);
    await addRow('diagnoses');
    await fill('diagnoses.0.code', 'C71.1');
    await addRow('items');
    await fill('items.0.hcpcs', 'E0766');
    await fill('items.0.description', 'Tumor treating fields delivery system');
    await addRow('priorTherapies');
    for (const [key, value] of [['name', 'Radiotherapy 60 Gy with concurrent temozolomide'], ['category', 'chemoradiation'], ['start', '2026-06-01'], ['end', '2026-07-10'], ['outcome', 'Completed as planned.'], ['stoppedBecause', 'completed']] as const) {
      await fill(`priorTherapies.0.${key}`, value);
    }

    // A mistyped NPI: the CLI's message and hint appear beside the field, and go once it is corrected.
    await field('prescriber.npi').fill('1234567890');
    await expect.poll(() => messagesOf('prescriber.npi').innerText(), { timeout: 10_000 }).toMatch(/NPI check digit/);
    expect(await messagesOf('prescriber.npi').innerText()).toMatch(/hint: /);
    expect(await field('prescriber.npi').getAttribute('aria-invalid')).toBe('true');
    await field('prescriber.npi').scrollIntoViewIfNeeded();
    await shot('02-field-error');
    await field('prescriber.npi').fill('1234567893');
    await expect.poll(() => messagesOf('prescriber.npi').innerText(), { timeout: 10_000 }).toBe('');
    expect(await field('prescriber.npi').getAttribute('aria-invalid')).toBeNull();

    await settled();
    // The case is valid (what is left are preflight findings, shown in the verdict and by their fields).
    const errors = await page.locator('#case-form .diag.error[data-code^="validate/"]').allInnerTexts();
    expect(errors).toEqual([]);
  });

  it('shows the payer criteria verdict: each criterion met, not met or not shown, with the decision timeframe', async () => {
    await expect.poll(() => page.locator('#verdict .criterion').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const statuses = await page.locator('#verdict .criterion').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status));
    expect(statuses.every((s) => ['met', 'not-met', 'not-shown'].includes(s!))).toBe(true);
    expect(statuses).toContain('met');
    expect(await page.locator('#verdict').innerText()).toMatch(/Decision timeframe/);
    expect(await page.locator('#verdict').innerText()).toMatch(/aetna-cpb-0827/);
    await page.locator('#f-necessity-summary').scrollIntoViewIfNeeded();
    await shot('03-verdict-and-preview');
  });

  it('previews the page being edited within 300 ms of the last keystroke, without blocking typing', async () => {
    const summary = field('necessity.summary');
    const latencies: number[] = [];
    const timings: Record<string, number>[] = [];
    // Main-thread tasks over 50 ms while typing and previewing (what could delay a keystroke), for the report.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => Math.round(e.duration)))).observe({ type: 'longtask' });
    });
    for (const words of [' The patient is fully independent.', ' She lives with her daughter.', ' She walks unaided.', ' She drives.', ' MRI shows no progression.']) {
      await summary.click();
      await page.keyboard.press('Control+End');
      // A fast typist's pace: about 100 words a minute.
      await page.keyboard.type(words, { delay: 110 });
      await page.waitForFunction(() => document.getElementById('preview')!.dataset.revision === document.getElementById('case-form')!.dataset.revision, undefined, { timeout: 10_000 });
      latencies.push(await page.evaluate(() => Number(document.getElementById('preview')!.dataset.shownAt) - Number(document.getElementById('case-form')!.dataset.lastInputAt)));
      timings.push(await page.evaluate(() => { const t = document.getElementById('preview')!.dataset.timing!.split(' ').map(Number); return { sentAfterKeyMs: Math.round(t[0]! - Number(document.getElementById('case-form')!.dataset.lastInputAt)), serverMs: t[1]!, parseMs: t[2]!, findPageMs: t[3]!, drawMs: t[4]! }; }));
    }
    // Every character typed arrived: typing was never blocked or lost while packets rendered.
    expect(await summary.inputValue()).toMatch(/adjuvant temozolomide\. The patient is fully independent\. She lives with her daughter\. She walks unaided\. She drives\. MRI shows no progression\.$/);
    // The preview shows the letter, the part that prints the summary.
    expect(await page.locator('#preview-status').innerText()).toMatch(/Letter of medical necessity/);
    // The goal (300 ms) is for this machine as the coordinator has it; on a machine other programs keep busy (a
    // shared CI runner, parallel test suites) the render waits for the CPU, so there the test asks only that the
    // preview stays interactive (under a second) and records the load with the figures.
    const load = os.loadavg()[0]! / os.availableParallelism();
    const median = [...latencies].sort((a, b) => a - b)[2]!;
    writeFileSync(path.join(SHOTS, 'preview-latency.json'), JSON.stringify({ medianMs: Math.round(median), latenciesMs: latencies.map(Math.round), loadPerCore: Number(load.toFixed(2)), timings, longTasksMs: await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks) }, null, 2) + '\n');
    await shot('04-preview-follows-edit');
    expect(median).toBeLessThan(load < 1 ? 300 : 1000);
  });

  it('downloads the packet, whose text carries the case as typed', async () => {
    await settled();
    const { name, file } = await saveDownload(() => page.locator('#download').click());
    expect(name).toMatch(/^WB-0001(\.DRAFT)?\.pdf$/);
    const bytes = new Uint8Array(readFileSync(file));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { pages } = await extractText(bytes);
    const all = pages.join('\n');
    expect(all).toMatch(/Marta/);
    expect(all).toMatch(/Øvrebø/);
    expect(all).toMatch(/MRI shows no progression\./);
    expect(all).toMatch(/Radiotherapy 60 Gy with concurrent temozolomide/);
    expect(pages[0]).toMatch(new RegExp(`Page 1 of ${pages.length}`));
  });

  it('adds attachments by drag and drop and sends them with the case', async () => {
    const pdf = readFileSync(path.join(ROOT, 'samples', 'attachments', 'pathology-report-2026-05-08.pdf'));
    await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'pathology-report.pdf', { type: 'application/pdf' }));
      const zone = document.getElementById('dropzone')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, pdf.toString('base64'));
    expect(await field('attachments.0.file').inputValue()).toBe('pathology-report.pdf');
    expect(await page.locator('.attach-status.here').count()).toBe(1);
    await fill('attachments.0.kind', 'pathology');
    await fill('attachments.0.title', 'Surgical pathology report');
    await settled();
    await field('attachments.0.title').scrollIntoViewIfNeeded();
    await shot('05-attachment-dropped');
    const { file } = await saveDownload(() => page.locator('#download').click());
    const { pages } = await extractText(new Uint8Array(readFileSync(file)));
    expect(pages.join('\n')).toMatch(/Surgical pathology report/);
  });

  it('saves the case as YAML and opens the saved file again', async () => {
    const { name, file } = await saveDownload(() => page.locator('#save-yaml').click());
    expect(name).toBe('WB-0001.yaml');
    const saved = parse(readFileSync(file, 'utf8')) as Record<string, any>;
    expect(saved.patient.lastName).toBe('Øvrebø');
    expect(saved.prescriber.npi).toBe('1234567893');
    expect(saved.request.requestedMonths).toBe(3);
    const json = await saveDownload(() => page.locator('#save-json').click());
    expect(json.name).toBe('WB-0001.json');
    expect(JSON.parse(readFileSync(json.file, 'utf8'))).toEqual(saved);
    await page.selectOption('#starter', 'empty');
    await expect.poll(() => field('caseId').inputValue()).toBe('');
    await page.locator('#open-file').setInputFiles(file);
    await expect.poll(() => field('caseId').inputValue()).toBe('WB-0001');
    expect(await field('patient.lastName').inputValue()).toBe('Øvrebø');
    expect(await field('priorTherapies.0.category').inputValue()).toBe('chemoradiation');
    expect(await page.locator('#status').innerText()).toMatch(/Opened WB-0001\.yaml/);
    // The dropped file is still held by the page, so the reopened case's attachment row finds it.
    expect(await page.locator('.attach-status.here').count()).toBe(1);
    await settled();
    await shot('06-case-file-opened');
  });

  it('starts from a FHIR export: the form fills in and each gap the import reports is marked on its field', async () => {
    await page.locator('#open-fhir').setInputFiles(path.join(ROOT, 'samples', 'fhir', 'gbm-initial.json'));
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 10_000 }).toMatch(/Imported gbm-initial\.json/);
    expect(await field('patient.lastName').inputValue()).not.toBe('');
    const gaps = await page.locator('#case-form .diag.gap').count();
    const reported = Number(/(\d+) field/.exec(await page.locator('#status').innerText())?.[1]);
    expect(gaps).toBe(reported);
    expect(gaps).toBeGreaterThan(0);
    await settled();
    await page.locator('#case-form .diag.gap').first().scrollIntoViewIfNeeded();
    await shot('07-fhir-import-gaps');
  });

  it('is usable by keyboard, with a visible focus', async () => {
    // A fresh page, so the tab order is walked from its start.
    await page.reload();
    await field('caseId').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Skip to the case form/);
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    // The top bar's controls, then the form from its first field.
    expect(order.slice(0, 5)).toEqual(['starter', 'open-file', 'open-fhir', 'save-yaml', 'save-json']);
    expect(order).toContain('f-caseId');
    expect(order.indexOf('f-payer')).toBe(order.indexOf('f-caseId') + 1);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await shot('08-keyboard-focus');
  });

  it('works in a narrow window: one column, nothing wider than the window', async () => {
    await page.setViewportSize({ width: 420, height: 860 });
    await page.waitForTimeout(300);
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.win);
    await shot('09-narrow-window');
    await page.setViewportSize({ width: 1280, height: 800 });
    // No script error and no failure reported to the coordinator along the way.
    expect(pageErrors).toEqual([]);
    expect(await page.locator('#status.error').count()).toBe(0);
  });
});

describe('workbench with an access token', () => {
  it('asks for the token once, then works with it', async () => {
    const secret = 'wb-test-token-0123456789abcdef';
    const guarded = await startServe(['--date', '2026-11-20'], { AUTHPACK_TOKEN: secret });
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await tab.goto(`${guarded.url}/`);
      await tab.locator('#token-form').waitFor();
      expect(await tab.locator('#status').innerText()).toMatch(/access token/);
      await tab.locator('#token-input').fill('not-the-token-at-all-000');
      await tab.locator('#token-form button').click();
      // A wrong token is refused: the form is not built and the token is asked for again.
      await tab.locator('#token-form').waitFor();
      await expect.poll(() => tab.locator('#status').innerText()).toMatch(/access token/);
      expect(await tab.locator('#f-caseId').count()).toBe(0);
      await tab.locator('#token-input').fill(secret);
      await tab.locator('#token-form button').click();
      await tab.locator('#f-caseId').waitFor();
      await tab.locator('#starter').selectOption('device');
      await expect.poll(() => tab.locator('#f-caseId').inputValue(), { timeout: 10_000 }).not.toBe('');
      await expect.poll(() => tab.locator('#preview-status').innerText(), { timeout: 20_000 }).toMatch(/^Page \d+ of \d+/);
      await tab.screenshot({ path: path.join(SHOTS, '10-token-accepted.png') });
    } finally {
      await tab.close();
      await guarded.stop();
    }
  });
});
