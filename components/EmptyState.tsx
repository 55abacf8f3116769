import { t } from '@/lib/i18n';

export type AddMode = 'uri' | 'manual';

/** First run: the three ways to add an account, each one click away. */
export function EmptyState({ onAdd, onScan }: { onAdd: (mode: AddMode) => void; onScan: () => void }) {
  return (
    <section class="empty card stack" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('empty_title')}</h2>
      <ol class="ways">
        <li>
          <p>{t('empty_scan')}</p>
          <button type="button" onClick={onScan}>{t('scan_page')}</button>
        </li>
        <li>
          <p>{t('empty_paste')}</p>
          <button type="button" onClick={() => onAdd('uri')}>{t('empty_paste_button')}</button>
        </li>
        <li>
          <p>{t('empty_type')}</p>
          <button type="button" onClick={() => onAdd('manual')}>{t('empty_type_button')}</button>
        </li>
      </ol>
    </section>
  );
}
