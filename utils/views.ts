/** What the popup, the toolbar and the console badge show: precomputed per sync, privacy applied. */
import type { Bests, HistoryDay } from './history';
import type { DayKey, DayWindow, Kpis, PeriodKind, PrivacyMode } from './model';
import { periodWindow } from './periods';

/** A row of a short leaderboard. `name` is null when the privacy setting hides it. */
export interface BoardRow {
  rank: number;
  points: number;
  name: string | null;
  isMe: boolean;
  /**
   * The row's place on the full board, from 0: tied rows can look alike, so the top and the
   * neighbours are merged by place. Absent in views stored before it existed.
   */
  index?: number;
}

/** The agent's standing in one period. */
export interface PeriodView {
  period: PeriodKind;
  window: DayWindow;
  /** Agents ranked: those with points or login time in the period, plus the agent. */
  count: number;
  rank: number;
  kpis: Kpis;
  /** Places gained since the baseline (previous sync for today, yesterday's close otherwise). */
  movement: number | null;
  /** Points needed to pass the next higher score; null when first. */
  gapToNext: number | null;
  /** Points ahead of the next lower score; null when last. */
  leadOverNext: number | null;
  /** The place to pass (the rank of the next higher score), and the rank of the next lower. */
  aboveRank?: number | null;
  belowRank?: number | null;
  /** Top three; empty when privacy shows own figures only. */
  top: BoardRow[];
  /** Two above, the agent, two below; just the agent under "own figures only". */
  neighbours: BoardRow[];
}

export interface Views {
  agentId: string;
  /** The agent's own display name (always shown to themselves). */
  name: string;
  privacy: PrivacyMode;
  /** When the figures were fetched. */
  computedAt: number;
  today: PeriodView;
  week: PeriodView;
  month: PeriodView;
  /** Daily points for the last 30 days, oldest first; null where no data was fetched for that day. */
  sparkline: { date: DayKey; points: number | null }[];
  /** The agent's figures and daily rank on every stored day, oldest first (absent in older views). */
  history?: HistoryDay[];
  /** Personal bests and streaks over `history` (absent in views stored before they existed). */
  bests?: Bests;
}

/**
 * The last day `view` counts when its period is over: the operation's midnight (or a new week or
 * month) came after the sync that built it. Null while it is still the current period.
 */
export function pastPeriodEnd(view: PeriodView, today: DayKey): DayKey | null {
  return view.window.from < periodWindow(view.period, today).from ? view.window.to : null;
}
