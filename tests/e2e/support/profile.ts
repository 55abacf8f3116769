import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Every file of a browser profile in which any of the needles occurs, as bytes. */
export async function findInProfile(dir: string, needles: Buffer[]): Promise<string[]> {
  const hits: string[] = [];
  for await (const file of filesUnder(dir)) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    for (const needle of needles) if (bytes.includes(needle)) hits.push(`${file} contains ${needle.toString('hex').slice(0, 16)}…`);
  }
  return hits;
}
