import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { AccountView, CodeView } from '@/lib/messaging/protocol';
import type { DamagedRecord } from '@/lib/vault/vault';
import { AccountRow } from './AccountRow';

type CodeMap = Map<string, CodeView>;

/** Swaps in the next code for every account whose step has ended; returns the same map if none did. */
export function advanceCodes(codes: CodeMap, now: number): CodeMap {
  let next: CodeMap | null = null;
  for (const [id, view] of codes) {
    if (view.validUntil !== null && view.validUntil <= now && view.nextCode) {
      next ??= new Map(codes);
      next.set(id, { ...view, code: view.nextCode, nextCode: null, validUntil: view.validUntil + view.period * 1000 });
    }
  }
  return next ?? codes;
}

export function AccountList({ version, onChanged }: { version: number; onChanged: () => void }) {
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [damaged, setDamaged] = useState<DamagedRecord[]>([]);
  const [codes, setCodes] = useState<CodeMap>(new Map());
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ token: string; title: string } | null>(null);
  const [error, setError] = useState('');
  const codesRef = useRef(codes);
  codesRef.current = codes;

  const refreshCodes = useCallback(async () => {
    const list = await request('accounts/codes', {});
    setCodes(new Map(list.map((c) => [c.id, c])));
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        const [list, codeList] = await Promise.all([request('accounts/list', null), request('accounts/codes', {})]);
        setAccounts(list.accounts);
        setDamaged(list.damaged);
        setCodes(new Map(codeList.map((c) => [c.id, c])));
      } catch (e) {
        setError(errorText(e));
      }
    })();
  }, [version]);

  // Tick over at the earliest step boundary: swap in the prepared next codes, then fetch fresh ones.
  useEffect(() => {
    const boundaries = [...codes.values()].map((c) => c.validUntil).filter((v): v is number => v !== null);
    if (boundaries.length === 0) return;
    const wait = Math.max(0, Math.min(...boundaries) - Date.now());
    const timer = setTimeout(() => {
      setCodes((current) => advanceCodes(current, Date.now()));
      void refreshCodes();
    }, wait + 5);
    return () => clearTimeout(timer);
  }, [codes, refreshCodes]);

  const copy = useCallback(async (account: AccountView) => {
    const code = codesRef.current.get(account.id)?.code;
    if (!code) return;
    await navigator.clipboard.writeText(code);
    setCopiedId(account.id);
    setTimeout(() => setCopiedId((id) => (id === account.id ? null : id)), 1500);
  }, []);

  const remove = useCallback(async (account: AccountView) => {
    try {
      const { undoToken } = await request('accounts/delete', { ids: [account.id] });
      setAccounts((list) => list?.filter((a) => a.id !== account.id) ?? null);
      setUndo({ token: undoToken, title: account.issuer || account.name });
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  const undoDelete = async () => {
    if (!undo) return;
    try {
      await request('accounts/undoDelete', { undoToken: undo.token });
      setUndo(null);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const hotpNext = useCallback(async (account: AccountView) => {
    const view = await request('accounts/hotpNext', { id: account.id });
    setCodes((current) => new Map(current).set(view.id, view));
  }, []);

  if (error) return <p class="error" role="alert">{error}</p>;
  if (!accounts) return <p class="muted">{t('loading')}</p>;
  return (
    <>
      {damaged.length > 0 && (
        <p class="error" role="alert">{t('damaged_records', [String(damaged.length), damaged.map((d) => d.id).join(', ')])}</p>
      )}
      {accounts.length === 0 ? (
        <div class="empty">
          <p>{t('empty_title')}</p>
          <ul>
            <li>{t('empty_scan')}</li>
            <li>{t('empty_paste')}</li>
            <li>{t('empty_type')}</li>
          </ul>
        </div>
      ) : (
        <ul class="accounts" aria-label={t('accounts_label')}>
          {accounts.map((account) => (
            <AccountRow key={account.id} account={account} code={codes.get(account.id)} copied={copiedId === account.id}
              onCopy={copy} onDelete={remove} onHotpNext={hotpNext} />
          ))}
        </ul>
      )}
      {undo && (
        <div class="toast" role="status">
          {t('deleted', undo.title)} <button type="button" onClick={undoDelete}>{t('undo')}</button>
        </div>
      )}
    </>
  );
}
