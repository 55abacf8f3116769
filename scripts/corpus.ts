// `npm run corpus -- DIR [DIR...] [--kind enrol|signin]`: runs every page of a page corpus (format:
// ../shared/corpus/README.md) through the built extension in real Chromium, the way a person would.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { parseOtpauthUri } from '../lib/otp/uri';
import type { AccountDraft } from '../lib/otp/account';
import { clickControl, findControls, waitForControl } from '../tests/e2e/support/ax';
import { launchWithExtension, ReusedBrowser, type ExtensionBrowser } from '../tests/e2e/support/browser';
import { readCorpusCase, type CorpusCase } from '../tests/e2e/support/corpus-case';
import { startStaticServer } from '../tests/e2e/support/server';
import { base32Decode, referenceHotp, referenceTotp } from '../tests/e2e/support/totp-reference';
import { getDomain } from 'tldts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const PASSPHRASE = 'corpus runner passphrase';
const OFFER_TIMEOUT_MS = 5000;

interface Outcome {
  pass: boolean;
  detail?: string;
}

class Runner {
  constructor(
    readonly browser: ExtensionBrowser,
    readonly extensionPage: Page,
  ) {}

  async send<T>(type: string, payload: unknown): Promise<T> {
    const reply = (await this.extensionPage.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as {
      ok: boolean;
      value?: T;
      error?: { message: string };
    };
    if (!reply.ok) throw new Error(`${type}: ${reply.error?.message ?? 'failed'}`);
    return reply.value as T;
  }

  /** The vault's accounts with their secrets, read back the way a person would see them in "Show QR". */
  async vaultAccounts(): Promise<AccountDraft[]> {
    const { accounts } = await this.send<{ accounts: { id: string }[] }>('accounts/list', null);
    const drafts: AccountDraft[] = [];
    for (const account of accounts) {
      const { uri } = await this.send<{ uri: string }>('accounts/revealUri', { id: account.id, passphrase: PASSPHRASE });
      drafts.push(parseOtpauthUri(uri));
    }
    return drafts;
  }
}

function sameAccount(a: AccountDraft, b: AccountDraft): boolean {
  return (
    a.type === b.type &&
    a.secret === b.secret &&
    a.issuer === b.issuer &&
    a.name === b.name &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    (a.type === 'hotp' ? a.counter === b.counter : a.period === b.period)
  );
}

const describe = (a: AccountDraft) => `${a.type} ${a.issuer}:${a.name} ${a.algorithm}/${a.digits}/${a.type === 'hotp' ? `c${a.counter}` : `${a.period}s`}`;

async function runEnrol(runner: Runner, page: Page, testCase: CorpusCase): Promise<Outcome> {
  const expected = testCase.expectAccounts.map((uri) => parseOtpauthUri(uri));
  const addButton = /^add\b/i;
  if (expected.length === 0) {
    const offered = await waitForControl(page, 'button', addButton, Math.max(2500, testCase.waitMs + 2000));
    const held = await runner.vaultAccounts();
    if (offered) return { pass: false, detail: `offered “${offered.name}” on a page with no enrolment` };
    if (held.length) return { pass: false, detail: `vault holds ${held.length} account(s)` };
    return { pass: true };
  }
  const offer = await waitForControl(page, 'button', addButton, OFFER_TIMEOUT_MS + testCase.waitMs);
  if (!offer) return { pass: false, detail: 'no offer to add an account appeared' };
  const all = (await findControls(page, 'button', /^add all\b/i))[0];
  await clickControl(page, all ?? offer);
  // Count first (cheap); read the secrets back (a passphrase check each) only once they are all there.
  for (const deadline = Date.now() + 8000; Date.now() < deadline; await page.waitForTimeout(200)) {
    if ((await runner.send<{ accounts: unknown[] }>('accounts/list', null)).accounts.length >= expected.length) break;
  }
  const held = await runner.vaultAccounts();
  const missing = expected.filter((e) => !held.some((h) => sameAccount(e, h)));
  const extra = held.filter((h) => !expected.some((e) => sameAccount(e, h)));
  if (missing.length || extra.length) {
    // What the offer says now (its buttons) tells a failed add from a click that never landed.
    const buttons = (await findControls(page, 'button', /.*/)).map((b) => b.name).filter(Boolean);
    return {
      pass: false,
      detail: [missing.length ? `missing ${missing.map(describe).join(', ')}` : '', extra.length ? `unexpected ${extra.map(describe).join(', ')}` : '', `clicked “${(all ?? offer).name}”, buttons now: ${buttons.join(' | ') || 'none'}`]
        .filter(Boolean)
        .join('; '),
    };
  }
  return { pass: true };
}

interface Marked {
  expect: string;
  value: string;
}

/** Marked elements and every input's value, in every frame, through open shadow roots. */
async function snapshot(page: Page): Promise<{ marked: Marked[]; inputs: string[] }> {
  const marked: Marked[] = [];
  const inputs: string[] = [];
  for (const frame of page.frames()) {
    // A frame may navigate away while we read it; the top frame must always be readable.
    const part = frame === page.mainFrame() ? await readFrame(frame) : await readFrame(frame).catch(() => ({ marked: [], inputs: [] }));
    marked.push(...part.marked);
    inputs.push(...part.inputs);
  }
  return { marked, inputs };
}

/**
 * Runs in the page. Kept as source text: tsx's keepNames helpers (`__name`) do not exist in the page.
 */
const READ_FRAME = `(() => {
  const marked = [];
  const inputs = [];
  const visit = (root) => {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      const isField = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement;
      const expect = element.getAttribute('data-corpus-expect');
      if (expect) marked.push({ expect, value: isField ? element.value : (element.textContent || '') });
      if (element instanceof HTMLInputElement) inputs.push((element.name || element.id) + '=' + element.value);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  return { marked, inputs };
})()`;

function readFrame(frame: Frame): Promise<{ marked: Marked[]; inputs: string[] }> {
  return frame.evaluate(READ_FRAME) as Promise<{ marked: Marked[]; inputs: string[] }>;
}

function validCodes(testCase: CorpusCase, at: number): string[] {
  const site = getDomain(testCase.host, { allowPrivateDomains: true }) ?? testCase.host;
  const bound = testCase.accounts.find((a) => a.site && (getDomain(a.site, { allowPrivateDomains: true }) ?? a.site) === site);
  const chosen = bound ?? (testCase.accounts.length === 1 ? testCase.accounts[0] : undefined);
  if (!chosen) return [];
  const account = parseOtpauthUri(chosen.uri);
  const hash = account.algorithm.toLowerCase().replace('sha', 'sha');
  if (account.type === 'hotp') return [account.counter, account.counter + 1].map((c) => referenceHotp(base32Decode(account.secret), c, account.digits, hash));
  const period = account.period * 1000;
  return [at - period, at, at + period].map((t) => referenceTotp(account.secret, t, { digits: account.digits, period: account.period, hash }));
}

async function runSignin(runner: Runner, page: Page, testCase: CorpusCase): Promise<Outcome> {
  const before = await snapshot(page);
  const expectsFill = before.marked.some((m) => m.expect === 'code' || m.expect.startsWith('digit:'));
  const fillButton = await waitForControl(page, 'button', /fill/i, expectsFill ? 4000 : 1500);
  const filledAt = Date.now();
  if (fillButton) {
    await clickControl(page, fillButton);
    // Several accounts or an unbound one: the extension asks; the person picks the page's account.
    const account = testCase.accounts[0] ? parseOtpauthUri(testCase.accounts[0].uri) : null;
    const pickName = account ? new RegExp(`${escape(account.name)}|${escape(account.issuer)}`, 'i') : null;
    for (const deadline = Date.now() + 2500; Date.now() < deadline; await page.waitForTimeout(150)) {
      if ((await snapshot(page)).inputs.join() !== before.inputs.join()) break;
      // No account bound to the site: the extension's own window asks which account to use here. The
      // person binds their account for this page; where the page has none of theirs, they close it.
      const bindWindow = runner.browser.context.pages().find((p) => p.url().includes('/bind.html'));
      if (bindWindow) {
        if (expectsFill && pickName) {
          await bindWindow.getByRole('radio', { name: pickName }).first().check();
          await bindWindow.getByRole('button', { name: /and fill$/ }).click();
        } else {
          await bindWindow.close();
        }
        break;
      }
      const pick = pickName ? (await findControls(page, 'button', pickName))[0] : undefined;
      if (pick) {
        await clickControl(page, pick);
        break;
      }
    }
  } else if (expectsFill) {
    return { pass: false, detail: 'no fill button appeared in the field' };
  }
  // Wait for the fill (a loaded machine may take a moment), or give a wrong fill time to happen.
  let after = await snapshot(page);
  for (const deadline = Date.now() + (expectsFill ? 3000 : 800); Date.now() < deadline; after = await snapshot(page)) {
    if (expectsFill && after.marked.every((m, i) => !(m.expect === 'code' || m.expect.startsWith('digit:')) || m.value !== (before.marked[i]?.value ?? ''))) break;
    await page.waitForTimeout(150);
  }
  if (!expectsFill) {
    const changed = after.inputs.filter((value, i) => value !== before.inputs[i]);
    return changed.length ? { pass: false, detail: `filled where nothing should be: ${changed.join(', ')}` } : { pass: true };
  }
  const codes = validCodes(testCase, filledAt);
  const problems: string[] = [];
  after.marked.forEach((mark, i) => {
    const initial = before.marked[i]?.value ?? '';
    if (mark.expect === 'untouched' && mark.value !== initial) problems.push(`a field marked untouched now holds “${mark.value}”`);
    if (mark.expect === 'code' && !codes.includes(mark.value.replace(/\s/g, ''))) problems.push(`code field holds “${mark.value}”`);
  });
  const digits = after.marked.filter((m) => m.expect.startsWith('digit:')).sort((a, b) => Number(a.expect.slice(6)) - Number(b.expect.slice(6)));
  if (digits.length) {
    const joined = digits.map((d) => d.value).join('');
    const empty = digits.findIndex((d) => d.value === '');
    if (empty >= 0) problems.push(`digit ${empty} empty`);
    else if (!codes.some((c) => c.startsWith(joined) && joined.length === digits.length)) problems.push(`digits read “${joined}”`);
  }
  return problems.length ? { pass: false, detail: problems.join('; ') } : { pass: true };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') || '\u0000';
}

/** An extension page through which the runner talks to the extension: the one the reset left open, or a new one. */
async function openExtensionPage(browser: ExtensionBrowser, reused: ReusedBrowser): Promise<Page> {
  if (reused.controlPage) return reused.controlPage;
  const page = await browser.context.newPage();
  // Not the popup: the runner only sends messages, and the popup's own interface (drawn, then redrawn as the vault
  // changes) cost more CPU than the rest of a page's run. The offscreen document's page draws nothing and sends nothing.
  await page.goto(`chrome-extension://${browser.extensionId}/offscreen.html`);
  return page;
}

async function runCase(browser: ExtensionBrowser, reused: ReusedBrowser, testCase: CorpusCase): Promise<Outcome> {
  try {
    const extensionPage = await openExtensionPage(browser, reused);
    const runner = new Runner(browser, extensionPage);
    await runner.send('vault/create', { passphrase: PASSPHRASE });
    for (const account of testCase.accounts) {
      const added = await runner.send<{ id: string }>('accounts/add', { uri: account.uri });
      if (account.site) await runner.send('accounts/update', { id: added.id, fields: { sites: [account.site] } });
    }
    const page = await browser.context.newPage();
    await page.bringToFront();
    await page.goto(`https://${testCase.host}/${testCase.file}`, { waitUntil: 'load' });
    if (testCase.waitMs) await page.waitForTimeout(testCase.waitMs);
    return testCase.kind === 'enrol' ? await runEnrol(runner, page, testCase) : await runSignin(runner, page, testCase);
  } catch (error) {
    return { pass: false, detail: `runner error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

const WORKERS = Math.max(1, Number(process.env.CORPUS_WORKERS ?? 3));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const kindIndex = args.indexOf('--kind');
  const kind = kindIndex >= 0 ? args[kindIndex + 1] : undefined;
  // `--only a,b`: the pages whose names contain a or b, run in that order (with CORPUS_WORKERS=1, one browser:
  // e.g. `--only enrol-x,decoy-y` checks that nothing of an enrol page is left for the decoy after it).
  const only = args.indexOf('--only') >= 0 ? args[args.indexOf('--only') + 1]?.split(',') : undefined;
  const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--kind' && args[i - 1] !== '--only');
  let passed = 0;
  let failed = 0;
  const tally = new Map<string, { passed: number; total: number }>();
  const count = (key: string, pass: boolean) => {
    const entry = tally.get(key) ?? { passed: 0, total: 0 };
    entry.total++;
    if (pass) entry.passed++;
    tally.set(key, entry);
  };
  for (const dir of dirs.length ? dirs : ['tests/corpus']) {
    const root = resolve(dir);
    const files = (await readdir(root, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => e.name).sort();
    const server = await startStaticServer(root);
    try {
      const cases: CorpusCase[] = [];
      for (const file of files) {
        if (only && !only.some((part) => file.includes(part))) continue;
        let testCase: CorpusCase;
        try {
          testCase = readCorpusCase(file, await readFile(join(root, file), 'utf8'));
        } catch (error) {
          console.log(`FAIL ${file}: ${error instanceof Error ? error.message : String(error)}`);
          failed++;
          continue;
        }
        if (kind && testCase.kind !== kind) continue;
        cases.push(testCase);
      }
      if (only) cases.sort((a, b) => only.findIndex((part) => a.file.includes(part)) - only.findIndex((part) => b.file.includes(part)));
      // Pages run side by side (CORPUS_WORKERS, 3 by default: most of a page's time is waiting, e.g. the decoys'
      // quiet period); results are printed in file order.
      const outcomes = new Map<CorpusCase, Outcome>();
      let nextCase = 0;
      let printed = 0;
      const flush = () => {
        while (printed < cases.length && outcomes.has(cases[printed]!)) {
          const testCase = cases[printed++]!;
          const outcome = outcomes.get(testCase)!;
          console.log(outcome.pass ? `PASS ${testCase.file}` : `FAIL ${testCase.file}: ${outcome.detail ?? 'failed'}`);
          count(`kind ${testCase.decoy ? 'decoy' : testCase.kind === 'enrol' ? 'enrol' : 'sign-in'}`, outcome.pass);
          count(`language ${testCase.lang}`, outcome.pass);
          if (outcome.pass) passed++;
          else failed++;
        }
      };
      // One browser per worker (launching Chromium with a new profile cost more than most pages take): reset
      // between pages, and replaced after a runner error, so a broken browser cannot fail the pages after it.
      const worker = async () => {
        const reused = new ReusedBrowser(() => launchWithExtension({ serverPort: server.port }), { keepControlPage: true });
        try {
          while (nextCase < cases.length) {
            const testCase = cases[nextCase++]!;
            const outcome = await runCase(await reused.take(), reused, testCase);
            outcomes.set(testCase, outcome);
            flush();
            if (outcome.detail?.startsWith('runner error')) await reused.discard();
          }
        } finally {
          await reused.discard();
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, worker));
    } finally {
      await server.close();
    }
  }
  // Pass rates per kind (enrol, sign-in, decoy: a page where nothing may happen) and per language (corpus:lang).
  for (const [key, { passed: ok, total }] of [...tally].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${key.padEnd(14)} ${String(ok).padStart(3)}/${String(total).padEnd(3)} ${((ok / total) * 100).toFixed(0).padStart(3)}%`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
