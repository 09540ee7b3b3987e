import { defineContentScript } from 'wxt/utils/define-content-script';
import { startBadge } from './controller';

/** The rank badge on the wolkvox agent console, isolated in a shadow root. */
export default defineContentScript({
  matches: ['https://agentbox.wolkvox.com/*'],
  // The badge's CSS is inlined into its shadow root (controller.ts): no stylesheet to inject.
  cssInjectionMode: 'manual',
  // WXT would otherwise announce the script to the page with a postMessage naming Podio's id.
  noScriptStartedPostMessage: true,
  main: startBadge,
});
