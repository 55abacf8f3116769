import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { generate } from 'selfsigned';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

export interface StaticServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `root` over HTTPS on 127.0.0.1 for every host name (a throwaway self-signed certificate).
 * Chromium reaches it through `--host-resolver-rules`, so `https://github.com/x.html` is `root/x.html`.
 * Images are sent with `Access-Control-Allow-Origin` only when a page asks for `?cors`, so tests can
 * have both readable and tainting cross-origin images. `?needs-cookie=NAME` answers 403 unless the request
 * carries a cookie NAME (a per-session resource, such as a QR only the signed-in person may see).
 */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const pems = await generate([{ name: 'commonName', value: 'corpus.test' }], { keyType: 'ec', curve: 'P-256' });
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'https://placeholder');
      const path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(normalize(root + sep)) && path !== normalize(root)) {
        response.writeHead(403).end();
        return;
      }
      try {
        const needsCookie = url.searchParams.get('needs-cookie');
        if (needsCookie && !(request.headers.cookie ?? '').split(/;\s*/).some((c) => c.startsWith(`${needsCookie}=`))) {
          response.writeHead(403, { 'content-type': 'text/plain' }).end('sign in first');
          return;
        }
        const file = path.endsWith(sep) ? join(path, 'index.html') : path;
        const body = await readFile(file);
        const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', date: new Date().toUTCString() };
        if (url.searchParams.has('cors')) headers['access-control-allow-origin'] = '*';
        response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : body);
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets from Chromium would hold close() open
      }),
  };
}
