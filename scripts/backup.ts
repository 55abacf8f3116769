// `npm run backup -- read FILE [--password P]` prints a backup's accounts as otpauth:// links;
// `npm run backup -- write --out FILE --password P` turns otpauth:// links on stdin into an encrypted
// backup. Same lib/ code as the extension, so a backup can be checked without a browser.
import { readFileSync, writeFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { AppError } from '../lib/errors';
import { writeAegisBackup } from '../lib/formats/aegis-export';
import { importBackup } from '../lib/formats';
import { readLinks } from '../lib/formats/uri-list';
import { decodeQr } from '../lib/qr/decode';
import { toOtpauthUri } from '../lib/otp/uri';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** PNG/JPEG screenshots (e.g. of Google Authenticator's export screen): the QR code's text. */
function qrTextOfImage(bytes: Buffer): string | null {
  let pixels: { data: Uint8Array; width: number; height: number } | null = null;
  if (bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) pixels = PNG.sync.read(bytes);
  else if (bytes[0] === 0xff && bytes[1] === 0xd8) pixels = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  if (!pixels) return null;
  const text = decodeQr({ data: new Uint8ClampedArray(pixels.data.buffer, pixels.data.byteOffset, pixels.data.length), width: pixels.width, height: pixels.height });
  if (text === null) throw new AppError('unknown_format', 'No QR code was found in this image.');
  return text;
}

async function read(args: string[]): Promise<void> {
  const file = args[0];
  if (!file) throw new Error('usage: backup read FILE [--password P]');
  let bytes: Uint8Array = readFileSync(file);
  const qrText = qrTextOfImage(Buffer.from(bytes));
  if (qrText !== null) {
    if (!/^(otpauth|otpauth-migration|steam):/i.test(qrText)) throw new AppError('not_otp_qr', 'The QR code in this image is not a two-factor account or export.');
    bytes = new TextEncoder().encode(qrText);
  }
  try {
    const result = await importBackup({ bytes, fileName: file }, option(args, '--password'));
    console.error(`${result.format}: ${result.accounts.length} account(s)`);
    for (const skipped of result.skipped) console.error(`skipped ${skipped.label}: ${skipped.reason}`);
    for (const account of result.accounts) console.log(toOtpauthUri(account));
  } catch (error) {
    if (error instanceof AppError && error.code === 'password_required') throw new AppError('password_required', `${error.message} Pass it with --password.`);
    throw error;
  }
}

async function write(args: string[]): Promise<void> {
  const out = option(args, '--out');
  const password = option(args, '--password');
  if (!out || !password) throw new Error('usage: backup write --out FILE --password P < links.txt');
  if (password.length < 8) throw new AppError('weak_passphrase', 'The backup password must have at least 8 characters.');
  const { accounts, skipped } = readLinks(readFileSync(0, 'utf8'), 'links');
  if (skipped.length) throw new AppError('invalid_entry', skipped.map((s) => `${s.label}: ${s.reason}`).join('\n'));
  writeFileSync(out, await writeAegisBackup(accounts, password));
  console.error(`Wrote ${accounts.length} account(s) to ${out} (Aegis vault format, encrypted).`);
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'read') await read(rest);
  else if (command === 'write') await write(rest);
  else throw new Error('usage: backup read FILE [--password P] | backup write --out FILE --password P');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
