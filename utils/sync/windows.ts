/** Which day ranges a sync asks wolkvox for, within its 31-day and 60,000-record limits. */
import type { DayKey, DayWindow } from '../model';
import { addDays, daysBetween, eachDay } from '../periods';

export const MAX_DAYS = 31;
export const MAX_RECORDS = 60_000;
/** Room for agents added since the count was learned. */
const AGENT_MARGIN = 1.1;

/** The longest range (in days) one query may cover for an operation of `agentCount` agents. */
export function maxDaysPerQuery(agentCount: number | null): number {
  const agents = Math.max(1, Math.ceil((agentCount ?? 1) * AGENT_MARGIN));
  return Math.max(1, Math.min(MAX_DAYS, Math.floor(MAX_RECORDS / agents)));
}

/** Split an inclusive range into consecutive windows of at most `maxDays` days. */
export function splitRange(range: DayWindow, maxDays: number): DayWindow[] {
  const out: DayWindow[] = [];
  for (let from = range.from; from <= range.to; from = addDays(from, maxDays)) {
    const to = addDays(from, maxDays - 1);
    out.push({ from, to: to < range.to ? to : range.to });
  }
  return out;
}

/**
 * Past days still needed in [needed.from, yesterday]: those never fetched or fetched before they
 * ended. Newest first, so the week fills in before older days. `capDays`, when set, shortens the
 * windows further (a past window that timed out or failed is asked in smaller pieces).
 */
export function planPastWindows(
  today: DayKey,
  neededFrom: DayKey,
  isFinal: (day: DayKey) => boolean,
  agentCount: number | null,
  capDays: number | null = null,
): DayWindow[] {
  const yesterday = addDays(today, -1);
  if (neededFrom > yesterday) return [];
  const missing = eachDay({ from: neededFrom, to: yesterday }).filter((d) => !isFinal(d));
  const runs: DayWindow[] = [];
  for (const day of missing) {
    const last = runs[runs.length - 1];
    if (last && daysBetween(last.to, day) === 1) last.to = day;
    else runs.push({ from: day, to: day });
  }
  const limit = maxDaysPerQuery(agentCount);
  const maxDays = capDays === null ? limit : Math.max(1, Math.min(limit, Math.floor(capDays)));
  return runs.flatMap((run) => splitRange(run, maxDays)).reverse();
}

/**
 * The cap on past windows after `failed` timed out or was refused (5xx, 400, a cut-short answer):
 * half its days, never under one. Big windows are what take the server past the client's timeout.
 */
export function halvedCap(failed: DayWindow): number {
  return Math.max(1, Math.floor((daysBetween(failed.from, failed.to) + 1) / 2));
}
