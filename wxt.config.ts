import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The only hosts Podio talks to: the operation's wolkvox API server and the AgentBox console.
const WOLKVOX_API = 'https://*.wolkvox.com/*';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports: a reader (and Vitest) sees where every name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'es',
    permissions: ['alarms', 'idle', 'storage'],
    host_permissions: [WOLKVOX_API],
    action: { default_title: '__MSG_extName__' },
  },
});
