import { memo } from 'preact/compat';
import { t } from '@/lib/i18n';
import type { AccountView, CodeView } from '@/lib/messaging/protocol';
import { groupCode } from '@/lib/otp/format';

interface Props {
  account: AccountView;
  code: CodeView | undefined;
  copied: boolean;
  onCopy: (account: AccountView) => void;
  onDelete: (account: AccountView) => void;
  onHotpNext: (account: AccountView) => void;
}

/**
 * One account. The countdown is a CSS animation started at the right offset, so the row renders
 * only when its code changes, not every second.
 */
export const AccountRow = memo(function AccountRow({ account, code, copied, onCopy, onDelete, onHotpNext }: Props) {
  const title = account.issuer || account.name;
  const elapsed = code?.validUntil ? code.period - (code.validUntil - Date.now()) / 1000 : 0;
  return (
    <li class="account" data-account-id={account.id}>
      <button type="button" class="account-main" onClick={() => onCopy(account)}
        aria-label={t('account_copy_label', [title, account.name, code?.code ?? ''])}>
        <span class="account-text">
          <span class="issuer">{title}</span>
          {account.issuer && <span class="name">{account.name}</span>}
        </span>
        <span class="code" data-testid="code">{code ? groupCode(code.code) : '…'}</span>
        {code?.validUntil && (
          <span class="countdown" aria-hidden="true" key={code.validUntil}
            style={{ animationDuration: `${code.period}s`, animationDelay: `-${elapsed.toFixed(2)}s` }} />
        )}
      </button>
      {copied && <span class="copied" role="status">{t('copied')}</span>}
      {account.type === 'hotp' && (
        <button type="button" class="icon" onClick={() => onHotpNext(account)} aria-label={t('hotp_next_label', title)}>↻</button>
      )}
      <button type="button" class="icon danger" onClick={() => onDelete(account)} aria-label={t('delete_label', title)}>✕</button>
    </li>
  );
});
