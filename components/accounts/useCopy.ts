import { useEffect, useState, type MutableRef } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { AccountView } from '@/lib/vault/messages';
import { createCodeClipboard } from '@/lib/popup/clipboard';
import type { CodeStore } from '@/lib/popup/code-store';

const clipboard = createCodeClipboard((text) => navigator.clipboard.writeText(text));

/** How long “… code copied.” stays on screen. */
const COPIED_SHOWN_MS = 2000;

/**
 * Copying a code (or filling it into the active tab on the account's own site), and the toast that
 * says so. `notify` shows a sentence the person must read: the copy failed, or its clearing could not
 * be scheduled.
 */
export function useCopy(store: CodeStore, clearClipboard: MutableRef<boolean>, notify: (text: string) => void) {
  const [copied, setCopied] = useState<{ id: string; title: string } | null>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = (account: AccountView) => {
    const code = store.get(account.id)?.code;
    if (!code) return;
    const copyIt = () => {
      const clear = clearClipboard.current;
      // The popup may close before 30 s, even the moment the code is on the clipboard: the background is
      // asked to empty it BEFORE the write, so no copy is left without its clearing scheduled.
      if (clear) void request('clipboard/clearLater', null).catch(() => notify(t('clipboard_clear_failed')));
      return clipboard.copy(code, clear).then(
        () => setCopied({ id: account.id, title: account.issuer || account.name }),
        // The browser refused the clipboard (the popup lost focus, a policy): its English text is no help.
        () => notify(t('copy_failed')),
      );
    };
    // On the account's own site the code goes straight into the page's field; anywhere else it is copied.
    if (account.sites.length === 0) return void copyIt();
    request('autofill/fillActiveTab', { id: account.id }).then(
      ({ filled }) => (filled ? window.close() : void copyIt()),
      // Deliberately not shown: a tab that cannot be filled (a browser page, no permission, the tab moved
      // on) only means the person gets the code copied instead, which is what they asked for.
      () => void copyIt(),
    );
  };

  return { copied, copy };
}
