import { makeDraft } from '../../lib/otp/account';
import { bytesToBase32 } from '../../lib/otp/base32';
import { writeAegisPlain } from '../../lib/formats/aegis-export';
import { atMost, BENCH_PASSPHRASE, type BenchContext, type BenchRow } from './kit';

/** A plain Aegis file of `count` distinct accounts, written by our own exporter. */
function aegisPlainFile(count: number, round: number): Promise<string> {
  const accounts = Array.from({ length: count }, (_, i) => {
    const secret = new Uint8Array(20);
    new DataView(secret.buffer).setUint32(0, i);
    new DataView(secret.buffer).setUint32(4, round);
    return makeDraft({ secret: bytesToBase32(secret), issuer: `Service ${i}`, name: `user${i}@example.com` });
  });
  return writeAegisPlain(accounts);
}

/**
 * Issue #6 rows, end to end in the extension: import = read + preview + one-transaction add of 1,000
 * accounts from a plain Aegis file (each round into an emptied vault); export = encrypted Aegis backup of
 * 1,000 accounts (scrypt N=2^15 dominates).
 */
export async function benchBackup(context: BenchContext): Promise<BenchRow[]> {
  const { send, extensionPage } = context;
  await send('vault/create', { passphrase: BENCH_PASSPHRASE });
  const now = () => extensionPage.evaluate(() => performance.now());
  const importMs: number[] = [];
  for (let round = 0; round < 5; round++) {
    const { accounts } = await send<{ accounts: { id: string }[] }>('accounts/list', null);
    if (accounts.length) await send('accounts/delete', { ids: accounts.map((a) => a.id) });
    const data = Buffer.from(await aegisPlainFile(1000, round)).toString('base64');
    const started = await now();
    const preview = await send<{ token: string }>('backup/preview', { data, fileName: 'aegis.json' });
    const { added } = await send<{ added: number }>('backup/import', { token: preview.token, includeDuplicates: false });
    importMs.push((await now()) - started);
    if (added !== 1000) throw new Error(`imported ${added} accounts, expected 1000`);
  }
  const exportMs: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = await now();
    await send('backup/export', { format: 'aegis-encrypted', password: 'bench backup password', vaultPassphrase: BENCH_PASSPHRASE });
    exportMs.push((await now()) - started);
  }
  return [
    atMost('import 1,000 accounts from a plain Aegis file', importMs.map((ms) => ms / 1000), 2, 's'),
    atMost('encrypted export of 1,000 accounts (Aegis, scrypt)', exportMs.map((ms) => ms / 1000), 1.5, 's'),
  ];
}
