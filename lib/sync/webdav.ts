import { AppError } from '@/lib/errors';
import { digest, type RemoteReplica, type SyncEngine } from './engine';
import { openDeviceFile, parseDeviceFile, sealDeviceFile, verifyHeaderCheck, type ReplicaState } from './format';
import { toBase64, utf8 } from '@/lib/vault/bytes';

/**
 * WebDAV: one file per browser, `keyring/devices/<deviceId>.json`. Each browser writes only its own
 * file and reads everyone's, so no two browsers ever write the same object: nothing depends on the
 * server honouring If-Match (Debian's rclone 1.60 ignores it, Apache mod_dav honours it) and no write
 * can overwrite another browser's. Each file holds that browser's whole merged state; the merge of
 * all files is the vault.
 */

export interface WebDavConfig {
  url: string;
  user: string;
  password: string;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const FOLDER = 'keyring/';
const DEVICES = `${FOLDER}devices/`;
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** HTTPS only; plain HTTP only to this computer (loopback), where no network attacker sits. */
export function checkWebDavUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new AppError('sync_bad_address', `“${url}” is not a web address.`);
  }
  const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/.test(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new AppError('sync_not_https', 'The WebDAV address must start with https:// (http:// only for this computer).');
  }
  if (parsed.username || parsed.password) throw new AppError('sync_credentials_in_address', 'Put the user name and password in their own fields, not in the address.');
  parsed.hash = '';
  parsed.search = '';
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed.href;
}

export class WebDavEngine implements SyncEngine {
  readonly kind = 'webdav' as const;
  private readonly base: string;
  private readonly auth: string;

  constructor(
    config: WebDavConfig,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {
    this.base = checkWebDavUrl(config.url);
    this.auth = `Basic ${toBase64(utf8(`${config.user}:${config.password}`))}`;
  }

  async read(): Promise<RemoteReplica[]> {
    const listing = await this.request('PROPFIND', DEVICES, { headers: { Depth: '1', 'Content-Type': 'application/xml' }, body: PROPFIND_BODY }, [207, 404]);
    if (listing.status === 404) return [];
    const names = devicesIn(await listing.text(), new URL(DEVICES, this.base).pathname);
    const files = await Promise.all(
      names.map(async (name) => {
        const response = await this.request('GET', `${DEVICES}${name}`, {}, [200, 404]);
        if (response.status === 404) return null; // removed between the listing and now
        const text = await response.text();
        if (text.length > MAX_FILE_BYTES) throw new AppError('sync_bad_remote', `${name} is too large.`);
        return { file: parseDeviceFile(text), fingerprint: await digest(text) };
      }),
    );
    return files.filter((f) => f !== null).map(({ file, fingerprint }) => ({
      fingerprint,
      vaultId: file.vaultId,
      device: file.device,
      writtenAt: file.writtenAt,
      key: file.key,
      verify: (key: CryptoKey) => verifyHeaderCheck(key, file, file.check),
      open: (key: CryptoKey) => openDeviceFile(key, file),
    }));
  }

  async write(masterKey: CryptoKey, state: ReplicaState): Promise<string> {
    const body = JSON.stringify(await sealDeviceFile(masterKey, state));
    const path = `${DEVICES}${encodeURIComponent(state.device.id)}.json`;
    const put = () => this.request('PUT', path, { headers: { 'Content-Type': 'application/json' }, body }, [200, 201, 204, 404, 409]);
    const fingerprint = await digest(body);
    let response = await put();
    if (response.status === 404 || response.status === 409) {
      // The folders do not exist yet (first browser on this server).
      await this.request('MKCOL', FOLDER, {}, [201, 405]);
      await this.request('MKCOL', DEVICES, {}, [201, 405]);
      response = await put();
      if (response.status === 404 || response.status === 409) throw new AppError('sync_server', `The server refused to create ${path} (HTTP ${response.status}).`);
    }
    return fingerprint;
  }

  private async request(method: string, path: string, init: RequestInit, expected: number[]): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetcher(new URL(path, this.base).href, {
        ...init,
        method,
        headers: { ...(init.headers as Record<string, string> | undefined), Authorization: this.auth },
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch {
      throw new AppError('sync_offline', 'The WebDAV server cannot be reached (offline, or the address is wrong).');
    }
    if (expected.includes(response.status)) return response;
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 401 || response.status === 403) throw new AppError('sync_auth', 'The WebDAV server refused the user name or app password.');
    if (response.status === 507 || response.status === 413) throw new AppError('sync_quota', 'The WebDAV server is full.');
    throw new AppError('sync_server', `The WebDAV server answered ${method} with HTTP ${response.status}.`);
  }
}

const PROPFIND_BODY = '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>';

/** Device file names in a PROPFIND answer (no DOMParser in a service worker: the hrefs are enough). */
export function devicesIn(xml: string, folderPath: string): string[] {
  const names = new Set<string>();
  for (const match of xml.matchAll(/<(?:[A-Za-z][\w.-]*:)?href\b[^>]*>([^<]*)<\/(?:[A-Za-z][\w.-]*:)?href>/g)) {
    let path = match[1]!.trim().replace(/&amp;/g, '&');
    try {
      path = decodeURIComponent(new URL(path, 'http://x').pathname);
    } catch {
      continue;
    }
    const folder = decodeURIComponent(folderPath);
    if (!path.startsWith(folder)) continue;
    const name = path.slice(folder.length);
    if (/^[A-Za-z0-9_-]{1,64}\.json$/.test(name)) names.add(name);
  }
  return [...names];
}
