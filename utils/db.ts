/**
 * Podio's IndexedDB: the only module that opens it. Days are stored compactly (one record per day,
 * columnar figures), leaderboards and the agent's views are precomputed at write time.
 */
import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { Agent, AgentDay, DayKey, DayWindow, ParsedAnswer, PeriodKind } from './model';
import type { BoardEntry } from './ranking';
import type { Views } from './views';
import { eachDay } from './periods';

export const DB_NAME = 'podio';
export const DB_VERSION = 2;

/** Figures per agent in a DayRecord's `values`, in this order. */
export const COLUMNS = [
  'points',
  'hits',
  'calls',
  'ahtSec',
  'acwSec',
  'occupancy',
  'loginSec',
] as const;
const WIDTH = COLUMNS.length;

/** One operation day: every agent's figures, columnar so 3,000 agents cost one put. */
export interface DayRecord {
  date: DayKey;
  /** Fetched after the day ended in the operation's zone: never asked for again. */
  final: boolean;
  fetchedAt: number;
  ids: string[];
  /** `ids.length × COLUMNS.length` numbers, row-major. */
  values: Float64Array;
}

/** A period's leaderboard as of the latest sync, in display order. */
export interface BoardRecord {
  period: PeriodKind;
  window: DayWindow;
  computedAt: number;
  entries: BoardEntry[];
}

export interface DayStatus {
  final: boolean;
  fetchedAt: number;
}

interface PodioDBv2 extends DBSchema {
  agents: { key: string; value: Agent };
  days: { key: DayKey; value: DayRecord };
  boards: { key: PeriodKind; value: BoardRecord };
  /** Small records read on every open: 'views' (the agent's figures) and 'dayIndex'. */
  meta: { key: string; value: unknown };
  /** The token, encrypted, and the non-extractable key that encrypts it. */
  secrets: { key: string; value: unknown };
}

/** The v1 layout (one record per agent-day), kept only so `upgrade` can read it. */
interface PodioDBv1 extends DBSchema {
  rows: { key: [DayKey, string]; value: AgentDay };
}

type AnyStore = StoreNames<PodioDBv2> | 'rows';

let opening: Promise<IDBPDatabase<PodioDBv2>> | null = null;

/** Open (and upgrade) the database once per context. */
export function openPodioDb(name = DB_NAME): Promise<IDBPDatabase<PodioDBv2>> {
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

function open(name: string): Promise<IDBPDatabase<PodioDBv2>> {
  return openDB<PodioDBv2>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      const raw = db as unknown as IDBPDatabase<PodioDBv1 & PodioDBv2>;
      if (oldVersion < 1) {
        raw.createObjectStore('agents', { keyPath: 'id' });
        raw.createObjectStore('rows', { keyPath: ['date', 'agentId'] });
        raw.createObjectStore('secrets');
      }
      if (oldVersion < 2) {
        db.createObjectStore('days', { keyPath: 'date' });
        db.createObjectStore('boards', { keyPath: 'period' });
        db.createObjectStore('meta');
        void migrateRowsToDays(
          tx as unknown as IDBPTransaction<PodioDBv1 & PodioDBv2, AnyStore[], 'versionchange'>,
        );
      }
    },
    blocking(_current, _blocked, event) {
      // A newer version (an extension update) wants the database: let it, by closing this
      // connection (a connection left open blocks its upgrade).
      (event.target as IDBDatabase).close();
      opening = null;
    },
  });
}

/** v1 → v2: regroup per-agent-day rows into one compact record per day, then drop the old store. */
async function migrateRowsToDays(
  tx: IDBPTransaction<PodioDBv1 & PodioDBv2, AnyStore[], 'versionchange'>,
): Promise<void> {
  const rows = await tx.objectStore('rows').getAll();
  const byDay = new Map<DayKey, AgentDay[]>();
  for (const row of rows) {
    const list = byDay.get(row.date) ?? [];
    list.push(row);
    byDay.set(row.date, list);
  }
  const index: Record<DayKey, DayStatus> = {};
  for (const [date, list] of byDay) {
    // v1 did not record finality: treat migrated days as provisional so they are fetched once more.
    const record = toDayRecord(date, list, false, 0);
    await tx.objectStore('days').put(record);
    index[date] = { final: false, fetchedAt: 0 };
  }
  await tx.objectStore('meta').put(index, 'dayIndex');
  tx.db.deleteObjectStore('rows');
}

