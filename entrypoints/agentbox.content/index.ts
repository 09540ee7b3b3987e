import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startBadge, loadBadge } from './controller';
// Inlined rather than fetched: the badge shows ~30 ms sooner without a round trip for its CSS.
import css from './style.css?inline';

/** The rank badge on the wolkvox agent console, isolated in a shadow root. */
export default defineContentScript({
  matches: ['https://agentbox.wolkvox.com/*'],
  cssInjectionMode: 'manual',
  // WXT would otherwise announce the script to the page with a postMessage naming Podio's id.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // Ask for the figures while the shadow root is being built, not after.
    const first = loadBadge();
    const ui = await createShadowRootUi(ctx, {
      name: 'podio-badge',
      position: 'overlay',
      mode: 'open',
      css,
      // Keys pressed on the badge must not reach the console's own shortcuts.
      isolateEvents: true,
      onMount: (container) => startBadge(ctx, container, first),
      onRemove: (stop) => stop?.(),
    });
    ui.mount();
  },
});
