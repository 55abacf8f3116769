import { t } from '@/lib/i18n';
import type { AccountView } from '@/lib/vault/messages';
import { AddAccountForm } from './AddAccountForm';
import { Icon } from './Icons';

export type AddMode = 'uri' | 'manual';

/**
 * No account yet: the add form is the page, with the third way (scan the page that shows the QR
 * code) one click away above it.
 */
export function EmptyState({ onAdded, onScan }: { onAdded: (account: AccountView) => void; onScan: () => void }) {
  return (
    <section class="empty stack" aria-labelledby="empty-title">
      <h2 id="empty-title" class="muted-heading">{t('empty_title')}</h2>
      <div class="scan-way">
        <p>{t('empty_scan')}</p>
        <button type="button" onClick={onScan}><Icon name="scan" />{t('scan_page')}</button>
      </div>
      <AddAccountForm onAdded={onAdded} />
    </section>
  );
}
