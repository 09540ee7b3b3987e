import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startBadge } from './controller';
import './style.css';

/** The rank badge on the wolkvox agent console, isolated in a shadow root. */
export default defineContentScript({
  matches: ['https://agentbox.wolkvox.com/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const ui = await createShadowRootUi(ctx, {
      name: 'podio-badge',
      position: 'overlay',
      mode: 'open',
      // Keys pressed on the badge must not reach the console's own shortcuts.
      isolateEvents: true,
      onMount: (container) => startBadge(ctx, container),
      onRemove: (stop) => stop?.(),
    });
    ui.mount();
  },
});
