import { expect, type Page } from '@playwright/test';

/** The popup as a person uses it, found by roles and labels rather than test ids. */
export class PopupPage {
  constructor(
    readonly page: Page,
    private readonly extensionId: string,
  ) {}

  async open(): Promise<this> {
    await this.page.goto(`chrome-extension://${this.extensionId}/popup.html`);
    return this;
  }

  async createVault(passphrase: string): Promise<void> {
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByLabel('Type it again').fill(passphrase);
    await this.page.getByRole('button', { name: 'Create vault' }).click();
    await expect(this.page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible({ timeout: 15_000 });
  }

  async unlock(passphrase: string): Promise<void> {
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
  }

  async expectLocked(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Unlock your codes' })).toBeVisible();
  }

  async expectUnlocked(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible({ timeout: 15_000 });
  }

  async addManual(fields: { issuer: string; name: string; secret: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add account' }).click();
    await this.page.getByRole('radio', { name: 'Type the key' }).check();
    await this.page.getByLabel('Issuer (service)').fill(fields.issuer);
    await this.page.getByLabel('Account name').fill(fields.name);
    await this.page.getByLabel('Secret key').fill(fields.secret);
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
  }

  async addUri(uri: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add account' }).click();
    await this.page.getByLabel('otpauth:// link').fill(uri);
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
  }

  account(title: string) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: new RegExp(`^${title},`) }) });
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
    const labels = await this.page.getByRole('list', { name: /^Accounts/ }).getByRole('button', { name: /: copy the code$/ }).evaluateAll((buttons) =>
      buttons.map((b) => ({ label: b.getAttribute('aria-label') ?? '', top: Number.parseFloat((b.parentElement as HTMLElement).style.top) })),
    );
    return labels.sort((a, b) => a.top - b.top).map((l) => l.label.split(',')[0] ?? '');
  }

  searchBox() {
    return this.page.getByRole('searchbox', { name: 'Search accounts' });
  }

  async openEdit(title: string): Promise<void> {
    await this.account(title).getByRole('button', { name: `Edit ${title}` }).click();
    await expect(this.page.getByRole('dialog', { name: `Edit ${title}` })).toBeVisible();
  }

  dialog(name: string | RegExp) {
    return this.page.getByRole('dialog', { name });
  }

  status() {
    return this.page.getByRole('status');
  }
}
