/**
 * The rebuild after a sync or a settings change, in one transaction: the days it works from, the
 * leaderboards and views it stores, the pruning of old days. The leaderboards live here too, as
 * only the rebuild writes them (ids in one string, ranks in a typed array). Part of utils/db.ts.
 */
import type { DayRecord } from './day-records';
import { readDays, written } from './db-days';
import { openPodioDb } from './db-open';
import type { BoardRecord, DayStatus, StoredBoard } from './db-schema';
import { stageWindow } from './db-window';
import type { DayKey, FetchedWindow, PeriodKind } from './model';
import { eachDay } from './periods';
import type { Views } from './views';

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
