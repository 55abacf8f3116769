import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { AccountView } from '@/lib/messaging/protocol';
import { countUnused } from '@/lib/popup/recovery';
import { Dialog } from './Dialog';
import { useAction } from './useAction';

interface Props {
  account: AccountView;
  onClose: () => void;
  onSaved: (account: AccountView) => void;
  onDelete: () => void;
  onRecovery: () => void;
  onShowQr: () => void;
}

/** Issuer, name, the sites it may fill on, notes; and the doors to recovery codes, QR and delete. */
export function EditDialog({ account, onClose, onSaved, onDelete, onRecovery, onShowQr }: Props) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.name);
  const [sites, setSites] = useState(account.sites.join('\n'));
  const [notes, setNotes] = useState(account.notes);
  const { busy, error, run } = useAction();
  const title = account.issuer || account.name;

  const save = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const siteList = sites.split(/[\s,]+/).filter((s) => s.length > 0);
      onSaved(await request('accounts/update', { id: account.id, fields: { issuer, name, sites: siteList, notes } }));
    });
  };

  return (
    <Dialog title={t('edit_title', title)} onClose={onClose}>
      <form class="stack" onSubmit={save}>
        <label class="field"><span>{t('field_issuer')}</span>
          <input autoComplete="off" value={issuer} autoFocus onInput={(e) => setIssuer(e.currentTarget.value)} /></label>
        <label class="field"><span>{t('field_name')}</span>
          <input autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label class="field"><span>{t('field_sites')}</span>
          <textarea rows={2} autoComplete="off" spellcheck={false} value={sites} placeholder="github.com"
            aria-describedby="sites-help" onInput={(e) => setSites(e.currentTarget.value)} /></label>
        <p id="sites-help" class="muted small">{t('field_sites_help')}</p>
        <label class="field"><span>{t('field_notes')}</span>
          <textarea rows={3} autoComplete="off" value={notes} onInput={(e) => setNotes(e.currentTarget.value)} /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="row">
          <button type="button" onClick={onClose}>{t('cancel')}</button>
          <button type="submit" class="primary" disabled={busy}>{t('save')}</button>
        </div>
      </form>
      <div class="dialog-actions">
        <button type="button" onClick={onRecovery}>
          {t('recovery_open', String(countUnused(account.recoveryCodes)))}
        </button>
        <button type="button" onClick={onShowQr}>{t('qr_open')}</button>
        <button type="button" class="danger" onClick={onDelete}>{t('delete_account')}</button>
      </div>
    </Dialog>
  );
}
