import { readdir, readFile } from 'node:fs/promises';
import type { ExtensionBrowser } from './browser';

/**
 * Kills a browser the hard way (SIGKILL to Chromium's main process, as a crash or a power cut would):
 * no unload, no flush. The main process is the one started with this profile's --user-data-dir and
 * without --type= (renderers, GPU and utility processes have one); the others die with it.
 */
export async function killBrowser(browser: ExtensionBrowser): Promise<number> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = await readFile(`/proc/${entry}/cmdline`, 'utf8').then((text) => text.split('\0'), () => [] as string[]);
    if (args.includes(`--user-data-dir=${browser.userDataDir}`) && !args.some((a) => a.startsWith('--type='))) pids.push(Number(entry));
  }
  if (pids.length !== 1) throw new Error(`expected one browser process for ${browser.userDataDir}, found ${pids.length}`);
  const closed = new Promise((resolve) => browser.context.once('close', resolve));
  process.kill(pids[0]!, 'SIGKILL');
  await closed;
  return pids[0]!;
}
