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
 * ended. Newest first, so the week fills in before older days.
 */
export function planPastWindows(
  today: DayKey,
  neededFrom: DayKey,
  isFinal: (day: DayKey) => boolean,
  agentCount: number | null,
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
  const maxDays = maxDaysPerQuery(agentCount);
  return runs.flatMap((run) => splitRange(run, maxDays)).reverse();
}
