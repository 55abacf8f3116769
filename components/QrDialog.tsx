import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { AccountView } from '@/lib/vault/messages';
import { Dialog } from './Dialog';
import { useAction } from './useAction';

/** Moves an account to a phone: the otpauth:// QR, drawn here, only after the passphrase is typed again. */
export function QrDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [uri, setUri] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const canvas = useRef<HTMLCanvasElement>(null);
  const title = account.issuer || account.name;

  const reveal = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      setUri((await request('accounts/revealUri', { id: account.id, passphrase })).uri);
      setPassphrase('');
    });
  };

  useEffect(() => {
    const target = canvas.current;
    if (!uri || !target) return;
    // Loaded only here: the encoder is not needed to open the popup.
    void import('qrcode').then((qr) => qr.toCanvas(target, uri, { width: 240, margin: 2, errorCorrectionLevel: 'M' }))
      .catch((e: unknown) => setError(errorText(e)));
    return () => target.getContext('2d')?.clearRect(0, 0, target.width, target.height);
  }, [uri]);

  return (
    <Dialog title={t('qr_title', title)} onClose={onClose}>
      {uri ? (
        <div class="stack qr">
          <canvas ref={canvas} role="img" aria-label={t('qr_image_label', [title, account.name])} />
          <p class="warning small">{t('qr_warning')}</p>
          <div class="row"><button type="button" class="primary" onClick={onClose}>{t('done')}</button></div>
        </div>
      ) : (
        <form class="stack" onSubmit={reveal}>
          <p class="muted small">{t('qr_intro')}</p>
          <label class="field"><span>{t('unlock_passphrase')}</span>
            <input type="password" autoComplete="current-password" value={passphrase} autoFocus
              onInput={(e) => setPassphrase(e.currentTarget.value)} /></label>
          {error && <p class="error" role="alert">{error}</p>}
          <div class="row">
            <button type="button" onClick={onClose}>{t('cancel')}</button>
            <button type="submit" class="primary" disabled={busy || !passphrase}>{busy ? t('working') : t('qr_show')}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
