import { useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { AccountView } from '@/lib/vault/messages';
import type { RecoveryCode } from '@/lib/otp/account';
import { countUnused, parseRecoveryCodes } from '@/lib/popup/recovery';
import { Dialog } from './Dialog';
import { Icon } from './Icons';

/** The backup codes a service handed out: paste a list, tick each one off when used. Saved at once, encrypted. */
export function RecoveryDialog({ account, onClose, onSaved }: { account: AccountView; onClose: () => void; onSaved: (account: AccountView) => void }) {
  const [codes, setCodes] = useState<RecoveryCode[]>(account.recoveryCodes);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState('');
  const title = account.issuer || account.name;

  const store = async (next: RecoveryCode[]) => {
    setError('');
    try {
      const saved = await request('accounts/update', { id: account.id, fields: { recoveryCodes: next } });
      setCodes(saved.recoveryCodes);
      onSaved(saved);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const add = async (event: Event) => {
    event.preventDefault();
    const added = parseRecoveryCodes(pasted, codes);
    if (added.length === 0) return;
    await store([...codes, ...added]);
    setPasted('');
  };

  return (
    <Dialog title={t('recovery_title', title)} onClose={onClose}>
      <p class="help">{t('recovery_intro')}</p>
      {codes.length > 0 && (
        <>
          <p class="small" role="status">{t(codes.length === 1 ? 'recovery_count_one' : 'recovery_count', [String(countUnused(codes)), String(codes.length)])}</p>
          <ul class="recovery-list" aria-label={t('recovery_list_label')}>
            {codes.map((c, i) => (
              <li key={c.code} class={c.used ? 'used' : ''}>
                <label class="check">
                  <input type="checkbox" checked={c.used}
                    onChange={(e) => void store(codes.map((x, j) => (j === i ? { ...x, used: e.currentTarget.checked } : x)))} />
                  <code>{c.code}</code>
                  <span class="visually-hidden">{c.used ? t('recovery_used') : t('recovery_unused')}</span>
                </label>
                <button type="button" class="icon danger" aria-label={t('recovery_remove', c.code)} title={t('recovery_remove', c.code)}
                  onClick={() => void store(codes.filter((_, j) => j !== i))}><Icon name="trash" /></button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form class="stack" onSubmit={add}>
        <label class="field"><span>{t('recovery_paste')}</span>
          <textarea rows={4} autoComplete="off" spellcheck={false} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="row">
          <button type="button" onClick={onClose}>{t('close')}</button>
          <button type="submit" class="primary" disabled={!pasted.trim()}>{t('recovery_add')}</button>
        </div>
      </form>
    </Dialog>
  );
}
