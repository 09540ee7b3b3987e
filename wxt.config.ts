import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The only hosts Podio talks to: the operation's wolkvox API server and the AgentBox console.
const WOLKVOX_API = 'https://*.wolkvox.com/*';
/** Public key of Podio's signing key pair: it fixes the extension id to obhjnjmpeendlfpoikpjncljocdnbooh. */
const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtHPs38AKSsf4J7bnXOMvP0MZKUswYPzKcIZR5wioOy8e80HB3WWlDZJRo9vEiS20Fq1KgmQv8zsSEiPijyVxU27goSDw4gZxnFcgqQ5+FdXByRN1+UFO9QnSqWVcy7EwYBNno4yiGX93sUNg7p2/dLa2OWejzpGVz/0nOeZZllbnN4mtPf5RyXmkbRUalqfAj5MtSLP7sjm1VsFjhlo3YonGu5I/9mJFgTJ1o5HhWhQzcj4LX1Khpg8op/cYfPr8LlZQ1OA6lrVpK5pbRiIdMrYuq2rdtEPVApz3/PC0rTbtZsKC3gLCPYXFGRGwRk33m1Wi00WpH7wpn8jW2I7mCQIDAQAB';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports: a reader (and Vitest) sees where every name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
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
    permissions: ['alarms', 'idle', 'storage'],
    host_permissions: [WOLKVOX_API],
    action: { default_title: '__MSG_extName__' },
    // A stable id, so an organisation's policies can name the extension (docs/admin.md).
    key: EXTENSION_KEY,
    // What IT may set by policy: utils/managed.ts reads it.
    storage: { managed_schema: 'managed_schema.json' },
  },
});
