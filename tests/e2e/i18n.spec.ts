/**
 * The UI in the browser's language (issue #16): Chromium started with `--lang` and LANGUAGE (as on a
 * Linux desktop set to German or Japanese) shows the extension's own translation, without clipped or
 * overflowing text on the popup's main screens; the passphrase strength dictionaries (zxcvbn-ts) are
 * not part of the popup's first paint nor of the content script, and load when a passphrase is typed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForControl } from './support/ax';
import { EXTENSION_DIR, launchWithExtension } from './support/browser';

type Messages = Record<string, { message: string }>;
const messages = (locale: string): Messages => JSON.parse(readFileSync(new URL(`../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8')) as Messages;
const text = (catalogue: Messages, key: string): string => {
  const found = catalogue[key];
  if (!found) throw new Error(`no message ${key}`);
  return found.message;
};

/** Chunks of the build that are zxcvbn-ts (its core, keyboard graphs, word lists), by what only they contain. */
function zxcvbnChunks(): Set<string> {
  const dir = join(EXTENSION_DIR, 'chunks');
  return new Set(readdirSync(dir).filter((name) => /l33tMaxSubstitutions|passwords-common|commonWords|firstnames/.test(readFileSync(join(dir, name), 'utf8'))));
}

/** A script and everything it imports statically: what runs before anything dynamic is fetched. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const match of readFileSync(file, 'utf8').matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
    staticClosure(join(file, '..', match[1]!), seen);
  }
  return seen;
}

/** Names of the files a page fetches, as it fetches them. */
function recordFetches(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => names.push(request.url().split('/').pop() ?? ''));
  return names;
}

