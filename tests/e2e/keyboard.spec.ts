import { expect, test } from './fixtures';
import type { PopupPage } from './pages/popup';

/**
 * The whole daily path with the keyboard only — no click anywhere: create, add, search, copy, edit,
 * pin, reorder, delete and undo, lock, unlock. After every step the focus is on a control the
 * person can act on, never lost to the page's body.
 */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const PASSPHRASE = 'correct horse battery staple';
const uri = (issuer: string, name: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;

async function expectFocusNotOnBody(popup: PopupPage, step: string): Promise<void> {
  const focused = await popup.page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? 'body' : `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40) ?? ''}`;
  });
  expect(focused, `focus after: ${step}`).not.toBe('body');
}

test('keyboard only: create → add → search → copy → edit → pin → reorder → delete/undo → lock → unlock, focus never on the body', async ({ popup }) => {
  test.setTimeout(120_000);
  const { page } = popup;
  const keys = page.keyboard;

  // Create: the first field has the focus; Tab past the show-passphrase toggle to the second.
  await popup.expectFirstRun();
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await keys.type(PASSPHRASE);
  await keys.press('Tab');
  await expect(page.getByRole('button', { name: 'Show passphrase' }).first()).toBeFocused();
  await keys.press('Tab');
  await keys.type(PASSPHRASE);
  await keys.press('Enter');
  await popup.expectUnlocked();
  const link = page.getByLabel('Setup link', { exact: true });
  await expect(link).toBeFocused();
  await expectFocusNotOnBody(popup, 'create');

  // Add: Enter in the link box adds; the new row takes the focus.
  await keys.type(uri('GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP'));
  await keys.press('Enter');
  await expect(popup.rowButton('GitHub')).toBeFocused();
  await expectFocusNotOnBody(popup, 'add (first)');
  for (const [issuer, secret] of [['Proton', 'NBSWY3DPEB3W64TMMQQHEZLNMFXGC5DF'], ['Bank', 'GEZDGNBVGY3TQOJQ']] as const) {
    // From the search box (/), back through the toolbar to Add account: Lock, Settings, Scan, Add.
    await keys.press('/');
    for (let i = 0; i < 4; i++) await keys.press('Shift+Tab');
    await expect(page.getByRole('button', { name: 'Add account' })).toBeFocused();
    await keys.press('Enter');
    await expect(link).toBeFocused();
    await keys.type(uri(issuer, 'alice', secret));
    await keys.press('Enter');
    await expect(popup.rowButton(issuer)).toBeFocused();
    await expectFocusNotOnBody(popup, `add ${issuer}`);
  }
  await expect.poll(() => popup.titles()).toEqual(['GitHub', 'Proton', 'Bank']);

  // Search and copy.
  await keys.press('/');
  await expect(popup.searchBox()).toBeFocused();
  await keys.type('prot');
  await expect.poll(() => popup.titles()).toEqual(['Proton']);
  await keys.press('ArrowDown');
  await expect(popup.rowButton('Proton')).toBeFocused();
  await keys.press('Enter');
  await expect(popup.status().filter({ hasText: 'Proton code copied.' })).toBeVisible();
  await expectFocusNotOnBody(popup, 'search and copy');

  // Edit through the row's menu; focus comes back to the menu button.
  await keys.press('Tab');
  await expect(page.getByRole('button', { name: 'More for Proton' })).toBeFocused();
  await keys.press('Enter');
  // A person presses the next key once the menu shows; keys sent before it has the focus go to the row.
  await expect(page.getByRole('menuitem').first()).toBeFocused();
  await keys.press('End');
  await expect(page.getByRole('menuitem', { name: 'Edit…' })).toBeFocused();
  await keys.press('Enter');
  await expect(popup.dialog('Edit Proton').getByLabel('Service')).toBeFocused();
  await keys.press('End');
  await keys.type(' Mail');
  await keys.press('Enter');
  await expect(popup.dialog('Edit Proton')).toBeHidden();
  await expect(page.getByRole('button', { name: 'More for Proton Mail' })).toBeFocused();
  await expectFocusNotOnBody(popup, 'edit');

  // Clear the search (Escape in the box), then pin Bank from its menu: the row moves up, focus follows it.
  await keys.press('/');
  await keys.press('Escape');
  await expect.poll(() => popup.titles()).toEqual(['GitHub', 'Proton Mail', 'Bank']);
  await keys.press('ArrowDown');
  await keys.press('End');
  await expect(popup.rowButton('Bank')).toBeFocused();
  await keys.press('Tab');
  await keys.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Pin to the top' })).toBeFocused();
  await keys.press('Enter');
  await expect.poll(() => popup.titles()).toEqual(['Bank', 'GitHub', 'Proton Mail']);
  await expect(popup.rowButton('Bank')).toBeFocused();
  await expectFocusNotOnBody(popup, 'pin');

  // Reorder with Alt+Arrow: the row moves, the focus stays on it.
  await keys.press('ArrowDown');
  await expect(popup.rowButton('GitHub')).toBeFocused();
  await keys.press('Alt+ArrowDown');
  await expect.poll(() => popup.titles()).toEqual(['Bank', 'Proton Mail', 'GitHub']);
  await expect(popup.rowButton('GitHub')).toBeFocused();
  await expectFocusNotOnBody(popup, 'reorder');
  // Saved once the person pauses: wait for the background to hold the new order.
  await expect.poll(async () => {
    const reply = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'accounts/list', payload: null }))) as { value: { accounts: { issuer: string; order: number; pinned: boolean }[] } };
    return reply.value.accounts.filter((a) => !a.pinned).sort((a, b) => a.order - b.order).map((a) => a.issuer);
  }).toEqual(['Proton Mail', 'GitHub']);

  // Delete from the edit dialog (Shift+Tab wraps to its last control), confirm, then Undo, which has the focus.
  await keys.press('Tab');
  await expect(page.getByRole('button', { name: 'More for GitHub' })).toBeFocused();
  await keys.press('Enter');
  await expect(page.getByRole('menuitem').first()).toBeFocused();
  await keys.press('End');
  await expect(page.getByRole('menuitem', { name: 'Edit…' })).toBeFocused();
  await keys.press('Enter');
  const edit = popup.dialog('Edit GitHub');
  await expect(edit.getByLabel('Service')).toBeFocused();
  await keys.press('Shift+Tab');
  await keys.press('Shift+Tab');
  await expect(edit.getByRole('button', { name: 'Delete account' })).toBeFocused();
  await keys.press('Enter');
  const confirm = popup.dialog('Delete GitHub?');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await keys.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();
  await keys.press('Enter');
  await expect(popup.account('GitHub')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await expectFocusNotOnBody(popup, 'delete');
  await keys.press('Enter');
  await expect(popup.rowButton('GitHub')).toBeFocused();
  await expectFocusNotOnBody(popup, 'undo');

  // Lock from the toolbar; the passphrase field has the focus.
  await keys.press('/');
  await keys.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Lock' })).toBeFocused();
  await keys.press('Enter');
  await popup.expectLocked();
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await expectFocusNotOnBody(popup, 'lock');

  // Unlock: the search box has the focus.
  await keys.type(PASSPHRASE);
  await keys.press('Enter');
  await popup.expectUnlocked();
  await expect(popup.searchBox()).toBeFocused();
  await expectFocusNotOnBody(popup, 'unlock');
  await expect.poll(() => popup.titles()).toEqual(['Bank', 'Proton Mail', 'GitHub']);
});
