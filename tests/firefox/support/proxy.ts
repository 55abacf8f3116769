import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface HostProxy {
  port: number;
  close(): Promise<void>;
}

/**
 * Firefox has no `--host-resolver-rules`: it reaches every host name through this proxy instead
 * (network.proxy.* prefs), which tunnels each `CONNECT host:443` to the HTTPS test server. The page
 * keeps its real origin (`https://bank.example`), so origin checks run against real host names.
 */
export async function startHostProxy(httpsPort: number): Promise<HostProxy> {
  const server: Server = createServer((_request, response) => response.writeHead(502, { 'content-type': 'text/plain' }).end('plain HTTP is not proxied'));
  const tunnels = new Set<{ destroy(): void }>();
  server.on('connect', (_request, client, head) => {
    const upstream = connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      client.destroy();
      tunnels.delete(upstream);
      tunnels.delete(client);
    };
    tunnels.add(upstream).add(client);
    upstream.on('close', end);
    client.on('close', end);
    upstream.on('error', end);
    client.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy(); // tunnels left the server's bookkeeping at CONNECT
      }),
  };
}
