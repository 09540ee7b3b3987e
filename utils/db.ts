/**
 * Podio's IndexedDB: the only module that opens it (its schema and upgrades: db-schema.ts). Stored
 * for speed: one record per day with the figures in a typed array and the agent ids in one string,
 * the operation's agent names in one record, leaderboards as ids and ranks, the agent's views
 * precomputed — so a sync of 3,000 agents writes a few dozen records, not tens of thousands.
 */
import { openDB, type IDBPDatabase } from 'idb';
import {
  DB_NAME,
  DB_VERSION,
  upgrade,
  type BoardRecord,
  type DayStatus,
  type PodioDB,
  type StoredBoard,
  type StoredDay,
} from './db-schema';
import { withRowsOf, type DayRecord } from './day-records';
import type { Agent, DayColumns, DayKey, DayWindow, ParsedAnswer, PeriodKind } from './model';
import { eachDay } from './periods';
import type { Views } from './views';

export { COLUMNS, dayRows, rowsOf, toDayRecord, type DayRecord } from './day-records';
export { DB_NAME, DB_VERSION, type BoardRecord, type DayStatus } from './db-schema';

let opening: Promise<IDBPDatabase<PodioDB>> | null = null;

/** Open (and upgrade) the database once per context. */
export function openPodioDb(name = DB_NAME): Promise<IDBPDatabase<PodioDB>> {
  if (name !== DB_NAME) return open(name);
  opening ??= open(name).catch((err: unknown) => {
    opening = null;
    throw err;
  });
  return opening;
}

/** Tests only: close and forget the cached connection, so the next call opens a fresh database. */
export function resetDbForTests(): void {
  const cached = opening;
  opening = null;
  void cached?.then(
    (db) => db.close(),
    () => undefined,
  );
}

function open(name: string): Promise<IDBPDatabase<PodioDB>> {
  return openDB<PodioDB>(name, DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, transaction) => upgrade(db, oldVersion, transaction),
    blocking(_current, _blocked, event) {
      // A newer version (an extension update) wants the database: let it, by closing this
      // connection (a connection left open blocks its upgrade).
      (event.target as IDBDatabase).close();
      opening = null;
    },
  });
}

const toStored = (d: DayRecord): StoredDay => ({ ...d, ids: d.ids.join(',') });
const fromStored = (d: StoredDay): DayRecord => ({
  ...d,
  ids: d.ids === '' ? [] : d.ids.split(','),
});

/**
 * Store one fetched window in a single transaction: every day of the window (days without rows
 * included, so they count as fetched), new or renamed agents, and the day index.
 */
export async function writeWindow(
  answer: ParsedAnswer,
  window: DayWindow,
  fetchedAt: number,
  today: DayKey,
): Promise<void> {
  const db = await openPodioDb();
  const byDay = new Map<DayKey, DayColumns>(
    eachDay(window).map((date) => [date, { date, ids: [], values: new Float64Array(0) }]),
  );
  for (const day of answer.days) if (byDay.has(day.date)) byDay.set(day.date, day);

  const tx = db.transaction(['days', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const [stored, storedIndex] = await Promise.all([meta.get('directory'), meta.get('dayIndex')]);
  const directory = (stored ?? {}) as Record<string, string>;
  const index = (storedIndex ?? {}) as Record<DayKey, DayStatus>;
  let renamed = false;
  for (const { id, name } of answer.agents) {
    if (directory[id] !== name) {
      directory[id] = name;
      renamed = true;
    }
  }
  const puts: Promise<unknown>[] = renamed ? [meta.put(directory, 'directory')] : [];
  // A row wolkvox sent unreadable is not a day without figures: keep what was stored for it, so
  // one bad row does not drop an agent from the leaderboard (and move everyone else).
  const refused = new Map<DayKey, string[]>();
  for (const { agentId, date } of answer.refused ?? []) {
    if (byDay.has(date)) refused.set(date, [...(refused.get(date) ?? []), agentId]);
  }
  for (const [date, agentIds] of refused) {
    const stored = await tx.objectStore('days').get(date);
    if (!stored) continue;
    const record = fromStored(stored);
    const at = agentIds.map((id) => record.ids.indexOf(id)).filter((r) => r >= 0);
    byDay.set(date, withRowsOf(byDay.get(date)!, record, at));
  }
  for (const [date, { ids, values }] of byDay) {
    // A day is final once fetched after it ended; today's figures are still moving.
    const final = date < today;
    puts.push(tx.objectStore('days').put(toStored({ date, final, fetchedAt, ids, values })));
    index[date] = { final, fetchedAt };
  }
  puts.push(meta.put(index, 'dayIndex'));
  await Promise.all([...puts, tx.done]);
}

/** Which days are stored, and which of them are final. */
export async function getDayIndex(): Promise<Record<DayKey, DayStatus>> {
  const db = await openPodioDb();
  return ((await db.get('meta', 'dayIndex')) ?? {}) as Record<DayKey, DayStatus>;
}

/** Day records within [from, to]. */
export async function getDays(from: DayKey, to: DayKey): Promise<DayRecord[]> {
  const db = await openPodioDb();
  return (await db.getAll('days', IDBKeyRange.bound(from, to))).map(fromStored);
}

/** All agents of the operation, as last seen. */
export async function listAgents(): Promise<Agent[]> {
  const db = await openPodioDb();
  const directory = ((await db.get('meta', 'directory')) ?? {}) as Record<string, string>;
  return Object.entries(directory).map(([id, name]) => ({ id, name }));
}

/** The stored leaderboards, by period. */
export async function getBoards(): Promise<Partial<Record<PeriodKind, BoardRecord>>> {
  const db = await openPodioDb();
  const out: Partial<Record<PeriodKind, BoardRecord>> = {};
  for (const { ids, ranks, ...rest } of await db.getAll('boards')) {
    const list = ids === '' ? [] : ids.split(',');
    out[rest.period] = { ...rest, entries: list.map((id, i) => ({ id, rank: ranks[i]! })) };
  }
  return out;
}

/** Replace leaderboards and views together, and drop days older than `keepFrom`. */
export async function saveBoardsAndViews(
  boards: readonly BoardRecord[],
  views: Views | null,
  keepFrom: DayKey,
): Promise<void> {
  const db = await openPodioDb();
  const tx = db.transaction(['boards', 'meta', 'days'], 'readwrite');
  const meta = tx.objectStore('meta');
  const index = ((await meta.get('dayIndex')) ?? {}) as Record<DayKey, DayStatus>;
  for (const date of Object.keys(index)) if (date < keepFrom) delete index[date];
  const stored = boards.map(({ period, window, computedAt, entries }): StoredBoard => ({
    ...{ period, window, computedAt },
    ids: entries.map((e) => e.id).join(','),
    ranks: Uint32Array.from(entries, (e) => e.rank),
  }));
  await Promise.all([
    ...stored.map((b) => tx.objectStore('boards').put(b)),
    views ? meta.put(views, 'views') : meta.delete('views'),
    meta.put(index, 'dayIndex'),
    tx.objectStore('days').delete(IDBKeyRange.upperBound(keepFrom, true)),
    tx.done,
  ]);
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
  const db = await openPodioDb();
  const names = ['days', 'boards', 'meta', 'secrets'] as const;
  const tx = db.transaction(names, 'readwrite');
  await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
}
