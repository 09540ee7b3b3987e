/**
 * One operation day in memory: every agent's figures in columns, so 3,000 agents are one typed
 * array rather than 3,000 objects. Pure: the parser builds these, utils/db.ts stores them, ranking
 * reads them.
 */
import type { AgentDay, DayColumns, DayKey, DayValues } from './model';

export type { DayColumns, DayValues } from './model';

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

const UINT16 = 65_536;
const UINT32 = 4_294_967_296;

/** True when an unsigned array of values under `limit` holds `x` exactly (-0 is not 0). */
function fits(x: number, limit: number): boolean {
  return x < limit && x >>> 0 === x && (x !== 0 || 1 / x > 0);
}

/** fits() for one row's seven figures; plain arguments, so a row allocates nothing. */
function fitsAll(
  limit: number,
  p: number,
  h: number,
  c: number,
  aht: number,
  acw: number,
  occ: number,
  login: number,
): boolean {
  if (!(fits(p, limit) && fits(h, limit) && fits(c, limit) && fits(aht, limit))) return false;
  return fits(acw, limit) && fits(occ, limit) && fits(login, limit);
}

function arrayFor(limit: number, length: number): DayValues {
  if (limit === UINT16) return new Uint16Array(length);
  return limit === UINT32 ? new Uint32Array(length) : new Float64Array(length);
}

/**
 * A day's columns filled one agent at a time, as the parser reads them, in 16 bits until a figure
 * needs more (a login past 18 hours: 32; a decimal occupancy or a huge count: 64). Written narrow,
 * they are stored and ranked as they are: no second pass to narrow them, a quarter of the memory.
 */
export class DayBuilder {
  readonly ids: string[] = [];
  private values: DayValues;
  /** What `values` holds exactly: whole numbers below this (Infinity: any number). */
  private limit = UINT16;

  constructor(
    readonly date: DayKey,
    capacity: number,
  ) {
    this.values = new Uint16Array(Math.max(1, capacity) * WIDTH);
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
    if (this.limit !== Infinity && !fitsAll(this.limit, p, h, c, aht, acw, occ, login)) {
      this.limit = fitsAll(UINT32, p, h, c, aht, acw, occ, login) ? UINT32 : Infinity;
      this.values = this.copyInto(arrayFor(this.limit, this.values.length));
    }
    const o = this.ids.length * WIDTH;
    // Doubling keeps the copies to one more pass over the day, however many agents come.
    if (o === this.values.length) this.values = this.copyInto(arrayFor(this.limit, o * 2));
    const v = this.values;
    v[o] = p;
    v[o + 1] = h;
    v[o + 2] = c;
    v[o + 3] = aht;
    v[o + 4] = acw;
    v[o + 5] = occ;
    v[o + 6] = login;
    this.ids.push(id);
  }

  /** The columns: a view of the rows added, not a copy (storing copies their part). */
  done(): DayColumns {
    const values = this.values.subarray(0, this.ids.length * WIDTH);
    return { date: this.date, ids: this.ids, values };
  }

  private copyInto(to: DayValues): DayValues {
    to.set(this.values);
    return to;
  }
}

/** `day` with the rows `at` of `from` added after its own (the same agents' figures elsewhere). */
export function withRowsOf(day: DayColumns, from: DayColumns, at: readonly number[]): DayColumns {
  if (at.length === 0) return day;
  // In 64 bits, whatever either day was in: a rare path, and storing narrows it again.
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

/**
 * What to store of a day's figures: the narrowest typed array that holds every one exactly, only
 * as long as the figures (a view onto a larger buffer would store the whole buffer).
 */
export function storedValues(values: DayValues): DayValues {
  if (values instanceof Float64Array) return narrowValues(values);
  return values.byteLength === values.buffer.byteLength ? values : values.slice();
}

/**
 * Most days are whole numbers under 65,536 (seconds of an 18-hour login are), so they store as
 * 16 bits: a quarter of the bytes IndexedDB has to copy, compress and write. A decimal occupancy,
 * a big count or a -0 keeps the day in 64 bits, exactly as read.
 */
function narrowValues(values: Float64Array): DayValues {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!fits(v, UINT32))
      return values.byteLength === values.buffer.byteLength ? values : values.slice();
    if (v > max) max = v;
  }
  return max < UINT16 ? new Uint16Array(values) : new Uint32Array(values);
}
