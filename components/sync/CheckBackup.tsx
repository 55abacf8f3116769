import { useState } from 'preact/hooks';
import { AppError, asBackupPasswordError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import type { BackupCheck } from '@/lib/sync/backups';
import { toBase64 } from '@/lib/vault/bytes';
import { useAction } from '../useAction';

/** Backup page: "Check a backup" — open a file and compare it with the vault; nothing is imported. */
export function CheckBackup() {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [needsPassword, setNeedsPassword] = useState(false);
  const [result, setResult] = useState<BackupCheck | null>(null);
  const { busy, error, run } = useAction();

  const check = async (chosen: File, withPassword?: string) => {
    setResult(null);
    await run(async () => {
      try {
        const data = toBase64(new Uint8Array(await chosen.arrayBuffer()));
        setResult(await request('backups/check', { data, fileName: chosen.name, password: withPassword }));
        setNeedsPassword(false);
      } catch (e) {
        if (e instanceof AppError && e.code === 'password_required') setNeedsPassword(true);
        throw asBackupPasswordError(e);
      }
    });
  };

  const list = (items: { issuer: string; name: string }[]) => (
    <ul class="small">{items.map((a, i) => <li key={i}>{a.issuer ? `${a.issuer} (${a.name})` : a.name}</li>)}</ul>
  );

  return (
    <section class="card stack" aria-labelledby="check-title">
      <h2 id="check-title">{t('check_title')}</h2>
      <p>{t('check_help')}</p>
      <label class="field"><span>{t('check_file')}</span>
        <input type="file" onChange={(e) => {
          const chosen = e.currentTarget.files?.[0] ?? null;
          setFile(chosen);
          setPassword('');
          setNeedsPassword(false);
          if (chosen) void check(chosen);
        }} /></label>
      {needsPassword && file && (
        <form class="stack" onSubmit={(e) => { e.preventDefault(); void check(file, password); }}>
          <label class="field"><span>{t('check_password')}</span>
            <input type="password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
          <div class="row"><button type="submit" class="primary" disabled={busy || !password}>{t('check_open')}</button></div>
        </form>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {result && (
        <div class="stack" role="status" aria-label={t('check_result')}>
          <p>{result.missing.length === 0 && result.extra.length === 0
            ? t('check_same', [String(result.inBackup), String(result.inVault)])
            : t('check_counts', [String(result.inBackup), String(result.inVault)])}</p>
          {result.missing.length > 0 && <><p>{t('check_missing', String(result.missing.length))}</p>{list(result.missing)}</>}
          {result.extra.length > 0 && <><p>{t('check_extra', String(result.extra.length))}</p>{list(result.extra)}</>}
        </div>
      )}
    </section>
  );
}
