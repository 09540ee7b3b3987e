/**
 * One operation day in memory: every agent's figures in columns, so 3,000 agents are one typed
 * array rather than 3,000 objects. Pure: utils/db.ts stores these, ranking reads them.
 */
import type { AgentDay, DayKey, DayWindow, Kpis } from './model';
import { accumulate, finishTotals } from './ranking';

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

/** The `i`-th agent's row of a DayRecord. */
export function rowAt(record: DayRecord, i: number): AgentDay {
  const { values } = record;
  const o = i * WIDTH;
  return {
    agentId: record.ids[i]!,
    date: record.date,
    points: values[o]!,
    hits: values[o + 1]!,
    calls: values[o + 2]!,
    ahtSec: values[o + 3]!,
    acwSec: values[o + 4]!,
    occupancy: values[o + 5]!,
    loginSec: values[o + 6]!,
  };
}

/** Unpack a DayRecord into rows. */
export function* dayRows(record: DayRecord): Generator<AgentDay> {
  for (let i = 0; i < record.ids.length; i++) yield rowAt(record, i);
}

/** Each agent's totals over the days of `window`, read straight from the columns. */
export function aggregateDays(days: readonly DayRecord[], window: DayWindow): Map<string, Kpis> {
  const totals = new Map<string, Kpis>();
  const day: Kpis = {
    points: 0,
    hits: 0,
    calls: 0,
    ahtSec: 0,
    acwSec: 0,
    occupancy: 0,
    loginSec: 0,
  };
  for (const record of days) {
    if (record.date < window.from || record.date > window.to) continue;
    const { ids, values: v } = record;
    for (let i = 0, o = 0; i < ids.length; i++, o += WIDTH) {
      // One scratch object reused for every row: no allocation per agent-day.
      day.points = v[o]!;
      day.hits = v[o + 1]!;
      day.calls = v[o + 2]!;
      day.ahtSec = v[o + 3]!;
      day.acwSec = v[o + 4]!;
      day.occupancy = v[o + 5]!;
      day.loginSec = v[o + 6]!;
      accumulate(totals, ids[i]!, day);
    }
  }
  return finishTotals(totals);
}
