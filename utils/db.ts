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
import type {
  Agent,
  DayColumns,
  DayKey,
  DayWindow,
  FetchedWindow,
  ParsedAnswer,
  PeriodKind,
} from './model';
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

type DaysStore<Mode extends IDBTransactionMode = 'readonly' | 'readwrite'> = IDBPObjectStore<
  PodioDB,
  ArrayLike<StoreNames<PodioDB>>,
  'days',
  Mode
>;

/** A window staged in a transaction: its days queued, the directory and index as they become. */
interface Staged {
  records: DayRecord[];
  puts: Promise<unknown>[];
  directory: Record<string, string>;
  renamed: boolean;
  index: Record<DayKey, DayStatus>;
}

/**
 * Queue a fetched window's days on `tx` (days without rows included, so they count as fetched),
 * and work out the directory and day index with it. The caller has already asked for both
 * records, so their answers come back while the days are being stored; it puts them.
 */
async function stageWindow(
  days: DaysStore<'readwrite'>,
  { answer, window, fetchedAt }: FetchedWindow,
  finalBefore: DayKey,
  reads: Promise<[unknown, unknown]>,
): Promise<Staged> {
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
  // Requests run in order within a transaction: ask for what has to be read first, then store
  // every day that needs nothing read while those answers come back.
  const refusedReads = Promise.all([...refused.keys()].map((date) => days.get(date)));
  const records: DayRecord[] = [];
  const puts: Promise<unknown>[] = [];
  const put = (date: DayKey, day: DayColumns) => {
    // A day is final once fetched well after it ended (the engine says which days are settled);
    // today's figures are still moving. The figures as stored are what is handed over, so a
    // later read gets the very same thing.
    const values = storedValues(day.values);
    const record: DayRecord = { date, final: date < finalBefore, fetchedAt, ids: day.ids, values };
    records.push(record);
    puts.push(days.put(toStored(record)));
  };
  for (const [date, day] of byDay) if (!refused.has(date)) put(date, day);

  const [[stored, storedIndex], refusedDays] = await Promise.all([reads, refusedReads]);
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
  const index = (storedIndex ?? {}) as Record<DayKey, DayStatus>;
  for (const { date, final } of records) index[date] = { final, fetchedAt };
  // What this context remembered of these days is older than what is now being stored.
  for (const date of byDay.keys()) written.delete(date);
  return { records, puts, directory, renamed, index };
}

