/**
 * Period totals from day columns. One build ranks today, the week, the month and their closes over
 * the same days: numbering the agents once lets every period add into typed arrays, instead of
 * looking 3,000 agents up in a map per day and per period.
 */
import { WIDTH, type DayColumns } from './day-records';
import type { DayWindow } from './model';
import { entryOf, rankEntries, ZERO, type BoardEntry } from './ranking';

/** How far ahead in the previous day's list an agent is looked for before asking the map. */
const LOOK_AHEAD = 4;

/** Sums over a window, as `accumulate` (ranking.ts) keeps them, and which agents had a row. */
interface Sums {
  sums: Float64Array;
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

  /**
   * Each agent's sums over the days within `window`, taken in the order the days were given, so
   * every figure is added in the same order (and rounds the same) as `accumulate` would.
   */
  private sums(window: DayWindow): Sums {
    const sums = new Float64Array(this.ids.length * WIDTH);
    const seen = new Uint8Array(this.ids.length);
    this.days.forEach(({ date, values: v }, d) => {
      if (date < window.from || date > window.to) return;
      const numbers = this.numbers[d]!;
      for (let i = 0, o = 0; i < numbers.length; i++, o += WIDTH) {
        const n = numbers[i]!;
        const s = n * WIDTH;
        seen[n] = 1;
        sums[s]! += v[o]!; // points
        sums[s + 1]! += v[o + 1]!; // hits
        sums[s + 2]! += v[o + 2]!; // calls
        sums[s + 3]! += v[o + 3]! * v[o + 2]!; // AHT × calls
        sums[s + 4]! += v[o + 4]! * v[o + 2]!; // ACW × calls
        sums[s + 5]! += v[o + 5]! * v[o + 6]!; // occupancy × login
        sums[s + 6]! += v[o + 6]!; // login
      }
    });
    return { sums, seen };
  }

  /**
   * The leaderboard of `window`, as rankBoard would give it from `aggregate` of the same rows:
   * entries built straight from the sums, with no map of totals in between.
   */
  board(window: DayWindow, names: ReadonlyMap<string, string>, meId: string | null): BoardEntry[] {
    const { sums, seen } = this.sums(window);
    const board: BoardEntry[] = [];
    let meSeen = false;
    for (let n = 0, s = 0; n < this.ids.length; n++, s += WIDTH) {
      if (seen[n] === 0) continue;
      const id = this.ids[n]!;
      const points = sums[s]!;
      const calls = sums[s + 2]!;
      const loginSec = sums[s + 6]!;
      if (id === meId) meSeen = true;
      else if (points <= 0 && loginSec <= 0) continue;
      // AHT and ACW weighted by calls, occupancy by login time (as finishTotals divides them).
      board.push({
        points,
        hits: sums[s + 1]!,
        calls,
        ahtSec: calls > 0 ? sums[s + 3]! / calls : 0,
        acwSec: calls > 0 ? sums[s + 4]! / calls : 0,
        occupancy: loginSec > 0 ? sums[s + 5]! / loginSec : 0,
        loginSec,
        id,
        rank: 0,
      });
    }
    // Me is on my own board even on a day I have not logged in yet.
    if (meId !== null && !meSeen) board.push(entryOf(meId, ZERO));
    return rankEntries(board, names);
  }

  /** `id`'s rank by points over `window`: 1 + the agents with more, a count rather than a sort. */
  rankOf(id: string, window: DayWindow): number {
    const { sums, seen } = this.sums(window);
    const me = this.ids.indexOf(id);
    const mine = me >= 0 && seen[me] === 1 ? sums[me * WIDTH]! : 0;
    let above = 0;
    for (let n = 0; n < this.ids.length; n++) if (seen[n] === 1 && sums[n * WIDTH]! > mine) above++;
    return above + 1;
  }
}
