import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers, watchSettings } from '@/utils/handlers';
import { enforcePolicy } from '@/utils/managed';
import { registerRouter } from '@/utils/router';
import { periodItem, viewsStampItem } from '@/utils/settings';
import { createSyncEngine } from '@/utils/sync/engine';
import { registerScheduler } from '@/utils/sync/scheduler';
import { createSyncService } from '@/utils/sync/service';
import { browserStore } from '@/utils/sync/store';
import { updateToolbar } from '@/utils/toolbar';

export default defineBackground(() => {
  const engine = createSyncEngine({
    store: browserStore(),
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  const sync = createSyncService(engine, () => void updateToolbar());

  registerRouter(createHandlers(sync, updateToolbar));
  registerScheduler(sync.tick);
  watchSettings(updateToolbar);
  periodItem.watch(() => void updateToolbar());
  viewsStampItem.watch(() => void updateToolbar());
  // The organisation's policy first: it may bring the server, the token and the agent.
  void enforcePolicy();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void enforcePolicy();
  });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
});
