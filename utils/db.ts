/**
 * Podio's IndexedDB: the only module that opens it (its schema and upgrades: db-schema.ts). Stored
 * for speed: one record per day with the figures in the narrowest typed array that holds them and
 * the agent ids in one string, the operation's agent names in one record, leaderboards as ids and
 * ranks, the agent's views precomputed — so a sync of 3,000 agents writes a few dozen records.
 */
import { openDB, type IDBPDatabase, type IDBPObjectStore, type StoreNames } from 'idb';
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
import { storedValues, withRowsOf, type DayRecord } from './day-records';
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
  written.clear();
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
 * Days this context wrote and nobody has read since: the rebuild that follows a sync takes them
 * from here instead of reading back and decoding what was just stored. Each is trusted only while
 * the day index still says the day was fetched when it was written; reading one hands it over.
 */
const written = new Map<DayKey, DayRecord>();

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

  // A row wolkvox sent unreadable is not a day without figures: keep what was stored for it, so
  // one bad row does not drop an agent from the leaderboard (and move everyone else).
  const refused = new Map<DayKey, string[]>();
  for (const { agentId, date } of answer.refused ?? []) {
    if (byDay.has(date)) refused.set(date, [...(refused.get(date) ?? []), agentId]);
  }

  const tx = db.transaction(['days', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const days = tx.objectStore('days');
  // Requests run in order within a transaction: ask for what has to be read first, then store
  // every day that needs nothing read while those answers come back.
  const reads = Promise.all([
    meta.get('directory'),
    meta.get('dayIndex'),
    Promise.all([...refused.keys()].map((date) => days.get(date))),
  ]);
  const records: DayRecord[] = [];
  const puts: Promise<unknown>[] = [];
  const put = (date: DayKey, day: DayColumns) => {
    // A day is final once fetched after it ended; today's figures are still moving. The figures
    // as stored are what is handed over, so a later read gets the very same thing.
    const values = storedValues(day.values);
    const record: DayRecord = { date, final: date < today, fetchedAt, ids: day.ids, values };
    records.push(record);
    puts.push(days.put(toStored(record)));
  };
  for (const [date, day] of byDay) if (!refused.has(date)) put(date, day);

  const [stored, storedIndex, refusedDays] = await reads;
  [...refused].forEach(([date, agentIds], i) => {
    const storedDay = refusedDays[i];
    const record = storedDay && fromStored(storedDay);
    const at = record ? agentIds.map((id) => record.ids.indexOf(id)).filter((r) => r >= 0) : [];
    put(date, record ? withRowsOf(byDay.get(date)!, record, at) : byDay.get(date)!);
  });
  const directory = (stored ?? {}) as Record<string, string>;
  let renamed = false;
  for (const { id, name } of answer.agents) {
    if (directory[id] !== name) {
      directory[id] = name;
      renamed = true;
    }
  }
  if (renamed) puts.push(meta.put(directory, 'directory'));
  const index = (storedIndex ?? {}) as Record<DayKey, DayStatus>;
  for (const { date, final } of records) index[date] = { final, fetchedAt };
  puts.push(meta.put(index, 'dayIndex'));
  await Promise.all([...puts, tx.done]);
  for (const record of records) written.set(record.date, record);
}

/** Which days are stored, and which of them are final. */
export async function getDayIndex(): Promise<Record<DayKey, DayStatus>> {
  const db = await openPodioDb();
  return ((await db.get('meta', 'dayIndex')) ?? {}) as Record<DayKey, DayStatus>;
}

/** Day records within [from, to]; those this context just wrote are handed over, not read back. */
export async function getDays(from: DayKey, to: DayKey): Promise<DayRecord[]> {
  const db = await openPodioDb();
  const tx = db.transaction(['days', 'meta'], 'readonly');
  return readDays(tx.objectStore('days'), tx.objectStore('meta').get('dayIndex'), from, to);
}

type ReadStore<Name extends 'days' | 'boards'> = IDBPObjectStore<
  PodioDB,
  ArrayLike<StoreNames<PodioDB>>,
  Name,
  'readonly'
>;

async function readDays(
  days: ReadStore<'days'>,
  dayIndex: Promise<unknown>,
  from: DayKey,
  to: DayKey,
): Promise<DayRecord[]> {
  const [dates, storedIndex] = await Promise.all([
    days.getAllKeys(IDBKeyRange.bound(from, to)),
    dayIndex,
  ]);
  const index = (storedIndex ?? {}) as Record<DayKey, DayStatus>;
  return Promise.all(
    dates.map(async (date) => {
      const fresh = written.get(date);
      written.delete(date);
      // Another context (or a clear) may have written the day since: then it is read.
      if (fresh && index[date]?.fetchedAt === fresh.fetchedAt) return fresh;
      return fromStored((await days.get(date))!);
    }),
  );
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
  return boardsOf(await db.getAll('boards'));
}

function boardsOf(stored: readonly StoredBoard[]): Partial<Record<PeriodKind, BoardRecord>> {
  const out: Partial<Record<PeriodKind, BoardRecord>> = {};
  for (const { ids, ranks, ...rest } of stored) {
    const list = ids === '' ? [] : ids.split(',');
    out[rest.period] = { ...rest, entries: list.map((id, i) => ({ id, rank: ranks[i]! })) };
  }
  return out;
}

/**
 * What a rebuild reads, in one transaction: the days in [from, to], the agent names, the last
 * boards, and whether the day index still lists days before `from` (for the save to drop).
 */
export async function readForRebuild(from: DayKey, to: DayKey) {
  const db = await openPodioDb();
  const tx = db.transaction(['days', 'meta', 'boards'], 'readonly');
  const meta = tx.objectStore('meta');
  const dayIndex = meta.get('dayIndex');
  const [days, index, directory, boards] = await Promise.all([
    readDays(tx.objectStore('days'), dayIndex, from, to),
    dayIndex,
    meta.get('directory'),
    tx.objectStore('boards').getAll(),
  ]);
  const names = new Map(Object.entries((directory ?? {}) as Record<string, string>));
  const indexesOlder = Object.keys(index ?? {}).some((date) => date < from);
  return { days, names, previous: boardsOf(boards), indexesOlder };
}

/**
 * Replace leaderboards and views together, and drop days older than `keepFrom`. The day index is
 * rewritten only when `pruneIndex` (it lists days to drop): most rebuilds leave it as it is.
 */
export async function saveBoardsAndViews(
  boards: readonly BoardRecord[],
  views: Views | null,
  keepFrom: DayKey,
  pruneIndex = true,
): Promise<void> {
  const db = await openPodioDb();
  const tx = db.transaction(['boards', 'meta', 'days'], 'readwrite');
  const meta = tx.objectStore('meta');
  // The index is read first; the boards and views are stored while its answer comes back.
  const reading = pruneIndex ? meta.get('dayIndex') : null;
  const stored = boards.map(({ period, window, computedAt, entries }): StoredBoard => ({
    ...{ period, window, computedAt },
    ids: entries.map((e) => e.id).join(','),
    ranks: Uint32Array.from(entries, (e) => e.rank),
  }));
  const writes = [
    ...stored.map((b) => tx.objectStore('boards').put(b)),
    views ? meta.put(views, 'views') : meta.delete('views'),
    tx.objectStore('days').delete(IDBKeyRange.upperBound(keepFrom, true)),
  ];
  for (const date of written.keys()) if (date < keepFrom) written.delete(date);
  if (reading) {
    const index = ((await reading) ?? {}) as Record<DayKey, DayStatus>;
    for (const date of Object.keys(index)) if (date < keepFrom) delete index[date];
    writes.push(meta.put(index, 'dayIndex'));
  }
  await Promise.all([...writes, tx.done]);
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
  written.clear();
  const tx = db.transaction(names, 'readwrite');
  await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
}
