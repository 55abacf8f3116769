import { useEffect, useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { VaultStatus } from '@/lib/vault/vault';
import { AccountList } from './AccountList';
import { AddAccountForm } from './AddAccountForm';
import { PassphraseSetup } from './PassphraseSetup';
import { UnlockForm } from './UnlockForm';

export function App() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [adding, setAdding] = useState(false);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState('');

  const refresh = async () => {
    try {
      setStatus((await request('vault/status', null)).status);
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => void refresh(), []);

  const lock = async () => {
    await request('vault/lock', null);
    setAdding(false);
    await refresh();
  };

  if (error) return <p class="error" role="alert">{error}</p>;
  if (status === null) return <p class="muted">{t('loading')}</p>;
  if (status === 'uninitialized') return <PassphraseSetup onDone={refresh} />;
  if (status === 'locked') return <UnlockForm onDone={refresh} />;
  return (
    <div class="stack">
      <header class="toolbar">
        <h1>{t('accounts_title')}</h1>
        <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>{t('add_open')}</button>
        <button type="button" onClick={lock}>{t('lock')}</button>
      </header>
      {adding && <AddAccountForm onCancel={() => setAdding(false)} onAdded={() => { setAdding(false); setVersion((v) => v + 1); }} />}
      <AccountList version={version} onChanged={() => setVersion((v) => v + 1)} />
    </div>
  );
}
