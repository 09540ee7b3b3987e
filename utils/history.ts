/** The agent's own day-by-day history from stored days, and the personal bests and streaks in it. */
import { COLUMNS, type DayRecord } from './db';
import type { DayKey, Kpis } from './model';
import { addDays, firstOfMonth } from './periods';

/** One stored day of the agent's figures, with the agent's daily rank among that day's agents. */
export interface HistoryDay extends Kpis {
  date: DayKey;
  /** 1 + agents with strictly more points that day. */
  rank: number;
  /** Agents with points or login time that day, plus the agent. */
  count: number;
}

export interface Bests {
  /** The day with the most points (the earliest, on a tie); null before any point. */
  bestDay: { date: DayKey; points: number } | null;
  /** The best daily rank on a day with points in the current month (the earliest, on a tie). */
  bestRankMonth: { date: DayKey; rank: number } | null;
  /** Active days in a row (points or login time) up to today. */
  activityStreak: number;
  /** Days in a row with points and a daily rank of 10 or better. */
  top10Streak: number;
}

const WIDTH = COLUMNS.length;
const LOGIN = COLUMNS.indexOf('loginSec');

/** The agent's figures and daily rank on every stored day, oldest first: O(agents) per day. */
export function dailyHistory(days: readonly DayRecord[], me: string): HistoryDay[] {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return sorted.map((day) => {
    const { ids, values } = day;
    const at = ids.indexOf(me);
    const mine = (c: number) => (at < 0 ? 0 : values[at * WIDTH + c]!);
    const points = mine(0);
    // A count, not a sort: the rank needs only how many active agents scored more.
    let above = 0;
    let active = 0;
    let meActive = false;
    for (let i = 0; i < ids.length; i++) {
      const p = values[i * WIDTH]!;
      if (p <= 0 && values[i * WIDTH + LOGIN]! <= 0) continue;
      active++;
      if (i === at) meActive = true;
      else if (p > points) above++;
    }
    const kpis = Object.fromEntries(COLUMNS.map((name, c) => [name, mine(c)])) as unknown as Kpis;
    return { date: day.date, ...kpis, rank: above + 1, count: active + (meActive ? 0 : 1) };
  });
}

const isActive = (d: HistoryDay) => d.points > 0 || d.loginSec > 0;
// A rank reached without scoring only says how few others scored: it is no achievement.
const scored = (d: HistoryDay) => d.points > 0;
const inTop10 = (d: HistoryDay) => scored(d) && d.rank <= 10;

/**
 * Days in a row meeting `test`, counting back from today; a today that does not meet it yet is
 * still in progress, so the count starts from yesterday. A day never fetched breaks the run.
 */
function streak(byDate: Map<DayKey, HistoryDay>, today: DayKey, test: (d: HistoryDay) => boolean) {
  const now = byDate.get(today);
  let day = now && test(now) ? today : addDays(today, -1);
  let n = 0;
  for (let d = byDate.get(day); d && test(d); d = byDate.get(day)) {
    n++;
    day = addDays(day, -1);
  }
  return n;
}

/** Best day, best rank of the month and the two streaks, from a history as `dailyHistory` gives. */
export function personalBests(history: readonly HistoryDay[], today: DayKey): Bests {
  let bestDay: Bests['bestDay'] = null;
  let bestRankMonth: Bests['bestRankMonth'] = null;
  const monthStart = firstOfMonth(today);
  for (const d of history) {
    if (d.date > today) continue;
    if (d.points > 0 && (bestDay === null || d.points > bestDay.points))
      bestDay = { date: d.date, points: d.points };
    if (
      d.date >= monthStart &&
      scored(d) &&
      (bestRankMonth === null || d.rank < bestRankMonth.rank)
    )
      bestRankMonth = { date: d.date, rank: d.rank };
  }
  const byDate = new Map(history.map((d) => [d.date, d]));
  return {
    bestDay,
    bestRankMonth,
    activityStreak: streak(byDate, today, isActive),
    top10Streak: streak(byDate, today, inTop10),
  };
}
