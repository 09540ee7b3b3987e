/**
 * Podio's IndexedDB: the only module that opens it. Stored for speed: one record per day with the
 * figures in a typed array and the agent ids in one string, the operation's agent names in one
 * record, leaderboards as ids and ranks, the agent's views precomputed — so a sync of 3,000 agents
 * writes a few dozen records, not tens of thousands.
 */
import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import { toDayRecord, withRowsOf, type DayRecord } from './day-records';
import type {
  Agent,
  AgentDay,
  DayColumns,
  DayKey,
  DayWindow,
  ParsedAnswer,
  PeriodKind,
} from './model';
import { eachDay } from './periods';
import type { Views } from './views';

export { COLUMNS, dayRows, rowsOf, toDayRecord, type DayRecord } from './day-records';

export const DB_NAME = 'podio';
export const DB_VERSION = 3;

/** Who held which place in a period at the latest sync: the next sync's baseline. */
export interface BoardRecord {
  period: PeriodKind;
  window: DayWindow;
  computedAt: number;
  entries: readonly { id: string; rank: number }[];
}

export interface DayStatus {
  final: boolean;
  fetchedAt: number;
}

/** A day as stored: ids joined with commas (agent ids are digits), figures as they are. */
interface StoredDay extends Omit<DayRecord, 'ids'> {
  ids: string;
}
interface StoredBoard extends Omit<BoardRecord, 'entries'> {
  ids: string;
  ranks: Uint32Array;
}

interface PodioDB extends DBSchema {
  days: { key: DayKey; value: StoredDay };
  boards: { key: PeriodKind; value: StoredBoard };
  /** Small records: 'views' (the agent's figures), 'dayIndex', 'directory' (agent names). */
  meta: { key: string; value: unknown };
  /** The token, encrypted, and the non-extractable key that encrypts it. */
  secrets: { key: string; value: unknown };
}

/** Every store any version had, for the upgrade to read and drop the old ones. */
interface AnyVersion extends PodioDB {
  rows: { key: [DayKey, string]; value: AgentDay }; // v1: one record per agent-day
  agents: { key: string; value: Agent }; // v1–v2: one record per agent
}
type UpgradeTx = IDBPTransaction<AnyVersion, StoreNames<AnyVersion>[], 'versionchange'>;

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
    upgrade(db, oldVersion, _newVersion, transaction) {
      const raw = db as unknown as IDBPDatabase<AnyVersion>;
      const tx = transaction as unknown as UpgradeTx;
      if (oldVersion < 1) {
        raw.createObjectStore('agents', { keyPath: 'id' });
        raw.createObjectStore('rows', { keyPath: ['date', 'agentId'] });
        raw.createObjectStore('secrets');
      }
      if (oldVersion < 2) {
        raw.createObjectStore('days', { keyPath: 'date' });
        raw.createObjectStore('boards', { keyPath: 'period' });
        raw.createObjectStore('meta');
      }
      // Data migrations run one after the other: each reads what the previous one wrote.
      void (async () => {
        if (oldVersion < 2) await migrateRowsToDays(tx);
        if (oldVersion < 3) await migrateToCompact(tx);
      })();
    },
    blocking(_current, _blocked, event) {
      // A newer version (an extension update) wants the database: let it, by closing this
      // connection (a connection left open blocks its upgrade).
      (event.target as IDBDatabase).close();
      opening = null;
    },
  });
}

/** v1 → v2: regroup per-agent-day rows into one record per day, then drop the old store. */
async function migrateRowsToDays(tx: UpgradeTx): Promise<void> {
  const rows = await tx.objectStore('rows').getAll();
  const byDay = new Map<DayKey, AgentDay[]>();
  for (const row of rows) byDay.set(row.date, [...(byDay.get(row.date) ?? []), row]);
  const index: Record<DayKey, DayStatus> = {};
  for (const [date, list] of byDay) {
    // v1 did not record finality: migrated days are provisional, so they are fetched once more.
    const v2Day = toDayRecord(date, list, false, 0) as unknown as StoredDay;
    await tx.objectStore('days').put(v2Day);
    index[date] = { final: false, fetchedAt: 0 };
  }
  await tx.objectStore('meta').put(index, 'dayIndex');
  tx.db.deleteObjectStore('rows');
}

/** v2 → v3: agent names into one record, day ids into one string, boards dropped (rebuilt). */
async function migrateToCompact(tx: UpgradeTx): Promise<void> {
  const agents = await tx.objectStore('agents').getAll();
  await tx.objectStore('meta').put(directoryOf(agents), 'directory');
  tx.db.deleteObjectStore('agents');
  const days = tx.objectStore('days');
  for (const day of (await days.getAll()) as unknown as DayRecord[]) {
    await days.put({ ...day, ids: day.ids.join(',') });
  }
  // Boards are only a baseline for movement; the next sync writes them anew.
  await tx.objectStore('boards').clear();
}

/** The operation's agents as one record: a sync of 3,000 agents is one put, not 3,000. */
function directoryOf(agents: readonly Agent[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of agents) out[a.id] = a.name;
  return out;
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
