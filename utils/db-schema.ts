/**
 * The shape of Podio's IndexedDB and how every older version becomes this one. Part of utils/db.ts
 * (db-open.ts opens the database with it), kept apart so its queries read in one sitting.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { toDayRecord, type DayRecord } from './day-records';
import type { Agent, AgentDay, DayKey, DayWindow, DayValues, PeriodKind } from './model';

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

/**
 * A day as stored: ids joined with commas (agent ids are digits), figures as in memory, in the
 * narrowest typed array that holds them exactly (version 3 first wrote every day as a
 * Float64Array; those read as they are).
 */
export interface StoredDay extends Omit<DayRecord, 'ids' | 'values'> {
  ids: string;
  values: DayValues;
}
export interface StoredBoard extends Omit<BoardRecord, 'entries'> {
  ids: string;
  ranks: Uint32Array;
}

export interface PodioDB extends DBSchema {
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

/** Create the stores a database at `oldVersion` lacks and move its data to the current layout. */
export function upgrade(db: IDBPDatabase<PodioDB>, oldVersion: number, transaction: unknown): void {
  const raw = db as unknown as IDBPDatabase<AnyVersion>;
  const tx = transaction as UpgradeTx;
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
