/**
 * `npm run icons`: renders public/icons/icon.svg to the PNGs the manifest and the toolbar use (16, 32, 48,
 * 128 px). Rendered by Debian's Chromium (already needed for the tests; no native rasteriser to install),
 * with a transparent background; the PNGs are checked in so a build needs no browser.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../tests/e2e/support/browser';

const ICON_SIZES = [16, 32, 48, 128] as const;
const DIR = resolve(import.meta.dirname, '../public/icons');

const svg = await readFile(resolve(DIR, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const data = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${data}" width="${size}" height="${size}">`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: resolve(DIR, `icon-${size}.png`), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`public/icons/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
