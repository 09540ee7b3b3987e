/**
 * One operation day in memory: every agent's figures in columns, so 3,000 agents are one typed
 * array rather than 3,000 objects. Pure: utils/db.ts stores these, ranking reads them.
 */
import type { AgentDay, DayKey, DayWindow, Kpis } from './model';

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
export const WIDTH = COLUMNS.length;

export interface DayRecord {
  date: DayKey;
  /** Fetched after the day ended in the operation's zone: never asked for again. */
  final: boolean;
  fetchedAt: number;
  ids: string[];
  /** `ids.length × COLUMNS.length` numbers, row-major. */
  values: Float64Array;
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

/** Unpack a DayRecord into rows. */
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
 * Each agent's totals over the days of `window`, straight from the columns (no object per row):
 * the same sums and weights as ranking.ts `aggregate` — AHT and ACW by calls, occupancy by login.
 */
export function aggregateDays(days: readonly DayRecord[], window: DayWindow): Map<string, Kpis> {
  const totals = new Map<string, Kpis>();
  for (const day of days) {
    if (day.date < window.from || day.date > window.to) continue;
    const { ids, values: v } = day;
    for (let i = 0, o = 0; i < ids.length; i++, o += WIDTH) {
      const id = ids[i]!;
      let acc = totals.get(id);
      if (acc === undefined) {
        acc = { points: 0, hits: 0, calls: 0, ahtSec: 0, acwSec: 0, occupancy: 0, loginSec: 0 };
        totals.set(id, acc);
      }
      const calls = v[o + 2]!;
      const login = v[o + 6]!;
      acc.points += v[o]!;
      acc.hits += v[o + 1]!;
      acc.calls += calls;
      acc.ahtSec += v[o + 3]! * calls;
      acc.acwSec += v[o + 4]! * calls;
      acc.occupancy += v[o + 5]! * login;
      acc.loginSec += login;
    }
  }
  for (const acc of totals.values()) {
    acc.ahtSec = acc.calls > 0 ? acc.ahtSec / acc.calls : 0;
    acc.acwSec = acc.calls > 0 ? acc.acwSec / acc.calls : 0;
    acc.occupancy = acc.loginSec > 0 ? acc.occupancy / acc.loginSec : 0;
  }
  return totals;
}
