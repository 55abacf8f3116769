import * as kdbxwebModule from 'kdbxweb';
import type { KdbxGroup } from 'kdbxweb';
// Registers the Argon2 hook (hash-wasm) that kdbxweb also needs to write KDBX 4 files.
import '../../../lib/formats/keepass';

/**
 * KeePass databases written with kdbxweb (the library KeeWeb saves its files with), each entry holding its code
 * in the fields the apps write: KeePassXC's `otp` link and older `TOTP Seed`/`TOTP Settings`, KeePass 2.47+'s
 * `TimeOtp-*`/`HmacOtp-*`, KeeOtp's `key=…` settings.
 */
// A UMD bundle: Node's ESM loader gives its exports under `default`, vitest directly.
const kdbxweb = (kdbxwebModule as unknown as { default?: typeof kdbxwebModule }).default ?? kdbxwebModule;

export type KeePassEntry = { title: string; user: string; fields: Record<string, string> };

export interface KeePassOptions {
  version: 3 | 4;
  /** KDBX 4 only: Argon2id memory in KiB and iterations (KeePassXC's default: 64 MiB, 10 iterations). */
  argon2?: { memoryKiB: number; iterations: number; parallelism?: number };
  /** Entries put in the recycle bin, which the importer leaves out. */
  recycled?: KeePassEntry[];
}

export async function keepassFile(password: string, entries: KeePassEntry[], options: KeePassOptions): Promise<Uint8Array> {
  const db = kdbxweb.Kdbx.create(new kdbxweb.KdbxCredentials(kdbxweb.ProtectedValue.fromString(password)), 'Passwords');
  db.setVersion(options.version);
  if (options.version === 4) {
    db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
    const { memoryKiB, iterations, parallelism } = options.argon2 ?? { memoryKiB: 1024, iterations: 2 };
    const params = db.header.kdfParameters!;
    params.set('M', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(memoryKiB * 1024));
    params.set('I', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(iterations));
    params.set('P', kdbxweb.VarDictionary.ValueType.UInt32, parallelism ?? 2);
  } else {
    db.header.keyEncryptionRounds = 6_000;
  }
  const add = (group: KdbxGroup, entry: KeePassEntry) => {
    const created = db.createEntry(group);
    created.fields.set('Title', entry.title);
    created.fields.set('UserName', entry.user);
    created.fields.set('Password', kdbxweb.ProtectedValue.fromString('hunter2'));
    for (const [name, value] of Object.entries(entry.fields)) created.fields.set(name, name.toLowerCase().includes('secret') || name === 'otp' || name === 'TOTP Seed' ? kdbxweb.ProtectedValue.fromString(value) : value);
  };
  const work = db.createGroup(db.getDefaultGroup(), 'Work');
  entries.forEach((entry, i) => add(i % 2 ? work : db.getDefaultGroup(), entry));
  if (options.recycled?.length) {
    db.createRecycleBin();
    const bin = db.getGroup(db.meta.recycleBinUuid!)!;
    for (const entry of options.recycled) add(bin, entry);
  }
  return new Uint8Array(await db.save());
}

/** The reference accounts (tests/fixtures/import/plain.txt), each in a different app's fields. */
export const REFERENCE_ENTRIES: KeePassEntry[] = [
  { title: 'Deno', user: 'Mason', fields: { 'TOTP Seed': '4SJH B4GS D43F ZBAI 7C2H LRJG PQ', 'TOTP Settings': '30;6' } },
  { title: 'SPDX', user: 'James', fields: { otp: 'otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&period=20&digits=7&issuer=SPDX&algorithm=SHA256' } },
  { title: 'Airbnb', user: 'Elijah', fields: { 'TimeOtp-Secret-Base32': '7ELGJSGXNCCTV3O6LKJWYFV2RA', 'TimeOtp-Length': '8', 'TimeOtp-Period': '50', 'TimeOtp-Algorithm': 'HMAC-SHA-512' } },
  { title: 'Issuu', user: 'James', fields: { 'HmacOtp-Secret-Base32': 'YOOMIXWS5GN6RTBPUFFWKTW5M4', 'HmacOtp-Counter': '1' } },
  { title: 'Air Canada', user: 'Benjamin', fields: { otp: 'otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air%20Canada&algorithm=SHA256&digits=7&counter=50' } },
  { title: 'WWE', user: 'Mason', fields: { otp: 'key=5VAML3X35THCEBVRLV24CGBKOY&type=Hotp&size=8&otpHashMode=Sha512&counter=10300' } },
  { title: 'Boeing', user: 'Sophia', fields: { 'TOTP Seed': 'JRZCL47CMXVOQMNPZR2F7J4RGI', 'TOTP Settings': '30;S' } },
];

/** Entries every real database also has: a password without a code. */
export const PASSWORD_ONLY: KeePassEntry = { title: 'Bank', user: 'mason', fields: { URL: 'https://bank.example' } };
