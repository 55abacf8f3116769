import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAV_PASSWORD, DAV_USER, stopProcess, type WebDavServer } from './webdav';

/**
 * A second real WebDAV server: Debian's Apache httpd with mod_dav + mod_dav_fs, which (unlike rclone
 * 1.60) honours If-Match. Run in the foreground as a child of the test, from a configuration written
 * into a temporary folder: its own port on 127.0.0.1, its own PidFile, ErrorLog, lock database, and
 * basic authentication from an htpasswd file. Installed by scripts/test.mjs (apt-get) when missing.
 */
export const APACHE = process.env.APACHE_PATH ?? '/usr/sbin/apache2';
const MODULES = process.env.APACHE_MODULES ?? '/usr/lib/apache2/modules';

/** An htpasswd line, {SHA} scheme (base64 of SHA-1), which Apache's authn_file accepts. */
function htpasswdLine(user: string, password: string): string {
  return `${user}:{SHA}${createHash('sha1').update(password).digest('base64')}\n`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function config(root: string, dataDir: string, port: number, runAs: string | null): string {
  const modules = ['mpm_event', 'authn_core', 'authz_core', 'authz_user', 'auth_basic', 'authn_file', 'alias', 'dav', 'dav_fs'];
  return [
    `ServerRoot "${root}"`,
    `ServerName 127.0.0.1`,
    `Listen 127.0.0.1:${port}`,
    `PidFile "${join(root, 'httpd.pid')}"`,
    `ErrorLog "${join(root, 'error.log')}"`,
    `LogLevel warn`,
    `DefaultRuntimeDir "${root}"`,
    `Mutex file:${root} default`,
    ...modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
    ...(runAs ? [`User ${runAs}`, `Group ${runAs}`] : []),
    'StartServers 1',
    'ServerLimit 1',
    'ThreadsPerChild 16',
    'MaxRequestWorkers 16',
    'KeepAlive On',
    `DavLockDB "${join(root, 'davlock')}"`,
    `Alias /dav "${dataDir}/"`,
    `<Directory "${dataDir}">`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName "keyring tests"',
    `  AuthUserFile "${join(root, 'htpasswd')}"`,
    '  Require valid-user',
    '</Directory>',
    '',
  ].join('\n');
}

/** Apache mod_dav serving a temporary folder at http://127.0.0.1:<port>/dav/. */
export async function startApacheDav(): Promise<WebDavServer> {
  if (!existsSync(APACHE)) throw new Error(`Apache is needed at ${APACHE}: npm test installs it (apt-get install apache2).`);
  const root = await mkdtemp(join(tmpdir(), 'keyring-apache-'));
  const dir = join(root, 'data');
  await mkdir(dir);
  // As root, Apache's workers switch to an unprivileged user, which must own the served folder.
  const runAs = process.getuid?.() === 0 ? 'www-data' : null;
  if (runAs) {
    const id = spawnSync('id', ['-u', runAs], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', runAs], { encoding: 'utf8' });
    await chown(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
    await chown(root, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  await writeFile(join(root, 'htpasswd'), htpasswdLine(DAV_USER, DAV_PASSWORD));
  let child: ChildProcess | null = null;
  let port = 0;

  const launch = async (wanted: number): Promise<number> => {
    for (let attempt = 0; ; attempt++) {
      const candidate = wanted || (await freePort());
      await writeFile(join(root, 'httpd.conf'), config(root, dir, candidate, runAs));
      const proc = spawn(APACHE, ['-DFOREGROUND', '-f', join(root, 'httpd.conf')], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LANG: 'C' } });
      child = proc;
      let log = '';
      proc.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
      // Ready when an authenticated request is answered: then the port is Apache's and workers run.
      const ready = (async () => {
        for (;;) {
          if (proc.exitCode !== null) return false;
          const ok = await fetch(`http://127.0.0.1:${candidate}/dav/`, { method: 'PROPFIND', headers: { Depth: '0', Authorization: basic() } }).then(
            (r) => r.status === 207,
            () => false,
          );
          if (ok) return true;
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 50))]);
        }
      })();
      if (await ready) return candidate;
      await exited;
      child = null;
      if (wanted || attempt >= 5 || !/in use|could not bind/i.test(log)) throw new Error(`apache2 did not start: ${log}`);
    }
  };
  port = await launch(0);
  const stop = async () => {
    await stopProcess(child);
    child = null;
  };
  return {
    url: `http://127.0.0.1:${port}/dav/`,
    dir,
    port,
    stop,
    start: async () => {
      await launch(port);
    },
    dispose: async () => {
      await stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

const basic = () => `Basic ${Buffer.from(`${DAV_USER}:${DAV_PASSWORD}`).toString('base64')}`;

