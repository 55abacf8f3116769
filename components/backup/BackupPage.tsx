import { useState } from 'preact/hooks';
import { AppError, asBackupPasswordError } from '@/lib/errors';
import { importFormatText, skippedEntryText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { imageKindOf } from '@/lib/formats/image';
import { isSqliteFile } from '@/lib/formats/sqlite-dump';
import { isZipFile } from '@/lib/formats/zip-dump';
import { qrTextOfBlob } from '@/lib/qr/image-pixels';
import type { ImportPreview } from '@/lib/formats/messages';
import { toBase64, utf8 } from '@/lib/vault/bytes';
import { plural } from '@/lib/popup/plural';
import { useAction } from '../useAction';
import { CheckBackup } from '../sync/CheckBackup';
import { sqliteDumpOnPage } from './sqlite-page';
import { PolicyNote } from '../PolicyNote';
import { isFixed, usePolicy } from '../usePolicy';
import { zipDumpOnPage } from './zip-page';

function download(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function BackupPage() {
  const policy = usePolicy();
  return (
    <main class="page-main stack">
      <h1>{t('backup_title')}</h1>
      <ExportSection plainDisabled={isFixed(policy, 'plainExport')} />
      <ImportSection disabled={isFixed(policy, 'import')} />
      <CheckBackup />
    </main>
  );
}

function ExportSection({ plainDisabled }: { plainDisabled: boolean }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [useVaultPassphrase, setUseVaultPassphrase] = useState(false);
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [plainAcknowledged, setPlainAcknowledged] = useState(false);
  const [status, setStatus] = useState('');
  const { busy, error, setError, run } = useAction();

  const exportAs = async (format: 'aegis-encrypted' | 'aegis-plain' | 'otpauth-list') => {
    setStatus('');
    if (format === 'aegis-encrypted' && !useVaultPassphrase && password !== again) return setError(t('backup_passwords_differ'));
    await run(async () => {
      const result =
        format === 'aegis-encrypted'
          ? await request('backup/export', { format, password: useVaultPassphrase ? vaultPassphrase : password, vaultPassphrase })
          : await request('backup/export', { format, vaultPassphrase, acknowledgePlain: true });
      download(result.fileName, result.mimeType, result.text);
      setStatus(t('backup_exported', result.fileName));
    });
  };

  return (
    <section class="card stack" aria-labelledby="export-title">
      <h2 id="export-title">{t('backup_export_title')}</h2>
      <p>{t('backup_export_help')}</p>
      <label class="field">
        <span>{t('backup_vault_passphrase')}</span>
        <input type="password" autoComplete="current-password" value={vaultPassphrase} onInput={(e) => setVaultPassphrase(e.currentTarget.value)} />
      </label>
      <label class="check">
        <input type="checkbox" checked={useVaultPassphrase} onChange={(e) => setUseVaultPassphrase(e.currentTarget.checked)} />
        <span>{t('backup_use_vault_passphrase')}</span>
      </label>
      {!useVaultPassphrase && (
        <>
          <label class="field">
            <span>{t('backup_password')}</span>
            <input type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('backup_password_again')}</span>
            <input type="password" autoComplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
          </label>
        </>
      )}
      <button type="button" class="primary" disabled={busy || !vaultPassphrase || (!useVaultPassphrase && !password)} onClick={() => void exportAs('aegis-encrypted')}>
        {t('backup_export_encrypted')}
      </button>
      <details>
        <summary>{t('backup_plain_summary')}</summary>
        <p class="warning" role="note">{t('backup_plain_warning')}</p>
        {plainDisabled && <PolicyNote id="plain-policy" text={t('policy_fixed_plain_export')} />}
        <label class="check">
          <input type="checkbox" checked={plainAcknowledged} onChange={(e) => setPlainAcknowledged(e.currentTarget.checked)} disabled={plainDisabled}
            aria-describedby={plainDisabled ? 'plain-policy' : undefined} />
          <span>{t('backup_plain_acknowledge')}</span>
        </label>
        <div class="row">
          <button type="button" disabled={busy || plainDisabled || !plainAcknowledged || !vaultPassphrase} onClick={() => void exportAs('otpauth-list')}>{t('backup_export_uris')}</button>
          <button type="button" disabled={busy || plainDisabled || !plainAcknowledged || !vaultPassphrase} onClick={() => void exportAs('aegis-plain')}>{t('backup_export_aegis_plain')}</button>
        </div>
      </details>
      {status && <p role="status">{status}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

function ImportSection({ disabled }: { disabled: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [needsPassword, setNeedsPassword] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [includeDuplicates, setIncludeDuplicates] = useState(false);
  const [status, setStatus] = useState('');
  const { busy, error, run } = useAction();

  const readFile = async (chosen: File, withPassword?: string) => {
    setStatus(t('backup_reading'));
    setPreview(null);
    await run(async () => {
      try {
        let bytes = new Uint8Array(await chosen.arrayBuffer());
        // A screenshot: read here with the browser's decoder, the same way the page scanner reads images.
        if (imageKindOf(bytes)) {
          const text = await qrTextOfBlob(chosen);
          if (!text) throw new AppError('image_no_qr', 'No QR code was found in this image.');
          bytes = utf8(text);
        }
        // An app's database (Google/Microsoft Authenticator, Stratum): opened here, its accounts tables sent.
        if (isSqliteFile(bytes)) bytes = await sqliteDumpOnPage(bytes);
        // A ZIP archive (Authenticator Plus, WinAuth, 1Password .1pux, Proton Pass): unpacked here, its text files sent.
        else if (isZipFile(bytes)) bytes = await zipDumpOnPage(bytes, withPassword);
        setPreview(await request('backup/preview', { data: toBase64(bytes), fileName: chosen.name, password: withPassword }));
        setNeedsPassword(false);
      } catch (e) {
        if (e instanceof AppError && e.code === 'password_required') setNeedsPassword(true);
        throw asBackupPasswordError(e);
      } finally {
        setStatus('');
      }
    });
  };

  const confirm = async () => {
    if (!preview) return;
    await run(async () => {
      const { added } = await request('backup/import', { token: preview.token, includeDuplicates });
      setStatus(plural(added, 'backup_imported_one', 'backup_imported_other'));
      setPreview(null);
      setFile(null);
    });
  };

  const fresh = preview?.entries.filter((e) => !e.duplicate) ?? [];
  const duplicates = preview?.entries.filter((e) => e.duplicate) ?? [];
  const count = fresh.length + (includeDuplicates ? duplicates.length : 0);

  return (
    <section class="card stack" aria-labelledby="import-title">
      <h2 id="import-title">{t('backup_import_title')}</h2>
      <p>{t('backup_import_help')}</p>
      <label class="field">
        <span>{t('backup_file')}</span>
        <input
          type="file"
          disabled={disabled}
          aria-describedby={disabled ? 'import-policy' : undefined}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0] ?? null;
            setFile(chosen);
            setPassword('');
            setNeedsPassword(false);
            if (chosen) void readFile(chosen);
          }}
        />
      </label>
      {disabled && <PolicyNote id="import-policy" text={t('policy_fixed_import')} />}
      {needsPassword && file && (
        <form class="row" onSubmit={(e) => { e.preventDefault(); void readFile(file, password); }}>
          <label class="field">
            <span>{t('backup_file_password')}</span>
            <input type="password" value={password} autoFocus onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={busy || !password}>{t('backup_open')}</button>
        </form>
      )}
      {busy && <progress aria-label={t('backup_reading')} />}
      {preview && (
        <div class="stack" aria-live="polite">
          <p>{t('backup_preview_format', importFormatText(preview.format))}{' '}{plural(fresh.length, 'backup_preview_new_one', 'backup_preview_new_other')}
            {duplicates.length > 0 && <>{' '}{plural(duplicates.length, 'backup_preview_dup_one', 'backup_preview_dup_other')}</>}</p>
          <ul class="preview-list" aria-label={t('backup_preview_list')}>
            {preview.entries.map((entry, i) => (
              <li key={i} class={entry.duplicate ? 'duplicate' : ''}>
                <strong>{entry.issuer || entry.name}</strong> {entry.issuer ? entry.name : ''} <small>{entry.type.toUpperCase()}</small>
                {entry.duplicate && <em> — {t('backup_duplicate')}</em>}
              </li>
            ))}
          </ul>
          {preview.skipped.length > 0 && (
            <div role="alert" class="warning">
              <p>{plural(preview.skipped.length, 'backup_skipped_one', 'backup_skipped_other')}</p>
              <ul>
                {preview.skipped.map((s, i) => (
                  <li key={i}>{skippedEntryText(s)}</li>
                ))}
              </ul>
            </div>
          )}
          {duplicates.length > 0 && (
            <label class="check">
              <input type="checkbox" checked={includeDuplicates} onChange={(e) => setIncludeDuplicates(e.currentTarget.checked)} />
              <span>{t('backup_include_duplicates')}</span>
            </label>
          )}
          <button type="button" class="primary" disabled={busy || count === 0} onClick={() => void confirm()}>
            {plural(count, 'backup_import_button_one', 'backup_import_button_other')}
          </button>
        </div>
      )}
      {status && <p role="status">{status}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
