/**
 * One operation day in memory: every agent's figures in columns, so 3,000 agents are one typed
 * array rather than 3,000 objects. Pure: utils/db.ts stores these, ranking reads them.
 */
import type { AgentDay, DayKey } from './model';

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

/** Every row of `days`, day by day. */
export function rowsOf(days: readonly DayRecord[]): AgentDay[] {
  return days.flatMap((day) => [...dayRows(day)]);
}
