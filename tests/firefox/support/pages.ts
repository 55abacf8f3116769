import type { ElementHandle, Page } from 'puppeteer-core';
import { contextId, send, type NodeReference } from './bidi';

/**
 * Firefox counterparts of tests/e2e/pages/popup.ts and support/ax.ts, over WebDriver BiDi: controls found
 * by role and accessible name (Puppeteer's `aria/` queries), in-page UI in the extension's CLOSED shadow
 * roots reached the way WebDriver BiDi serialises them (`includeShadowTree: 'all'`), clicks made with the
 * real pointer at the element's position (never `element.click()` from the page, which the extension ignores).
 */

/** Opens one of the extension's pages (Puppeteer's `goto` does not follow a switch to the extension process). */
export async function openExtensionPage(page: Page, url: string): Promise<void> {
  await (page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: string): Promise<void> } }).browsingContext.navigate(url, 'complete');
  await page.waitForFunction((expected) => location.href === expected && document.readyState === 'complete', {}, url);
}

export async function control(page: Page, name: string, role?: string, timeout = 15_000): Promise<ElementHandle> {
  const handle = await page.waitForSelector(`aria/${name}${role ? `[role="${role}"]` : ''}`, { visible: true, timeout });
  if (!handle) throw new Error(`no ${role ?? 'control'} named ${name}`);
  return handle as ElementHandle;
}

export async function fill(page: Page, label: string, value: string): Promise<void> {
  // Puppeteer's `aria/` query in Firefox may answer with the <label> that names the field.
  const named = await control(page, label);
  const field = (await named.evaluateHandle((e) => (e instanceof HTMLLabelElement ? e.control : e))) as ElementHandle<HTMLInputElement>;
  if (!(await field.evaluate((e) => e !== null && 'select' in e))) throw new Error(`${label} names no text field`);
  await field.focus();
  await field.evaluate((e) => e.select());
  await page.keyboard.press('Backspace');
  await field.type(value);
}

export async function click(page: Page, name: string, role = 'button'): Promise<void> {
  await (await control(page, name, role)).click();
}

export class FirefoxPopup {
  constructor(
    readonly page: Page,
    private readonly origin: string,
  ) {}

  async open(): Promise<this> {
    await openExtensionPage(this.page, `${this.origin}/popup.html`);
    return this;
  }

  async createVault(passphrase: string): Promise<void> {
    await fill(this.page, 'Passphrase', passphrase);
    await fill(this.page, 'Type it again', passphrase);
    await click(this.page, 'Set up Keyring');
    await this.expectUnlocked();
  }

  async unlock(passphrase: string): Promise<void> {
    await fill(this.page, 'Passphrase', passphrase);
    await click(this.page, 'Unlock');
  }

  async expectLocked(): Promise<void> {
    await control(this.page, 'Unlock Keyring', 'heading');
  }

  async expectUnlocked(): Promise<void> {
    await control(this.page, 'Accounts', 'heading', 30_000);
  }

  async addManual(fields: { issuer: string; name: string; secret: string }): Promise<void> {
    // With no account yet the add form is the page; after that it opens from the toolbar.
    if (!(await this.page.$('aria/Add an account[role="form"]'))) await click(this.page, 'Add account');
    await click(this.page, 'Type the setup key', 'radio');
    await fill(this.page, 'Service', fields.issuer);
    await fill(this.page, 'Account name', fields.name);
    await fill(this.page, 'Setup key', fields.secret);
    await click(this.page, 'Add');
    await this.waitForAccount(fields.issuer);
  }

  /** A row's menu of less frequent actions (pin, move, edit). */
  async menuAction(title: string, item: string): Promise<void> {
    await click(this.page, `More for ${title}`);
    await click(this.page, item, 'menuitem');
  }

  async waitForAccount(title: string): Promise<void> {
    await this.page.waitForFunction((t) => [...document.querySelectorAll('li .issuer')].some((e) => e.firstChild?.textContent === t), { timeout: 15_000 }, title);
  }

  /** The code shown for an account, without the grouping space. */
  async codeOf(title: string): Promise<string> {
    await this.waitForAccount(title);
    return this.page.evaluate((t) => {
      const row = [...document.querySelectorAll('li')].find((li) => li.querySelector('.issuer')?.firstChild?.textContent === t);
      return (row?.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\s/g, '');
    }, title);
  }

  async alertText(): Promise<string> {
    const alert = await this.page.waitForSelector('[role="alert"]', { visible: true });
    return alert!.evaluate((e) => e.textContent ?? '');
  }
}

/** The shadow root (open or closed) of the first element matching `hostSelector`, or null. */
async function shadowRootOf(page: Page, hostSelector: string): Promise<NodeReference | null> {
  const reply = await send<{ result: { type: string; value?: { shadowRoot?: NodeReference | null } } }>(page, 'script.callFunction', {
    functionDeclaration: '(selector) => document.querySelector(selector)',
    arguments: [{ type: 'string', value: hostSelector }],
    target: { context: contextId(page) },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  return reply.result.value?.shadowRoot ?? null;
}

/** Runs `fn(shadowRoot, arg)` in the page with the closed root passed in by WebDriver. */
async function inShadow<T>(page: Page, root: NodeReference, fn: string, arg: string): Promise<{ type: string; value?: T; sharedId?: string }> {
  const reply = await send<{ result: { type: string; value?: T; sharedId?: string } }>(page, 'script.callFunction', {
    functionDeclaration: fn,
    arguments: [root, { type: 'string', value: arg }],
    target: { context: contextId(page) },
    awaitPromise: false,
    serializationOptions: { maxDomDepth: 0 },
  });
  return reply.result;
}

/** The text a person reads in the extension's in-page UI under `hostSelector` ('' when absent). */
export async function shadowText(page: Page, hostSelector: string): Promise<string> {
  const root = await shadowRootOf(page, hostSelector);
  if (!root) return '';
  return (await inShadow<string>(page, root, '(root) => root.textContent ?? ""', '')).value ?? '';
}

/** Waits until the in-page UI under `hostSelector` shows text matching `pattern`. */
export async function waitForShadowText(page: Page, hostSelector: string, pattern: RegExp, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await shadowText(page, hostSelector);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${hostSelector} never showed ${pattern}; it shows: ${JSON.stringify(text)}`);
    await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
  }
}

/** Clicks, with the real pointer, the button in `hostSelector`'s shadow root whose text or label matches `name`. */
export async function clickInShadow(page: Page, hostSelector: string, name: RegExp, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const root = await shadowRootOf(page, hostSelector);
    if (root) {
      const found = await inShadow(
        page,
        root,
        `(root, source) => {
          const pattern = new RegExp(source);
          // A control counts clicks only once it has been in plain view for a moment (aria-disabled until then).
          return [...root.querySelectorAll('button')].find((b) => b.getClientRects().length && b.getAttribute('aria-disabled') !== 'true' && (pattern.test(b.getAttribute('aria-label') ?? '') || pattern.test((b.textContent ?? '').trim()))) ?? null;
        }`,
        name.source,
      );
      if (found.type === 'node' && found.sharedId) {
        const origin = { type: 'element', element: { sharedId: found.sharedId } };
        await send(page, 'input.performActions', {
          context: contextId(page),
          actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: 0, y: 0, origin }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }],
        });
        return;
      }
    }
    if (Date.now() > deadline) throw new Error(`no button ${name} in ${hostSelector}; it shows: ${JSON.stringify(await shadowText(page, hostSelector))}`);
    await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
  }
}