/** Visible text boxes whose content is wider than the box (clipped, cut by an ellipsis, or spilling out). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const body = document.body;
    if (body.scrollWidth > body.clientWidth + 1) {
      // Name the innermost elements that stick out on the right, so the failure says what to fix.
      const out = [...body.querySelectorAll<HTMLElement>('*')].filter((element) => element.getBoundingClientRect().right > body.clientWidth + 1);
      const innermost = out.filter((element) => !out.some((other) => other !== element && element.contains(other)));
      found.push(`the page scrolls sideways (${body.scrollWidth} > ${body.clientWidth}): ${innermost.map((element) => `${element.tagName.toLowerCase()}.${element.className} "${element.textContent?.trim().slice(0, 40)}"`).join(', ')}`);
    }
    for (const element of document.querySelectorAll<HTMLElement>('header, button, label, h1, h2, h3, legend, summary, a, p, select, [role=status], [role=alert], .strength')) {
      if (element.getClientRects().length === 0 || element.clientWidth === 0) continue;
      if (element.scrollWidth > element.clientWidth + 1) found.push(`${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 60)}" (${element.scrollWidth} > ${element.clientWidth})`);
    }
    return found;
  });
}

const DEMO = [
  'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://hotp/Bank:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Bank&counter=3',
  'otpauth://totp/Steam:alice?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF&issuer=Steam&encoder=steam',
];

/** First run, the list with accounts, the add form, an account's details and the unlock form, in `locale`; checks each for overflow. */
async function walkPopup(locale: string, server: { port: number }, checkStrength?: (page: Page, m: Messages, fetched: string[]) => Promise<void>): Promise<void> {
  const m = messages(locale);
  const browser = await launchWithExtension({ serverPort: server.port, locale });
  try {
    const page = await browser.context.newPage();
    const fetched = recordFetches(page);
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const screens: Record<string, string[]> = {};

    await expect(page.getByRole('heading', { name: text(m, 'setup_title') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', text(m, 'locale_code'));
    screens['first run'] = await overflowing(page);
    if (checkStrength) await checkStrength(page, m, fetched);

    const passphrase = 'ein langer Satz aus vielen Wörtern';
    await page.getByLabel(text(m, 'setup_passphrase'), { exact: true }).fill(passphrase);
    await page.getByLabel(text(m, 'setup_confirm')).fill(passphrase);
    await page.getByRole('button', { name: text(m, 'setup_create') }).click();
    await expect(page.getByRole('heading', { name: text(m, 'accounts_title'), exact: true })).toBeVisible({ timeout: 30_000 });

    for (const [index, uri] of DEMO.entries()) {
      const form = page.getByRole('form', { name: text(m, 'add_title') });
      if (index > 0) await page.getByRole('button', { name: text(m, 'add_open') }).first().click();
      await form.getByRole('radio', { name: text(m, 'add_mode_uri') }).check();
      await form.getByLabel(text(m, 'add_uri'), { exact: true }).fill(uri);
      if (index === 0) screens['add form'] = await overflowing(page);
      await form.getByRole('button', { name: text(m, 'add_button'), exact: true }).click();
      await expect(form).toHaveCount(0);
    }
    await expect(page.getByRole('listitem')).toHaveCount(DEMO.length);
    screens['accounts'] = await overflowing(page);

    const github = page.getByRole('listitem').filter({ hasText: 'GitHub' });
    await github.getByRole('button', { name: text(m, 'menu_label').replace('$1', 'GitHub') }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    screens['row menu'] = await overflowing(page);
    await page.getByRole('menuitem', { name: text(m, 'menu_edit') }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    screens['edit dialog'] = await overflowing(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByRole('button', { name: text(m, 'lock') }).click();
    await expect(page.getByRole('heading', { name: text(m, 'unlock_title') })).toBeVisible();
    screens['unlock'] = await overflowing(page);

    expect(screens).toEqual({ 'first run': [], 'add form': [], accounts: [], 'row menu': [], 'edit dialog': [], unlock: [] });
  } finally {
    await browser.dispose();
  }
}

test.describe('the UI in the browser language', () => {
  test('German: the popup is in German, the German word lists rate the passphrase, nothing overflows', async ({ server }) => {
    const zxcvbn = zxcvbnChunks();
    expect(zxcvbn.size).toBeGreaterThanOrEqual(4); // core, common, English, German at least
    await walkPopup('de', server, async (page, m, fetched) => {
      // First paint: the popup's own chunks, no zxcvbn-ts one.
      expect(fetched.filter((name) => name.startsWith('popup-'))).toHaveLength(1);
      expect(fetched.filter((name) => zxcvbn.has(name))).toEqual([]);
      const field = page.getByLabel(text(m, 'setup_passphrase'), { exact: true });
      const hint = page.locator('#strength');
      await expect(hint).toHaveText(text(m, 'setup_hint').replace('$1', '8'));
      await field.fill('kurz');
      await expect(hint).toHaveText(text(m, 'strength_too_short'));
      // A German first name and a year: only the German lists know the name (English rates it "fair").
      await field.fill('Bärbel1987');
      await expect(hint).toHaveText(text(m, 'strength_weak'));
      expect(fetched.filter((name) => zxcvbn.has(name)).length).toBeGreaterThanOrEqual(4);
      await field.fill('cleft cam synod lacy yr wok');
      await expect(hint).toHaveText(text(m, 'strength_strong'));
      expect(await overflowing(page)).toEqual([]);
      await field.fill('');
    });
  });

  test('German: a skipped import entry and a malformed enrolment QR are told in German, from the catalogue (no English crosses)', async ({ server }) => {
    const m = messages('de');
    const filled = (key: string, substitutions: string[]) => text(m, key).replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
    const browser = await launchWithExtension({ serverPort: server.port, locale: 'de' });
    try {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      const passphrase = 'ein langer Satz aus vielen Wörtern';
      await page.getByLabel(text(m, 'setup_passphrase'), { exact: true }).fill(passphrase);
      await page.getByLabel(text(m, 'setup_confirm')).fill(passphrase);
      await page.getByRole('button', { name: text(m, 'setup_create') }).click();
      await expect(page.getByRole('heading', { name: text(m, 'accounts_title'), exact: true })).toBeVisible({ timeout: 30_000 });

      // The import preview: the format and the skipped line, each worded by the background's codes.
      const backup = await browser.context.newPage();
      await backup.goto(`chrome-extension://${browser.extensionId}/backup.html`);
      const links = `${DEMO[0]}\notpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=3\n`;
      await backup.getByLabel(text(m, 'backup_file')).setInputFiles({ name: 'links.txt', mimeType: 'text/plain', buffer: Buffer.from(links) });
      await expect(backup.getByText(filled('backup_preview_format', [text(m, 'import_format_otpauth_list')]))).toBeVisible();
      const skipped = filled('import_skipped_at', [filled('import_where_line', ['2']), text(m, 'error_bad_digits').replace('$DIGITS$', '3')]);
      expect(skipped).toBe('Zeile 2: Die Stellenzahl muss eine ganze Zahl von 5 bis 10 sein, nicht 3.');
      await expect(backup.getByText(skipped, { exact: true })).toBeVisible();

      // A set-up page whose QR asks for 4 digits: the in-page offer says it cannot be added, and why.
      const site = await browser.context.newPage();
      await site.goto('https://accounts.demo.test/enrol-malformed.html');
      const escaped = (words: string) => new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      expect(await waitForControl(site, 'StaticText', escaped(text(m, 'offer_cannot')), 8000), 'the offer’s title').not.toBeNull();
      expect(await waitForControl(site, 'StaticText', escaped(text(m, 'error_bad_digits').replace('$DIGITS$', '4')), 3000), 'the problem, in German').not.toBeNull();
    } finally {
      await browser.dispose();
    }
  });

  test('Japanese: the popup is in Japanese and nothing overflows', async ({ server }) => {
    await walkPopup('ja', server);
  });

  for (const locale of (process.env.KEYRING_MORE_LOCALES ?? '').split(',').filter(Boolean)) {
    test(`${locale}: nothing overflows (KEYRING_MORE_LOCALES)`, async ({ server }) => {
      await walkPopup(locale, server);
    });
  }

  test('the zxcvbn-ts dictionaries are in neither the popup’s first paint nor the content script', () => {
    const zxcvbn = zxcvbnChunks();
    const html = readFileSync(join(EXTENSION_DIR, 'popup.html'), 'utf8');
    const entry = html.match(/<script type="module"[^>]* src="\/([^"]+)"/)?.[1];
    expect(entry).toBeTruthy();
    const popup = [...staticClosure(join(EXTENSION_DIR, entry!))].map((file) => file.split('/').pop()!);
    expect(popup.length).toBeGreaterThan(1);
    expect(popup.filter((name) => zxcvbn.has(name))).toEqual([]);
    const preloaded = [...html.matchAll(/rel="modulepreload"[^>]* href="\/chunks\/([^"]+)"/g)].map((match) => match[1]!);
    expect(preloaded.filter((name) => zxcvbn.has(name))).toEqual([]);
    const content = readFileSync(join(EXTENSION_DIR, 'content-scripts/content.js'), 'utf8');
    expect(content).not.toMatch(/l33tMaxSubstitutions|passwords-common|ZxcvbnFactory/);
  });
});
