import { useEffect, useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { BindOption } from '@/lib/autofill/messages';
import { useAction } from '../useAction';

/**
 * The one place an existing account is bound to a new site: the extension's own window, never the page.
 * It names the site (from the background's record of the frame that asked), the person picks the
 * account and confirms; the background binds it and fills the code in that frame.
 */
export function BindPage({ requestId }: { requestId: string }) {
  const [loaded, setLoaded] = useState<{ site: string; options: BindOption[] } | null>(null);
  const [loadError, setLoadError] = useState('');
  const [chosen, setChosen] = useState('');
  const [done, setDone] = useState('');
  const { busy, error, run } = useAction();

  useEffect(() => {
    request('autofill/bindRequest', { request: requestId }).then(
      (value) => {
        setLoaded(value);
        // Only a lone account is chosen in advance, never one guessed by name (a look-alike would match).
        if (value.options.length === 1 && value.options[0]) setChosen(value.options[0].id);
      },
      (e: unknown) => setLoadError(errorText(e)),
    );
  }, [requestId]);

  const confirm = (event: Event) => {
    event.preventDefault();
    if (!loaded || !chosen) return;
    void run(async () => {
      const result = await request('autofill/bind', { request: requestId, id: chosen });
      setDone(result.filled ? t('bind_done', result.site) : t('bind_done_not_filled', result.site));
      if (result.filled) window.close();
    });
  };

  return (
    <main class="page-main bind-main stack">
      <h1>{t('bind_title')}</h1>
      {loadError && <p class="error" role="alert">{loadError}</p>}
      {loaded && (
        <form class="stack" onSubmit={confirm}>
          <p>{t('bind_intro')}</p>
          <p class="bind-site" data-testid="bind-site">{loaded.site}</p>
          <p class="warning">{t('bind_warning')}</p>
          {loaded.options.length === 0 ? (
            <p>{t('bind_none')}</p>
          ) : (
            <fieldset class="bind-options">
              <legend>{t('bind_choose')}</legend>
              {loaded.options.map((option) => (
                <label class="bind-option" key={option.id}>
                  <input type="radio" name="account" value={option.id} checked={chosen === option.id} onChange={() => setChosen(option.id)} />
                  <span>
                    {option.label || t('offer_unnamed')}
                    {option.sites.length > 0 && <small>{t('bind_already', option.sites.join(', '))}</small>}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {error && <p class="error" role="alert">{error}</p>}
          {done && <p role="status">{done}</p>}
          <div class="bind-actions">
            <button type="submit" class="primary" disabled={busy || !chosen || Boolean(done)}>
              {t('bind_confirm', loaded.site)}
            </button>
            <button type="button" onClick={() => window.close()}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}
