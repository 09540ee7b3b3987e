/**
 * Period totals from day columns. One build ranks today, the week, the month and their closes over
 * the same days: numbering the agents once lets every period add into typed arrays, instead of
 * looking 3,000 agents up in a map per day and per period.
 */
import { WIDTH, type DayColumns } from './day-records';
import type { DayWindow, Kpis } from './model';
import { finishKpis, rankEntries, ZERO, type Ranked } from './ranking';

/** How far ahead in the previous day's list an agent is looked for before asking the map. */
const LOOK_AHEAD = 4;

/** What every agent's place on a board needs, summed over a window, and who had a row. */
interface BoardSums {
  points: Float64Array;
  hits: Float64Array;
  login: Float64Array;
  seen: Uint8Array;
}

/** The agents of a set of days, numbered once; each period's totals are then one pass of adds. */
export class DayTotals {
  /** Agent ids by number, in order of first appearance. */
  readonly ids: string[] = [];
  /** Per day (same order as `days`), each row's agent number. */
  private readonly numbers: Int32Array[] = [];

  constructor(private readonly days: readonly DayColumns[]) {
    const numberOf = new Map<string, number>();
    let prevIds: readonly string[] = [];
    let prev = new Int32Array(0);
    for (const { ids } of days) {
      const numbers = new Int32Array(ids.length);
      // The days of one answer list the agents in one order, a few missing here and there: follow
      // the previous day's list with a cursor, and ask the map only for ids it does not give.
      for (let i = 0, j = 0; i < ids.length; i++) {
        const id = ids[i]!;
        let n = -1;
        for (let k = j; k < j + LOOK_AHEAD && k < prevIds.length; k++) {
          if (prevIds[k] === id) {
            n = prev[k]!;
            j = k + 1;
            break;
          }
        }
        if (n < 0) {
          n = numberOf.get(id) ?? this.ids.length;
          if (n === this.ids.length) {
            this.ids.push(id);
            numberOf.set(id, n);
          }
        }
        numbers[i] = n;
      }
      this.numbers.push(numbers);
      prevIds = ids;
      prev = numbers;
    }
  }

  /** The days within `window`, with their rows' agent numbers, in the order they were given. */
  private inWindow(window: DayWindow): { values: DayColumns['values']; numbers: Int32Array }[] {
    const out = [];
    for (let d = 0; d < this.days.length; d++) {
      const { date, values } = this.days[d]!;
      if (date >= window.from && date <= window.to) out.push({ values, numbers: this.numbers[d]! });
    }
    return out;
  }

  /**
   * Points, hits and login time of every agent over `window` (what ranks them and puts them on
   * the board), added in the order the days were given, as `accumulate` adds them.
   */
  private boardSums(window: DayWindow): BoardSums {
    const n = this.ids.length;
    const out = {
      ...{ points: new Float64Array(n), hits: new Float64Array(n) },
      ...{ login: new Float64Array(n), seen: new Uint8Array(n) },
    };
    const { points, hits, login, seen } = out;
    for (const { values: v, numbers } of this.inWindow(window)) {
      for (let i = 0, o = 0; i < numbers.length; i++, o += WIDTH) {
        const a = numbers[i]!;
        seen[a] = 1;
        points[a]! += v[o]!;
        hits[a]! += v[o + 1]!;
        login[a]! += v[o + 6]!;
      }
    }
    return out;
  }

  /**
   * The leaderboard of `window`, as rankBoard would give it from `aggregate` of the same rows, but
   * only what a board needs of each agent: the full figures are the agent's own (`kpisOf`).
   */
  board(window: DayWindow, names: ReadonlyMap<string, string>, meId: string | null): Ranked[] {
    const { points, hits, login, seen } = this.boardSums(window);
    const board: Ranked[] = [];
    let meSeen = false;
    for (let a = 0; a < this.ids.length; a++) {
      if (seen[a] === 0) continue;
      const id = this.ids[a]!;
      if (id === meId) meSeen = true;
      else if (points[a]! <= 0 && login[a]! <= 0) continue;
      board.push({ id, points: points[a]!, hits: hits[a]!, rank: 0 });
    }
    // Me is on my own board even on a day I have not logged in yet.
    if (meId !== null && !meSeen) board.push({ id: meId, points: 0, hits: 0, rank: 0 });
    return rankEntries(board, names);
  }

  /** One agent's figures over `window`, exactly as `aggregate` sums them (zero without a row). */
  kpisOf(id: string, window: DayWindow): Kpis {
    const me = this.ids.indexOf(id);
    const k = { ...ZERO };
    if (me < 0) return k;
    for (const { values: v, numbers } of this.inWindow(window)) {
      // Every row of the agent, as aggregate adds them (a stored day lists an agent once).
      for (let i = 0; i < numbers.length; i++) {
        if (numbers[i] !== me) continue;
        const o = i * WIDTH;
        k.points += v[o]!;
        k.hits += v[o + 1]!;
        k.calls += v[o + 2]!;
        k.ahtSec += v[o + 3]! * v[o + 2]!;
        k.acwSec += v[o + 4]! * v[o + 2]!;
        k.occupancy += v[o + 5]! * v[o + 6]!;
        k.loginSec += v[o + 6]!;
      }
    }
    return finishKpis(k);
  }

  /** `id`'s rank by points over `window`: 1 + the agents with more, a count rather than a sort. */
  rankOf(id: string, window: DayWindow): number {
    const points = new Float64Array(this.ids.length);
    const seen = new Uint8Array(this.ids.length);
    for (const { values: v, numbers } of this.inWindow(window)) {
      for (let i = 0; i < numbers.length; i++) {
        const a = numbers[i]!;
        seen[a] = 1;
        points[a]! += v[i * WIDTH]!;
      }
    }
    const me = this.ids.indexOf(id);
    const mine = me >= 0 && seen[me] === 1 ? points[me]! : 0;
    let above = 0;
    for (let a = 0; a < this.ids.length; a++) if (seen[a] === 1 && points[a]! > mine) above++;
    return above + 1;
  }
}
