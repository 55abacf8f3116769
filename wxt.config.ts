import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

/**
 * WXT's content-script entrypoint gets lib/page/quiet-context.ts for its context: the same API without
 * the start-up message and DOM event that tell every page the extension is installed (issue #10).
 */
const quietContentScriptContext: Plugin = {
  name: 'keyring:quiet-content-script-context',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === 'wxt/utils/content-script-context' && importer?.includes('virtual:wxt-content-script-isolated-world-entrypoint')) {
      return fileURLToPath(new URL('./lib/page/quiet-context.ts', import.meta.url));
    }
    return null;
  },
};

/**
 * Preact's renderer assigns `dangerouslySetInnerHTML` to `innerHTML`, the one unsafe assignment in our
 * bundle (web-ext lint: UNSAFE_VAR_ASSIGNMENT). We never use that prop (eslint forbids it), so the build
 * makes it inert: the same branch writes `textContent` instead. Fails loudly if Preact's code changes.
 */
function preactWithoutInnerHtml(): Plugin {
  return {
    name: 'keyring:preact-without-inner-html',
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs)$/.test(id)) return null;
      const patched = code.replace(/\b(\w)\.innerHTML=(\w)\.__html\b/g, '$1.textContent=$2.__html');
      if (patched === code) this.error(`${id}: Preact no longer assigns innerHTML from __html; revisit preactWithoutInnerHtml`);
      return { code: patched, map: null };
    },
  };
}

const ICONS = Object.fromEntries([16, 32, 48, 128].map((size) => [String(size), `icons/icon-${size}.png`]));

// One tree, two browsers: Chrome MV3 (service worker) and Firefox MV3 (event page).
export default defineConfig({
  manifestVersion: 3,
  // tests/e2e/store.spec.ts packs into a folder of its own, so the build the other tests load is never rebuilt under them.
  ...(process.env.KEYRING_OUT_DIR ? { outDir: process.env.KEYRING_OUT_DIR } : {}),
  vite: () => ({
    plugins: [preact(), quietContentScriptContext, preactWithoutInnerHtml()],
  }),
  hooks: {
    // WXT takes the toolbar title from popup.html's <title>; the tooltip is localised instead.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.action = { ...manifest.action, default_title: '__MSG_action_title__' };
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // public/icons/icon.svg rendered by `npm run icons`; the store needs the 128 px one.
    icons: ICONS,
    action: { default_icon: ICONS },
    // offscreen (Chrome only): the service worker has no clipboard to empty after a copy.
    // downloads: automatic backups into "Keyring backups/" and pruning the old ones (lib/sync/backups.ts).
    permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'clipboardWrite', 'contextMenus', 'idle', 'tabs', 'downloads', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: ['<all_urls>'],
    // Changeable in the browser's shortcuts page (chrome://extensions/shortcuts).
    commands: {
      'fill-code': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_command_fill__' },
    },
    // Argon2id and scrypt run as WebAssembly (hash-wasm); MV3 forbids wasm without this.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    // The organisation's policy (storage.managed): Chrome publishes only values valid under this schema.
    // Firefox needs no schema (it reads policies.json's 3rdparty.Extensions.<gecko id>); lib/policy validates both.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'authenticator@keyring.example',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