/** Pack one day's rows into a DayRecord. */
export function toDayRecord(
  date: DayKey,
  rows: readonly AgentDay[],
  final: boolean,
  fetchedAt: number,
): DayRecord {
  const ids = new Array<string>(rows.length);
  const values = new Float64Array(rows.length * WIDTH);
  rows.forEach((r, i) => {
    ids[i] = r.agentId;
    const o = i * WIDTH;
    values[o] = r.points;
    values[o + 1] = r.hits;
    values[o + 2] = r.calls;
    values[o + 3] = r.ahtSec;
    values[o + 4] = r.acwSec;
    values[o + 5] = r.occupancy;
    values[o + 6] = r.loginSec;
  });
  return { date, final, fetchedAt, ids, values };
}

/** Unpack a DayRecord into rows (for ranking). */
export function* dayRows(record: DayRecord): Generator<AgentDay> {
  const { ids, values, date } = record;
  for (let i = 0; i < ids.length; i++) {
    const o = i * WIDTH;
    yield {
      agentId: ids[i]!,
      date,
      points: values[o]!,
      hits: values[o + 1]!,
      calls: values[o + 2]!,
      ahtSec: values[o + 3]!,
      acwSec: values[o + 4]!,
      occupancy: values[o + 5]!,
      loginSec: values[o + 6]!,
    };
  }
}

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
  const byDay = new Map<DayKey, AgentDay[]>(eachDay(window).map((d) => [d, []]));
  for (const row of answer.rows) byDay.get(row.date)?.push(row);

  const tx = db.transaction(['agents', 'days', 'meta'], 'readwrite');
  const agents = tx.objectStore('agents');
  const known = new Map((await agents.getAll()).map((a) => [a.id, a.name]));
  const puts: Promise<unknown>[] = [];
  for (const agent of answer.agents) {
    if (known.get(agent.id) !== agent.name)
      puts.push(agents.put({ id: agent.id, name: agent.name }));
  }
  const index = ((await tx.objectStore('meta').get('dayIndex')) ?? {}) as Record<DayKey, DayStatus>;
  for (const [date, rows] of byDay) {
    // A day is final once fetched after it ended; today's figures are still moving.
    const final = date < today;
    puts.push(tx.objectStore('days').put(toDayRecord(date, rows, final, fetchedAt)));
    index[date] = { final, fetchedAt };
  }
  puts.push(tx.objectStore('meta').put(index, 'dayIndex'));
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
  return db.getAll('days', IDBKeyRange.bound(from, to));
}

/** All agents of the operation, as last seen. */
export async function listAgents(): Promise<Agent[]> {
  const db = await openPodioDb();
  return db.getAll('agents');
}

/** The stored leaderboards, by period. */
export async function getBoards(): Promise<Partial<Record<PeriodKind, BoardRecord>>> {
  const db = await openPodioDb();
  const out: Partial<Record<PeriodKind, BoardRecord>> = {};
  for (const b of await db.getAll('boards')) out[b.period] = b;
  return out;
}

/** Replace leaderboards and views together, and drop days older than `keepFrom`. */
export async function saveBoardsAndViews(
  boards: BoardRecord[],
  views: Views | null,
  keepFrom: DayKey,
): Promise<void> {
  const db = await openPodioDb();
  const tx = db.transaction(['boards', 'meta', 'days'], 'readwrite');
  const meta = tx.objectStore('meta');
  const index = ((await meta.get('dayIndex')) ?? {}) as Record<DayKey, DayStatus>;
  for (const date of Object.keys(index)) if (date < keepFrom) delete index[date];
  await Promise.all([
    ...boards.map((b) => tx.objectStore('boards').put(b)),
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
  const names = ['agents', 'days', 'boards', 'meta', 'secrets'] as const;
  const tx = db.transaction(names, 'readwrite');
  await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
}
