import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

// The only hosts Podio talks to: the operation's wolkvox API server and the AgentBox console.
const WOLKVOX_API = 'https://*.wolkvox.com/*';
/** Public key of Podio's signing key pair: it fixes the extension id to obhjnjmpeendlfpoikpjncljocdnbooh. */
const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtHPs38AKSsf4J7bnXOMvP0MZKUswYPzKcIZR5wioOy8e80HB3WWlDZJRo9vEiS20Fq1KgmQv8zsSEiPijyVxU27goSDw4gZxnFcgqQ5+FdXByRN1+UFO9QnSqWVcy7EwYBNno4yiGX93sUNg7p2/dLa2OWejzpGVz/0nOeZZllbnN4mtPf5RyXmkbRUalqfAj5MtSLP7sjm1VsFjhlo3YonGu5I/9mJFgTJ1o5HhWhQzcj4LX1Khpg8op/cYfPr8LlZQ1OA6lrVpK5pbRiIdMrYuq2rdtEPVApz3/PC0rTbtZsKC3gLCPYXFGRGwRk33m1Wi00WpH7wpn8jW2I7mCQIDAQAB';

/**
 * Preact supports `dangerouslySetInnerHTML` by assigning `innerHTML`; Podio forbids that prop
 * (eslint), so the branch is dead code. Removing it leaves no HTML sink in the shipped bundles and
 * keeps Mozilla's linter free of UNSAFE_VAR_ASSIGNMENT warnings. Clearing a node stays as it was.
 */
function noInnerHtmlInPreact(): Plugin {
  return {
    name: 'podio:no-inner-html-in-preact',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]/.test(id)) return null;
      const out = code
        .replace(/\((\w+)\.innerHTML=(\w+)\.__html\)/g, 'void 0')
        .replace(/(\w+)\.innerHTML=""/g, '$1.textContent=""');
      if (/\.innerHTML\s*=[^=]/.test(out))
        throw new Error(`an innerHTML assignment is left in ${id}`);
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports: a reader (and Vitest) sees where every name comes from.
  imports: false,
  vite: () => ({
    plugins: [noInnerHtmlInPreact(), preact()],
  }),
  zip: {
    // Mozilla's sources archive: what builds the extension, not local outputs.
    excludeSources: ['demo-output/**', 'test-results/**', 'playwright-report/**', 'bench/tmp/**'],
  },
  hooks: {
    // The console badge runs all day on the agent's console: it uses the browser's own promise-based
    // `chrome`/`browser` (MV3 Chrome, Firefox) instead of the polyfill, 0.8 KiB gzipped it can't spare.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias as Record<string, string> | undefined;
      if (alias) delete alias['wxt/browser'];
    },
  },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'es',
    permissions: ['alarms', 'idle', 'notifications', 'storage'],
    host_permissions: [WOLKVOX_API],
    action: { default_title: '__MSG_extName__' },
    // A stable id, so an organisation's policies can name the extension (docs/admin.md). The
    // stores refuse a manifest with a key (they assign the id): `npm run zip` leaves it out.
    key: process.env.PODIO_STORE ? undefined : EXTENSION_KEY,
    // What IT may set by policy: utils/managed.ts reads it.
    storage: { managed_schema: 'managed_schema.json' },
    browser_specific_settings: {
      gecko: {
        id: 'podio@podio-extension.org',
        // The first version that reads data_collection_permissions (Android: 142).
        strict_min_version: '140.0',
        // Nothing is sent to Podio's authors or any third party: figures come from the operation's
        // own wolkvox server and stay on the device.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  },
});
