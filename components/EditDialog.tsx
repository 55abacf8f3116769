import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { AccountView } from '@/lib/vault/messages';
import { countUnused } from '@/lib/popup/recovery';
import { Dialog } from './Dialog';
import { FieldError } from './FieldError';
import { Icon } from './Icons';
import { useAction } from './useAction';

interface Props {
  account: AccountView;
  onClose: () => void;
  onSaved: (account: AccountView) => void;
  onDelete: () => void;
  onRecovery: () => void;
  onShowQr: () => void;
}

/**
 * Service, name, the sites it may fill on, notes; the doors to recovery codes and the QR code; and,
 * set apart, Delete, which asks once more before it acts.
 */
export function EditDialog({ account, onClose, onSaved, onDelete, onRecovery, onShowQr }: Props) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.name);
  const [sites, setSites] = useState(account.sites.join('\n'));
  const [notes, setNotes] = useState(account.notes);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const title = account.issuer || account.name;
  const first = useRef<HTMLInputElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) keep.current?.focus();
    else if (wasConfirming.current) deleteButton.current?.focus();
    else first.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const save = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const siteList = sites.split(/[\s,]+/).filter((s) => s.length > 0);
      onSaved(await request('accounts/update', { id: account.id, fields: { issuer, name, sites: siteList, notes } }));
    });
  };

  const total = account.recoveryCodes.length;
  const recoveryLabel = total === 0 ? t('recovery_open_none') : t('recovery_open', [String(countUnused(account.recoveryCodes)), String(total)]);

  if (confirming) {
    return (
      <Dialog title={t('delete_title', title)} onClose={onClose}>
        <div class="stack">
          <p>{t('delete_explain', title)}</p>
          <p class="help">{t('delete_undo_note')}</p>
          <div class="row">
            <button ref={keep} type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>
            <button type="button" class="danger-solid" onClick={onDelete}><Icon name="trash" />{t('delete_confirm')}</button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('edit_title', title)} onClose={onClose}>
      <form class="stack" onSubmit={save}>
        <label class="field"><span>{t('field_issuer')}</span>
          <input ref={first} autoComplete="off" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} /></label>
        <label class="field"><span>{t('field_name')}</span>
          <input autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label class="field"><span>{t('field_sites')}</span>
          <textarea rows={2} autoComplete="off" spellcheck={false} value={sites} placeholder="github.com"
            aria-describedby="sites-help" onInput={(e) => setSites(e.currentTarget.value)} /></label>
        <p id="sites-help" class="help">{t('field_sites_help')}</p>
        <label class="field"><span>{t('field_notes')}</span>
          <textarea rows={3} autoComplete="off" value={notes} onInput={(e) => setNotes(e.currentTarget.value)} /></label>
        <FieldError id="edit-error" error={error} />
        <div class="row">
          <button type="button" onClick={onClose}>{t('cancel')}</button>
          <button type="submit" class="primary" disabled={busy}>{t('save')}</button>
        </div>
      </form>
      <div class="dialog-actions">
        <button type="button" class="with-icon" onClick={onRecovery}><Icon name="key" />{recoveryLabel}</button>
        <button type="button" class="with-icon" onClick={onShowQr}><Icon name="qr" />{t('qr_open')}</button>
      </div>
      <div class="dialog-danger">
        <button ref={deleteButton} type="button" class="danger with-icon" onClick={() => setConfirming(true)}><Icon name="trash" />{t('delete_account')}</button>
      </div>
    </Dialog>
  );
}
