/**
 * Storing a fetched window: its days (refused rows keep what was stored), the agents' names and
 * the day index, queued on one transaction. writeWindow stores a window on its own; the rebuild
 * (db-rebuild.ts) stages the sync's last window in its own transaction. Part of utils/db.ts.
 */
import { storedValues, withRowsOf, type DayRecord } from './day-records';
import { fromStored, toStored, written, type DaysStore } from './db-days';
import { openPodioDb } from './db-open';
import type { DayStatus } from './db-schema';
import type { DayColumns, DayKey, DayWindow, FetchedWindow, ParsedAnswer } from './model';
import { eachDay } from './periods';

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
export async function stageWindow(
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
