/**
 * From stored days to what the agent sees: a leaderboard per period and the agent's views,
 * computed once per sync so readers never scan raw rows.
 */
import type { BoardRecord } from './db';
import type { DayRecord } from './day-records';
import { dailyHistory, personalBests } from './history';
import type { DayKey, DayWindow, Kpis, PeriodKind, PrivacyMode } from './model';
import { PERIODS } from './model';
import { closeWindow, eachDay, lastDays, periodWindow } from './periods';
import { displayName } from './privacy';
import { movement, rankMap, standing, topAndNeighbours, type Ranked } from './ranking';
import { DayTotals } from './totals';
import type { BoardRow, PeriodView, Views } from './views';

export interface BuildInput {
  /** The stored days: at least `neededRange`; the agent's history covers all that are given. */
  days: readonly DayRecord[];
  names: ReadonlyMap<string, string>;
  today: DayKey;
  meId: string | null;
  privacy: PrivacyMode;
  computedAt: number;
  /** The leaderboards of the previous sync: today's movement is measured against them. */
  previous: Partial<Record<PeriodKind, BoardRecord>>;
}

/** The days a build needs: this month, this week and the sparkline's 30 days. */
export function neededRange(today: DayKey): DayWindow {
  const from = [
    periodWindow('week', today).from,
    periodWindow('month', today).from,
    lastDays(today, 30)[0]!,
  ].sort()[0]!;
  return { from, to: today };
}

/** A leaderboard as built: each entry's points, for the views; stored as ids and ranks only. */
export interface BuiltBoard extends BoardRecord {
  entries: Ranked[];
}

/** Leaderboards for today, this week and this month, and the agent's views over them. */
export function buildBoardsAndViews(input: BuildInput): {
  boards: BuiltBoard[];
  views: Views | null;
} {
  // Every period and close sums the same days: number their agents once.
  const totals = new DayTotals(input.days);
  const boards = PERIODS.map((period): BuiltBoard => {
    const window = periodWindow(period, input.today);
    return {
      period,
      window,
      computedAt: input.computedAt,
      entries: totals.board(window, input.names, input.meId),
    };
  });
  const me = input.meId;
  // No figures stored yet (the first sync failed or was cut short): no views, rather than a
  // "#1 of 1 · 0 pts" that nobody earned.
  if (me === null || input.days.length === 0) return { boards, views: null };

  const view = (record: BuiltBoard): PeriodView => {
    const baseline = baselineRank(record, input, me, totals);
    return periodView(record, me, input, baseline, totals.kpisOf(me, record.window));
  };
  const [today, week, month] = boards.map(view) as [PeriodView, PeriodView, PeriodView];
  const byDate = new Map(input.days.map((d) => [d.date, d]));
  const sparkline = lastDays(input.today, 30).map((date) => {
    const day = byDate.get(date);
    if (!day) return { date, points: null };
    const i = day.ids.indexOf(me);
    return { date, points: i < 0 ? 0 : day.values[i * 7]! };
  });
  // Every stored day, not only this month's: the agent's own record reaches as far back as kept.
  const history = dailyHistory(
    input.days.filter((d) => d.date <= input.today),
    me,
  );
  return {
    boards,
    views: {
      agentId: me,
      name: input.names.get(me) ?? me,
      privacy: input.privacy,
      computedAt: input.computedAt,
      today,
      week,
      month,
      sparkline,
      history,
      bests: personalBests(history, input.today),
    },
  };
}

/** Today: the previous sync's rank (same day). Week and month: the rank at yesterday's close. */
function baselineRank(
  record: BuiltBoard,
  input: BuildInput,
  me: string,
  totals: DayTotals,
): number | undefined {
  if (record.period === 'today') {
    const prev = input.previous.today;
    if (!prev || prev.window.from !== record.window.from) return undefined;
    return rankMap(prev.entries).get(me);
  }
  const close = closeWindow(record.period, input.today);
  if (!close) return undefined;
  // A close with days never fetched (a past window failed) would rank against nobody: no baseline.
  const stored = new Set(input.days.map((d) => d.date));
  if (!eachDay(close).every((d) => stored.has(d))) return undefined;
  // Only my rank at the close is needed.
  return totals.rankOf(me, close);
}

function periodView(
  record: BuiltBoard,
  me: string,
  input: BuildInput,
  baseline: number | undefined,
  kpis: Kpis,
): PeriodView {
  const board = record.entries;
  const mine = standing(board, me);
  if (!mine) throw new Error('the agent is always part of their own leaderboard');
  const { top, neighbours } = topAndNeighbours(board, mine.index, 3, 2);
  const row = (e: Ranked, index: number): BoardRow => {
    const isMe = e.id === me;
    const name = input.names.get(e.id) ?? '';
    return {
      rank: e.rank,
      points: e.points,
      isMe,
      name: displayName(name, input.privacy, { isMe, rank: e.rank }),
      index,
    };
  };
  // The neighbours' slice starts two places above the agent, or at the top of the board.
  const firstNeighbour = mine.index - neighbours.indexOf(mine.entry);
  const own = input.privacy === 'own';
  return {
    period: record.period,
    window: record.window,
    count: mine.count,
    rank: mine.rank,
    kpis,
    movement: movement(mine.rank, baseline),
    gapToNext: mine.gapToNext,
    leadOverNext: mine.leadOverNext,
    aboveRank: mine.aboveRank,
    belowRank: mine.belowRank,
    top: own ? [] : top.map((e, i) => row(e, i)),
    neighbours: own
      ? [row(mine.entry, mine.index)]
      : neighbours.map((e, i) => row(e, firstNeighbour + i)),
  };
}
