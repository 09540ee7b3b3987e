/**
 * The stored days: how a day record is stored (ids in one string), the days this context has just
 * written and can hand over without reading them back, and the reads of days and the day index.
 * Part of utils/db.ts; db-window.ts and db-rebuild.ts write the days.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { DayRecord } from './day-records';
import { openPodioDb } from './db-open';
import type { DayStatus, PodioDB, StoredDay } from './db-schema';
import type { DayKey } from './model';

export const toStored = (d: DayRecord): StoredDay => ({ ...d, ids: d.ids.join(',') });
export const fromStored = (d: StoredDay): DayRecord => ({
  ...d,
  ids: d.ids === '' ? [] : d.ids.split(','),
});

/**
 * Days this context wrote and nobody has read since: the rebuild that follows a sync takes them
 * from here instead of reading back and decoding what was just stored. Each is trusted only while
 * the day index still says the day was fetched when it was written; reading one hands it over.
 */
export const written = new Map<DayKey, DayRecord>();

export type DaysStore<Mode extends IDBTransactionMode = 'readonly' | 'readwrite'> = IDBPObjectStore<
  PodioDB,
  ArrayLike<StoreNames<PodioDB>>,
  'days',
  Mode
>;

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
export async function readDays(
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
