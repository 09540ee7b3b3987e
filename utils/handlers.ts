/** What the background answers to each request (utils/router.ts decides who may ask). */
import { browser } from 'wxt/browser';
import { answerBadge } from './badge-cache';
import { clearAll, clearFigures, reopenDays } from './db';
import type { SyncReply } from './messages';
import type { Handlers } from './router';
import {
  INITIAL_SYNC_STATE,
  effectiveTimeZone,
  isComplete,
  settingsItem,
  syncConfig,
  syncStateItem,
} from './settings';
import type { SyncService } from './sync/service';
import { forgetAlerts } from './sync/notify';
import { toReply } from './sync/service';
import { ALARM, ensureAlarm } from './sync/scheduler';
import { withDefaults } from './sync/state';
import { rebuildViews } from './sync/store';
import { forNewSettings } from './sync/transitions';
import { enforcePolicy, onPolicyConnection, readPolicy, type ConnectionChange } from './managed';
import { loadToken, saveToken } from './vault';
import { cleanPaste, isTokenText, parseServer } from './wolkvox/server';

/** The background's handlers, over one sync service. */
export function createHandlers(sync: SyncService, onForget: () => Promise<void>): Handlers {
  /** How many times everything was forgotten: a test that began before one must not save. */
  let forgets = 0;
  // A server or token brought by policy restarts syncing through this same queue.
  onPolicyConnection((change) => {
    void restartUnderPolicy(sync, change).catch(() => undefined);
  });
  return {
    async getBadge() {
      // Only a badge without a stored face in the browser's language asks: store one for the next.
      return answerBadge();
    },

    async syncNow() {
      return toReply(await sync.refresh());
    },

    async saveConnection(req) {
      // "Forget everything" may run while this waits for its test: then nothing may be written.
      const generation = forgets;
      // What the organisation set is not the agent's to change.
      const policy = await readPolicy();
      const server = policy.server ?? req.server;
      const typed = cleanPaste(policy.token ?? req.token ?? '');
      const parsed = parseServer(server);
      if (!parsed.ok) return { ok: false, error: 'invalid-input', field: 'server' };
      // A header carries printable ASCII only: anything else is a bad paste, not wolkvox's answer.
      if (typed !== '' && !isTokenText(typed)) {
        return { ok: false, error: 'invalid-input', field: 'token' };
      }
      const candidate = typed || (await loadToken());
      if (!candidate) return { ok: false, error: 'invalid-input', field: 'token' };
      const settings = await settingsItem.getValue();
      const first = settings.server === null || !settings.hasToken;
      const otherServer = !first && parsed.code !== settings.server;
      // The sync state just before the test, read in the queue's turn (queued back to back with
      // it): a sync that ran while this waited is not undone if the new settings are refused.
      let before = INITIAL_SYNC_STATE;
      const snapshot = sync.exclusive(async () => {
        before = await syncStateItem.getValue();
      });
      const testing = sync.test(syncConfig(settings, parsed.origin, candidate));
      await snapshot;
      const outcome = await testing;
      // Working settings are replaced only by ones wolkvox is known to answer: a typo in the
      // server or the token must not lose a good connection (nor its pause or backoff).
      const answered =
        outcome.status === 'ok' ||
        (outcome.status === 'failed' && ['busy', 'daily-limit'].includes(outcome.error));
      let reply: SyncReply = toReply(outcome);
      let refetch = false;
      // Everything the test leads to is written in the queue, where "Forget everything" is
      // ordered with it: a forget asked for meanwhile wins, and nothing comes back after it.
      await sync.exclusive(async () => {
        if (generation !== forgets) {
          reply = { ok: false, error: 'not-configured', forgotten: true };
          return;
        }
        const now = await syncStateItem.getValue();
        if (!first && !answered) {
          // The calls the test spent still count.
          await syncStateItem.setValue({
            ...before,
            usageDay: now.usageDay,
            usageCalls: now.usageCalls,
          });
          if (!reply.ok) reply = { ...reply, kept: true };
          // A test of another operation's server may have stored some of its figures (today's
          // answer, a past day) before failing: they go, and the working server's come back.
          if (otherServer && now.lastSuccessAt !== before.lastSuccessAt) {
            await clearFigures();
            refetch = true;
          }
          return;
        }
        await saveToken(candidate);
        await settingsItem.setValue({
          ...(await settingsItem.getValue()),
          server: parsed.code,
          hasToken: true,
          // Another operation: the agent's extension number there is somebody else's.
          ...(otherServer ? { agentId: policy.agentId ?? null } : {}),
        });
        await ensureAlarm();
        if (otherServer) {
          await leaveOperation();
          refetch = outcome.status === 'ok';
        }
      });
      if (!refetch) return reply;
      const again = toReply(await sync.refresh());
      return reply.ok ? again : reply;
    },

    async forgetEverything() {
      forgets++;
      // After any running sync, so it cannot write colleagues' figures back after the wipe.
      await sync.exclusive(async () => {
        await browser.alarms.clear(ALARM);
        // Held alerts and a notification on screen can name colleagues: they go too.
        await forgetAlerts();
        await clearAll();
        await browser.storage.local.clear();
        await syncStateItem.setValue(INITIAL_SYNC_STATE);
      });
      // A policy outlives "forget everything": it is the organisation's, not the agent's.
      await enforcePolicy();
      // The wipe cleared the alarm: a policy that brings the connection back writes it in the sync
      // queue, and watchSettings arms the alarm once the settings are complete again.
      await onForget();
      return { ok: true };
    },
  };
}