/** Store one fetched window in a single transaction: its days, new or renamed agents, the index. */
export async function writeWindow(
  answer: ParsedAnswer,
  window: DayWindow,
  fetchedAt: number,
  /** Its days before this one are stored final. */
  finalBefore: DayKey,
): Promise<void> {
  const db = await openPodioDb();
  const tx = db.transaction(['days', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const reads = Promise.all([meta.get('directory'), meta.get('dayIndex')]);
  const days = tx.objectStore('days');
  const staged = await stageWindow(days, { answer, window, fetchedAt }, finalBefore, reads);
  const { puts, records } = staged;
  if (staged.renamed) puts.push(meta.put(staged.directory, 'directory'));
  puts.push(meta.put(staged.index, 'dayIndex'));
  await Promise.all([...puts, tx.done]);
  for (const record of records) written.set(record.date, record);
}

/**
 * Make every stored day not final, so the next sync asks for the days it needs again: after the
 * operation's time zone changes, days that ended by the old zone's clock may not have by the new.
 * Their figures stay until the new answers replace them.
 */
export async function reopenDays(): Promise<void> {
  const db = await openPodioDb();
  const tx = db.transaction('meta', 'readwrite');
  const meta = tx.objectStore('meta');
  const index = ((await meta.get('dayIndex')) ?? {}) as Record<DayKey, DayStatus>;
  for (const status of Object.values(index)) status.final = false;
  for (const record of written.values()) record.final = false;
  await Promise.all([meta.put(index, 'dayIndex'), tx.done]);
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

/** The stored days in [from, to] but those in `skip` (about to be replaced), oldest first. */
async function readDays(
  days: DaysStore,
  dayIndex: Promise<unknown>,
  from: DayKey,
  to: DayKey,
  skip: ReadonlySet<DayKey> = new Set(),
): Promise<DayRecord[]> {
  const [keys, storedIndex] = await Promise.all([
    days.getAllKeys(IDBKeyRange.bound(from, to)),
    dayIndex,
  ]);
  const index = (storedIndex ?? {}) as Record<DayKey, DayStatus>;
  return Promise.all(
    keys
      .filter((date) => !skip.has(date))
      .map(async (date) => {
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

/** What a rebuild works from: the kept days (oldest first), the agents' names, the last boards. */
export interface StoredFigures {
  days: DayRecord[];
  names: Map<string, string>;
  previous: Partial<Record<PeriodKind, BoardRecord>>;
}

/** What a rebuild stores: the leaderboards (kept only for a sync) and the agent's views. */
export interface Rebuilt {
  boards: readonly BoardRecord[];
  views: Views | null;
}

export interface RebuildOptions {
  /** Days before this one are dropped, from the records and the index. */
  keepFrom: DayKey;
  today: DayKey;
  /** The sync's last answer, stored by this same transaction (null for a settings change). */
  last: FetchedWindow | null;
  /** Replace the stored leaderboards (a sync) or keep them as the baseline (anything else). */
  saveBoards: boolean;
}

/**
 * A rebuild in one transaction: store the sync's last answer, read every kept day with the names
 * and the last boards, `build`, then store boards and views and drop days before `keepFrom`. The
 * answer's days are handed to the build as stored, not read back after a commit; when no kept day
 * has to be read (a first sync, or days this context wrote), the build runs while they are being
 * written. If `build` throws, what was queued before it (the answer, the pruning) is still
 * committed and its error is the one thrown. Readers of the views wait for the build: tens of
 * milliseconds for 3,000 agents.
 */
export async function rebuildStored(
  { keepFrom, today, last, saveBoards }: RebuildOptions,
  build: (figures: StoredFigures) => Rebuilt,
): Promise<StoredFigures & Rebuilt> {
  const db = await openPodioDb();
  const tx = db.transaction(['days', 'meta', 'boards'], 'readwrite');
  const meta = tx.objectStore('meta');
  const reads = Promise.all([meta.get('directory'), meta.get('dayIndex')]);
  const boardsRead = tx.objectStore('boards').getAll();
  const fresh = new Set(last ? eachDay(last.window) : []);
  const days = tx.objectStore('days');
  const older = readDays(
    days,
    reads.then(([, index]) => index),
    keepFrom,
    today,
    fresh,
  );
  // Awaited together, so that one failing leaves none of the others' rejections unhandled.
  const [staged, [storedDirectory, storedIndex], previous, kept] = await Promise.all([
    last ? stageWindow(days, last, last.finalBefore ?? today, reads) : null,
    reads,
    boardsRead,
    older,
  ]);
  const puts = staged?.puts ?? [];
  const index = staged?.index ?? ((storedIndex ?? {}) as Record<DayKey, DayStatus>);
  const dropped = Object.keys(index).filter((date) => date < keepFrom);
  for (const date of dropped) delete index[date];
  if (staged || dropped.length > 0) puts.push(meta.put(index, 'dayIndex'));
  if (staged?.renamed) puts.push(meta.put(staged.directory, 'directory'));
  puts.push(days.delete(IDBKeyRange.upperBound(keepFrom, true)));
  for (const date of written.keys()) if (date < keepFrom) written.delete(date);

  const directory = staged?.directory ?? ((storedDirectory ?? {}) as Record<string, string>);
  const inWindow = (staged?.records ?? []).filter((d) => d.date >= keepFrom && d.date <= today);
  const figures: StoredFigures = {
    days: [...kept, ...inWindow].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    names: new Map(Object.entries(directory)),
    previous: boardsOf(previous),
  };
  let rebuilt: Rebuilt;
  try {
    rebuilt = build(figures);
  } catch (err) {
    await Promise.all([...puts, tx.done]);
    throw err;
  }
  if (saveBoards) {
    for (const board of rebuilt.boards)
      puts.push(tx.objectStore('boards').put(toStoredBoard(board)));
  }
  puts.push(rebuilt.views ? meta.put(rebuilt.views, 'views') : meta.delete('views'));
  await Promise.all([...puts, tx.done]);
  return { ...figures, ...rebuilt };
}

const toStoredBoard = ({ period, window, computedAt, entries }: BoardRecord): StoredBoard => ({
  ...{ period, window, computedAt },
  ids: entries.map((e) => e.id).join(','),
  ranks: Uint32Array.from(entries, (e) => e.rank),
});

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
