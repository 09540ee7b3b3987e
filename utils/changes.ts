/** "What changed since your last look": the popup's snapshot of a period and the difference to now. */
import type { DayKey } from './model';
import type { PeriodView } from './views';

/** The agent's figures in one period as the popup last showed them. */
export interface LastLook {
  agentId: string;
  /** The period's first day: a snapshot of another week or month is no baseline. */
  from: DayKey;
  rank: number;
  points: number;
  hits: number;
  calls: number;
  loginSec: number;
  at: number;
}

/** Gains since the last look; `places` is positive when the agent moved up. */
export interface Changes {
  points: number;
  hits: number;
  calls: number;
  loginSec: number;
  places: number;
  since: number;
}

/** The snapshot to keep for `view`. */
export function lastLookOf(view: PeriodView, agentId: string, at: number): LastLook {
  const { points, hits, calls, loginSec } = view.kpis;
  return { agentId, from: view.window.from, rank: view.rank, points, hits, calls, loginSec, at };
}

/** What changed from `prev` to `next`; null without a comparable snapshot or when nothing did. */
export function changesSince(prev: LastLook | undefined, next: LastLook): Changes | null {
  if (!prev || prev.agentId !== next.agentId || prev.from !== next.from) return null;
  const changes: Changes = {
    points: next.points - prev.points,
    hits: next.hits - prev.hits,
    calls: next.calls - prev.calls,
    loginSec: next.loginSec - prev.loginSec,
    places: prev.rank - next.rank,
    since: prev.at,
  };
  // Login time shows in minutes: seconds alone are no news.
  const { points, hits, calls, loginSec, places } = changes;
  const moved = [points, hits, calls, Math.trunc(loginSec / 60), places].some((d) => d !== 0);
  return moved ? changes : null;
}
