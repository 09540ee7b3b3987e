/**
 * Podio's IndexedDB: the one module the rest of the code imports to reach it. Stored for speed:
 * one record per day with the figures in the narrowest typed array that holds them and the agent
 * ids in one string, the operation's agent names in one record, leaderboards as ids and ranks, the
 * agent's views precomputed — so a sync of 3,000 agents writes a few dozen records.
 *
 * Its parts, each read in one sitting: db-schema.ts (stores and upgrades), db-open.ts (the
 * connection), db-days.ts (stored days and their reads), db-window.ts (storing a fetched window),
 * db-rebuild.ts (the rebuild transaction and the leaderboards). Here: the small reads, the
 * secrets and the clearing.
 */
import { written } from './db-days';
import { forgetConnectionForTests, openPodioDb } from './db-open';
import type { Agent } from './model';
import type { Views } from './views';

export { COLUMNS, dayRows, rowsOf, toDayRecord, type DayRecord } from './day-records';
export { getDayIndex, getDays, reopenDays } from './db-days';
export { openPodioDb } from './db-open';
export {
  getBoards,
  rebuildStored,
  type RebuildOptions,
  type Rebuilt,
  type StoredFigures,
} from './db-rebuild';
export { DB_NAME, DB_VERSION, type BoardRecord, type DayStatus } from './db-schema';
export { writeWindow } from './db-window';

/** Tests only: close and forget the cached connection, so the next call opens a fresh database. */
export function resetDbForTests(): void {
  forgetConnectionForTests();
  written.clear();
}

/** All agents of the operation, as last seen. */
export async function listAgents(): Promise<Agent[]> {
  const db = await openPodioDb();
  const directory = ((await db.get('meta', 'directory')) ?? {}) as Record<string, string>;
  return Object.entries(directory).map(([id, name]) => ({ id, name }));
}

/** The agent's precomputed figures: the one small read the popup and the badge need. */
export async function getViews(): Promise<Views | null> {
  const db = await openPodioDb();
  return ((await db.get('meta', 'views')) as Views | undefined) ?? null;
}

/** Read a secret (background only). */
export async function getSecret<T>(name: string): Promise<T | undefined> {
  const db = await openPodioDb();
  return (await db.get('secrets', name)) as T | undefined;
}

/** Store a secret (background only). */
export async function putSecret(name: string, value: unknown): Promise<void> {
  const db = await openPodioDb();
  await db.put('secrets', value, name);
}

/** Forget everything: token, figures, leaderboards. */
export async function clearAll(): Promise<void> {
  await clearStores(['days', 'boards', 'meta', 'secrets']);
}

/** Forget the operation's figures (days, leaderboards, views, names), keeping the token. */
export async function clearFigures(): Promise<void> {
  await clearStores(['days', 'boards', 'meta']);
}

async function clearStores(names: ('days' | 'boards' | 'meta' | 'secrets')[]): Promise<void> {
  const db = await openPodioDb();
  written.clear();
  const tx = db.transaction(names, 'readwrite');
  await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
}
