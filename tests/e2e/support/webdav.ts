import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real WebDAV server for the tests: Debian's rclone (`rclone serve webdav`), serving a temporary
 * folder with basic authentication. rclone 1.60 ignores If-Match, the harder case for sync. Installed
 * by scripts/test.mjs (apt-get) when missing; the tests install nothing themselves.
 */
/** Ends a server started by a test (SIGTERM) and waits for it to exit; nothing when it is not running. */
export async function stopProcess(proc: ChildProcess | null): Promise<void> {
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await exited;
}

export const RCLONE = process.env.RCLONE_PATH ?? '/usr/bin/rclone';
export const DAV_USER = 'keyring';
export const DAV_PASSWORD = 'app-password-for-tests';

export interface WebDavServer {
  /** e.g. http://127.0.0.1:40591/ */
  url: string;
  dir: string;
  port: number;
  stop(): Promise<void>;
  /** Starts again on the same port and folder. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startWebDav(): Promise<WebDavServer> {
  if (!existsSync(RCLONE)) throw new Error(`rclone is needed at ${RCLONE}: npm test installs it (apt-get install rclone).`);
  const dir = await mkdtemp(join(tmpdir(), 'keyring-dav-'));
  let child: ChildProcess | null = null;
  let port = 0;
  const launch = (addr: string) =>
    new Promise<number>((resolve, reject) => {
      const proc = spawn(RCLONE, ['serve', 'webdav', dir, '--addr', addr, '--user', DAV_USER, '--pass', DAV_PASSWORD, '--config', '/dev/null'], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = proc;
      let log = '';
      proc.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = /started on \[?https?:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
        if (match) resolve(Number(match[1]));
      });
      proc.on('exit', (code) => reject(new Error(`rclone exited (${code}): ${log}`)));
    });
  port = await launch('127.0.0.1:0');
  const stop = async () => {
    await stopProcess(child);
    child = null;
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    dir,
    port,
    stop,
    start: async () => {
      await launch(`127.0.0.1:${port}`);
    },
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
