import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { registerBadgeCache } from '@/utils/badge-cache';
import { createHandlers, watchSettings } from '@/utils/handlers';
import { registerPolicy } from '@/utils/managed';
import { registerRouter } from '@/utils/router';
import { createSyncEngine } from '@/utils/sync/engine';
import { registerAlertClicks, registerAlertFlush } from '@/utils/sync/notify';
import { shouldRephase } from '@/utils/sync/phase';
import { registerScheduler, rephase } from '@/utils/sync/scheduler';
import { createSyncService } from '@/utils/sync/service';
import { browserStore } from '@/utils/sync/store';
import { registerToolbar, updateToolbar } from '@/utils/toolbar';

export default defineBackground(() => {
  const engine = createSyncEngine({
    store: browserStore(),
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  const sync = createSyncService(engine, (outcome) => {
    void updateToolbar();
    if (shouldRephase(outcome)) void rephase();
  });

  registerPolicy();
  registerRouter(createHandlers(sync, updateToolbar));
  registerScheduler(sync.tick);
  registerToolbar();
  registerBadgeCache();
  registerAlertClicks();
  registerAlertFlush();
  watchSettings(updateToolbar, sync.exclusive);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
});
