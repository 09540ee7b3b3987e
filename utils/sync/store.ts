/** The browser's EngineStore: settings in storage.local, token in the vault, figures in IndexedDB. */
import { getDayIndex, rebuildStored, writeWindow } from '../db';
import { buildBoardsAndViews, neededRange } from '../leaderboard';
import type { DayKey, FetchedWindow } from '../model';
import { addDays, dayKeyOf } from '../periods';
import {
  effectiveTimeZone,
  settingsItem,
  syncConfig,
  syncStateItem,
  viewsStampItem,
} from '../settings';
import { loadToken } from '../vault';
import { alertStep } from './notify';
import { parseServer } from '../wolkvox/server';
import type { EngineStore, SyncConfig } from './engine';

/** Days of history kept; older ones are pruned after each sync. */
export const KEEP_DAYS = 92;

/**
 * Recompute leaderboards and the agent's views from stored days, then tell open views. `last`, the
 * sync's final answer, is stored by the same transaction. Only a sync stores the leaderboards:
 * they are the baseline of the next sync's movement, and a rebuild for a settings change must not
 * reset it.
 */
export async function rebuildViews(
  now: number,
  today?: DayKey,
  fromSync = false,
  last: FetchedWindow | null = null,
): Promise<void> {
  // Read before the transaction: it cannot wait on anything but its own requests.
  const [settings, state] = await Promise.all([settingsItem.getValue(), syncStateItem.getValue()]);
  // A sync knows the day; only a rebuild for a settings change needs them to work it out.
  const day = today ?? dayKeyOf(now, effectiveTimeZone(settings));
  // Every kept day, not just the needed range: the agent's history and bests span them all.
  const keepFrom = addDays(day, -(KEEP_DAYS - 1));
  const { boards, previous, names } = await rebuildStored(
    { keepFrom, today: day, last, saveBoards: fromSync },
    ({ days, names, previous }) =>
      buildBoardsAndViews({
        days,
        names,
        today: day,
        meId: settings.agentId,
        privacy: settings.privacy,
        // The figures are as old as the last fetch, not as this rebuild.
        computedAt: fromSync ? now : (state.lastSuccessAt ?? now),
        previous,
      }),
  );
  await viewsStampItem.setValue(now);
  // Only a sync replaces the boards, so only a sync can have moved anyone. A failed notification
  // must not fail the sync that stored good figures.
  if (fromSync && settings.alertsEnabled) {
    await alertStep({ previous, boards, names, settings, now, today: day }).catch(() => undefined);
  }
}

/** The store the service worker's engine uses. */
export function browserStore(): EngineStore {
  return {
    async loadConfig(): Promise<SyncConfig | null> {
      const settings = await settingsItem.getValue();
      const server = settings.server === null ? null : parseServer(settings.server);
      if (!server?.ok || !settings.hasToken) return null;
      const token = await loadToken();
      if (!token) return null;
      return syncConfig(settings, server.origin, token);
    },
    loadState: () => syncStateItem.getValue(),
    saveState: (state) => syncStateItem.setValue(state),
    async isFinal() {
      const index = await getDayIndex();
      return (day) => index[day]?.final === true;
    },
    neededFrom: (today) => neededRange(today).from,
    writeWindow,
    rebuild: (today, now, last) => rebuildViews(now, today, true, last),
  };
}
