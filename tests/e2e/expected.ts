/**
 * What the agent should see, computed from the simulator's truth without any product code: the
 * extension's ranking is checked against this, never against itself.
 */
import type { Operation } from '../../scripts/simulator';

export type Period = 'today' | 'week' | 'month';
export const PERIODS: readonly Period[] = ['today', 'week', 'month'];

/** One agent's totals over a period. */
export interface Total {
  id: string;
  name: string;
  points: number;
  hits: number;
  loginSeconds: number;
}

/** What the popup, the toolbar and the console badge should say for one agent and period. */
export interface Expected {
  rank: number;
  count: number;
  points: number;
  /** Points needed to pass the lowest score strictly above mine; null when nobody is above. */
  gapToNext: number | null;
  /** The rank of that score (where "pass #N" points). */
  aboveRank: number | null;
}

const utc = (key: string) =>
  Date.UTC(Number(key.slice(0, 4)), Number(key.slice(4, 6)) - 1, Number(key.slice(6, 8)));
const key = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');

/** The period's days up to today (day keys in the operation's zone): ISO weeks start on Monday. */
export function periodDays(period: Period, today: string): string[] {
  const end = utc(today);
  const start =
    period === 'today'
      ? end
      : period === 'week'
        ? end - ((new Date(end).getUTCDay() + 6) % 7) * 86_400_000
        : utc(`${today.slice(0, 6)}01`);
  const days: string[] = [];
  for (let t = start; t <= end; t += 86_400_000) days.push(key(t));
  return days;
}

/** Every agent's totals over the period (agents without any row total zero). */
export function totals(op: Operation, period: Period): Total[] {
  const byId = new Map<string, Total>(
    op.agents.map((a) => [a.id, { id: a.id, name: a.name, points: 0, hits: 0, loginSeconds: 0 }]),
  );
  for (const day of periodDays(period, op.today())) {
    for (const { agent, stats } of op.dayStats(day)) {
      const t = byId.get(agent.id)!;
      t.points += stats.points;
      t.hits += stats.hits;
      t.loginSeconds += stats.loginSeconds;
    }
  }
  return [...byId.values()];
}

/** The ranked population: agents with points or login time in the period, plus `me`. */
export function population(op: Operation, period: Period, me: string): Total[] {
  return totals(op, period).filter((t) => t.points > 0 || t.loginSeconds > 0 || t.id === me);
}

/** Rank = 1 + agents with strictly more points; gap = lowest higher score − mine + 1. */
export function expected(op: Operation, me: string, period: Period): Expected {
  const pop = population(op, period, me);
  const mine = pop.find((t) => t.id === me);
  if (!mine) throw new Error(`agent ${me} is not in the operation`);
  const above = pop.filter((t) => t.points > mine.points).map((t) => t.points);
  const next = above.length > 0 ? Math.min(...above) : null;
  return {
    rank: 1 + above.length,
    count: pop.length,
    points: mine.points,
    gapToNext: next === null ? null : next - mine.points + 1,
    aboveRank: next === null ? null : 1 + pop.filter((t) => t.points > next).length,
  };
}

/** The rank an agent with `points` holds in a population. */
export function rankOf(pop: readonly Total[], points: number): number {
  return 1 + pop.filter((t) => t.points > points).length;
}

/** Only the digits of a displayed number ("1.234" → "1234"). */
export const digits = (text: string | null | undefined) => (text ?? '').replace(/\D/g, '');

/** A whole number grouped by threes with `sep`, as the UI writes points ("1.234", "1,234"). */
export function grouped(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, sep);
}

const collator = new Intl.Collator('es', { sensitivity: 'base' });

/**
 * The population in leaderboard order: points, then hits, then name, then extension — the order the
 * popup lists tied agents in. Only used to pick which agents a short leaderboard will show.
 */
export function ordered(op: Operation, period: Period, me: string): Total[] {
  return population(op, period, me).sort(
    (a, b) =>
      b.points - a.points ||
      b.hits - a.hits ||
      collator.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The agents a short leaderboard shows: the top three and two places either side of `me`. */
export function shownIds(op: Operation, period: Period, me: string): Set<string> {
  const board = ordered(op, period, me);
  const at = board.findIndex((t) => t.id === me);
  return new Set(
    [...board.slice(0, 3), ...board.slice(Math.max(0, at - 2), at + 3)].map((t) => t.id),
  );
}

/** An agent in the middle of every period's board: not first, with points today. */
export function middleAgent(op: Operation): string {
  const today = ordered(op, 'today', '');
  const candidates = today
    .slice(Math.floor(today.length / 4))
    .filter((t) => t.points > 0 && PERIODS.every((p) => expected(op, t.id, p).gapToNext !== null));
  if (!candidates[0]) throw new Error('no agent below first place with points in every period');
  return candidates[0].id;
}

/** Two agents sharing their points (> 0) in `period`, or null when nobody ties. */
export function tiedPair(op: Operation, period: Period): [Total, Total] | null {
  const pop = population(op, period, '').filter((t) => t.points > 0);
  for (const a of pop) {
    const b = pop.find((t) => t.id !== a.id && t.points === a.points);
    if (b) return [a, b];
  }
  return null;
}

/** The agents within two places of `me` on the board (the console badge's neighbours). */
export function neighbourIds(op: Operation, period: Period, me: string): Set<string> {
  const board = ordered(op, period, me);
  const at = board.findIndex((t) => t.id === me);
  return new Set(board.slice(Math.max(0, at - 2), at + 3).map((t) => t.id));
}
