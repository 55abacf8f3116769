import { expect, type Page } from '@playwright/test';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The popup as a person uses it, found by roles and labels rather than test ids. */
export class PopupPage {
  constructor(
    readonly page: Page,
    private readonly extensionId: string,
  ) {}

  async open(): Promise<this> {
    // Seen twice in ~200 runs, right after the test stopped the service worker through CDP: the extension's
    // files answered ERR_FILE_NOT_FOUND for a moment. Retry that one error (not yet understood; see the note).
    for (const deadline = Date.now() + 15_000; ; await this.page.waitForTimeout(100)) {
      const failure = await this.page.goto(`chrome-extension://${this.extensionId}/popup.html`).then(() => null, (error: Error) => error);
      if (!failure) return this;
      if (!/ERR_FILE_NOT_FOUND/.test(failure.message) || Date.now() > deadline) throw failure;
    }
  }

  async createVault(passphrase: string): Promise<void> {
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByLabel('Type it again').fill(passphrase);
    await this.page.getByRole('button', { name: 'Set up Keyring' }).click();
    await expect(this.page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible({ timeout: 15_000 });
  }

  async unlock(passphrase: string): Promise<void> {
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
  }

  async expectLocked(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Unlock Keyring' })).toBeVisible();
  }

  async expectUnlocked(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible({ timeout: 15_000 });
  }

  /** The add form: always there while the list is empty, else opened with the toolbar's Add account. */
  async openAddForm() {
    const form = this.page.getByRole('form', { name: 'Add an account' });
    // The toolbar's button exists only once the list has an account: with none, the form is the page.
    const button = this.page.getByRole('button', { name: 'Add account' });
    await expect(form.or(button).first()).toBeVisible();
    if (!(await form.isVisible())) await button.click();
    await expect(form).toBeVisible();
    return form;
  }

  async addManual(fields: { issuer: string; name: string; secret: string }): Promise<void> {
    const form = await this.openAddForm();
    await form.getByRole('radio', { name: 'Type the setup key' }).check();
    await form.getByLabel('Service', { exact: true }).fill(fields.issuer);
    await form.getByLabel('Account name').fill(fields.name);
    await form.getByLabel('Setup key', { exact: true }).fill(fields.secret);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await this.settled(form);
  }

  async addUri(uri: string): Promise<void> {
    const form = await this.openAddForm();
    await form.getByRole('radio', { name: 'Paste a setup link' }).check();
    await form.getByLabel('Setup link', { exact: true }).fill(uri);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await this.settled(form);
  }

  /** After Add: the form is gone (added) or shows an error; never an add form still at work. */
  private async settled(form: ReturnType<Page['getByRole']>): Promise<void> {
    await expect(form.filter({ hasNot: this.page.getByRole('alert') })).toHaveCount(0);
  }

  /** The row button of an account: its name is "Service, name, code" — what the row shows. */
  rowButton(title: string) {
    return this.page.getByRole('button', { name: new RegExp(`^${escape(title)},`) });
  }

  account(title: string) {
    return this.page.getByRole('listitem').filter({ has: this.rowButton(title) });
  }

  /** The code shown for an account, without the grouping space. */
  async codeOf(title: string): Promise<string> {
    const text = await this.account(title).getByTestId('code').textContent();
    return (text ?? '').replace(/\s/g, '');
  }

  alert() {
    return this.page.getByRole('alert');
  }

  async expectFirstRun(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Protect your codes' })).toBeVisible();
  }

  async expectAccount(title: string): Promise<void> {
    await expect(this.account(title)).toBeVisible();
  }

  /** The list's rows as a person reads them: the title of each, top to bottom. */
  async titles(): Promise<string[]> {
    const rows = await this.page.getByRole('list', { name: /^Accounts/ }).locator('li[data-index]').evaluateAll((items) =>
      items.map((li) => ({ title: li.querySelector('.issuer')?.firstChild?.textContent ?? '', top: Number.parseFloat((li as HTMLElement).style.top) })),
    );
    return rows.sort((a, b) => a.top - b.top).map((r) => r.title);
  }

  searchBox() {
    return this.page.getByRole('searchbox', { name: 'Search accounts' });
  }

  /** The row's menu of less frequent actions (pin, move, edit), opened. */
  async openMenu(title: string) {
    await this.account(title).getByRole('button', { name: `More for ${title}` }).click();
    const menu = this.page.getByRole('menu', { name: `More for ${title}` });
    await expect(menu).toBeVisible();
    return menu;
  }

  async menuAction(title: string, item: string | RegExp): Promise<void> {
    const menu = await this.openMenu(title);
    await menu.getByRole('menuitem', { name: item }).click();
    await expect(menu).toBeHidden();
  }

  async openEdit(title: string): Promise<void> {
    await this.menuAction(title, 'Edit…');
    await expect(this.page.getByRole('dialog', { name: `Edit ${title}` })).toBeVisible();
  }

  dialog(name: string | RegExp) {
    return this.page.getByRole('dialog', { name });
  }

  status() {
    return this.page.getByRole('status');
  }
}