/**
 * Another operation's server, in the sync queue: the old one's days, names and size go (the new
 * one's month is fetched whole), and so does the agent chosen there, unless the policy fixes one.
 */
async function leaveOperation(): Promise<void> {
  await clearFigures();
  const agentId = (await readPolicy()).agentId ?? null;
  const settings = await settingsItem.getValue();
  if (settings.agentId !== agentId) await settingsItem.setValue({ ...settings, agentId });
  await syncStateItem.setValue({ ...(await syncStateItem.getValue()), agentCount: null });
}

/**
 * A policy brought another server or token: what stopped, paused or backed off the old one no
 * longer holds, and one sync under the new one follows at once. With no agent chosen yet, that
 * sync is what loads the list the agent picks themselves from (the alarm waits for an agent).
 */
async function restartUnderPolicy(sync: SyncService, change: ConnectionChange): Promise<void> {
  // Back to back in the queue, as "Save and test" queues its test: no sync of the old settings
  // can write between the reset and the fetch.
  const reset = sync.exclusive(async () => {
    // The policy's server and token are written here, in the queue, with the old operation's
    // figures dropped in the same task: no sync reads one without the other.
    await change.apply();
    if (change.otherServer) await leaveOperation();
    await syncStateItem.setValue(forNewSettings(withDefaults(await syncStateItem.getValue())));
  });
  // A test, like "Save and test": it stores the answer even without a chosen agent.
  const testing = sync.test(change.config);
  await Promise.all([reset, testing]);
}

/**
 * Rebuild views when a setting that shapes them changes; re-arm the alarm when the interval does,
 * and arm it when the settings become complete.
 */
export function watchSettings(
  afterRebuild: () => Promise<void>,
  inQueue: (task: () => Promise<void>) => Promise<void> = (task) => task(),
): void {
  settingsItem.watch(async (next, prev) => {
    if (!next) return;
    // A local change to a managed value is undone at once (no-op when nothing is managed).
    await enforcePolicy();
    // Settings that just became complete need the alarm, whoever completed them: "forget
    // everything" cleared it, and a policy may bring server, token and agent straight back.
    const completed = isComplete(next) && !(prev && isComplete(prev));
    if (prev && next.intervalMin !== prev.intervalMin) await ensureAlarm(true);
    else if (completed) await ensureAlarm();
    if (!prev) return;
    // Days are split by the operation's clock: under another zone, ask for the past days again
    // (in the sync queue, so a sync under the old zone cannot mark them final after this).
    if (effectiveTimeZone(next) !== effectiveTimeZone(prev)) await inQueue(reopenDays);
    if (
      next.agentId !== prev.agentId ||
      next.privacy !== prev.privacy ||
      next.timeZone !== prev.timeZone
    ) {
      await rebuildViews(Date.now());
      await afterRebuild();
    }
  });
}
