/**
 * One operation day in memory: every agent's figures in columns, so 3,000 agents are one typed
 * array rather than 3,000 objects. Pure: the parser builds these, utils/db.ts stores them, ranking
 * reads them.
 */
import type { AgentDay, DayColumns, DayKey } from './model';

export type { DayColumns } from './model';

/** Figures per agent in a day's `values`, in this order. */
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

export interface DayRecord extends DayColumns {
  /** Fetched after the day ended in the operation's zone: never asked for again. */
  final: boolean;
  fetchedAt: number;
}

/** A day's columns filled one agent at a time, as the parser reads them. */
export class DayBuilder {
  readonly ids: string[] = [];
  private values: Float64Array;

  constructor(
    readonly date: DayKey,
    capacity: number,
  ) {
    this.values = new Float64Array(Math.max(1, capacity) * WIDTH);
  }

  /** Append one agent's figures, in COLUMNS order (plain arguments: no array per row). */
  add(
    id: string,
    p: number,
    h: number,
    c: number,
    aht: number,
    acw: number,
    occ: number,
    login: number,
  ): void {
    let v = this.values;
    const o = this.ids.length * WIDTH;
    if (o === v.length) {
      // Doubling keeps the copies to one more pass over the day, however many agents come.
      v = new Float64Array(v.length * 2);
      v.set(this.values);
      this.values = v;
    }
    v[o] = p;
    v[o + 1] = h;
    v[o + 2] = c;
    v[o + 3] = aht;
    v[o + 4] = acw;
    v[o + 5] = occ;
    v[o + 6] = login;
    this.ids.push(id);
  }

  /** The columns: a view of the rows added, not a copy (storing narrows them into a new array). */
  done(): DayColumns {
    const values = this.values.subarray(0, this.ids.length * WIDTH);
    return { date: this.date, ids: this.ids, values };
  }
}

/** `day` with the rows `at` of `from` added after its own (the same agents' figures elsewhere). */
export function withRowsOf(day: DayColumns, from: DayColumns, at: readonly number[]): DayColumns {
  if (at.length === 0) return day;
  const values = new Float64Array(day.values.length + at.length * WIDTH);
  values.set(day.values);
  const ids = [...day.ids];
  for (const i of at) {
    values.set(from.values.subarray(i * WIDTH, (i + 1) * WIDTH), ids.length * WIDTH);
    ids.push(from.ids[i]!);
  }
  return { date: day.date, ids, values };
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

/** The `i`-th agent's row of a day. */
export function rowAt(record: DayColumns, i: number): AgentDay {
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

/** Unpack a day into rows. */
export function* dayRows(record: DayColumns): Generator<AgentDay> {
  for (let i = 0; i < record.ids.length; i++) yield rowAt(record, i);
}

/** Every row of `days`, day by day. */
export function rowsOf(days: readonly DayColumns[]): AgentDay[] {
  return days.flatMap((day) => [...dayRows(day)]);
}

/** How a day's figures are stored: the narrowest typed array that holds every one exactly. */
export type StoredValues = Float64Array | Uint32Array | Uint16Array;

/**
 * Most days are whole numbers under 65,536 (seconds of an 18-hour login are), so they store as
 * 16 bits: a quarter of the bytes IndexedDB has to copy, compress and write. A decimal occupancy,
 * a big count or a -0 keeps the day in 64 bits, exactly as read.
 */
export function narrowValues(values: Float64Array): StoredValues {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // A view onto a larger buffer would store the whole buffer: store a copy of its part then.
    if (v >>> 0 !== v || (v === 0 && 1 / v < 0)) {
      return values.byteLength === values.buffer.byteLength ? values : values.slice();
    }
    if (v > max) max = v;
  }
  return max < 65_536 ? new Uint16Array(values) : new Uint32Array(values);
}

/** A stored day's figures back as the Float64Array everything else reads. */
export function widenValues(values: StoredValues): Float64Array {
  return values instanceof Float64Array ? values : new Float64Array(values);
}
