/** From a fleet run's raw measurements to its figures and the PASS/FAIL of each goal. */
import type { BrowserStats } from './browser';
import type { FleetResult } from './fleet';
import { DEFAULT_DAILY_CAP } from '../../utils/sync/state';

/** The goals for an operation's fleet (stated for 300 agents, checked at every size). */
export const GOALS = { maxStaleIntervals: 2, maxCallsPerAgentDay: 150 } as const;

export interface Goal {
  goal: string;
  pass: boolean;
  detail: string;
}

/** Nearest-rank percentile of an ascending array; 0 when empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Every figure of the report, JSON-ready. */
export function summarize(r: FleetResult, wallMs: number) {
  const { config: c, browsers, server } = r;
  const interval = c.intervalMin;
  const merge = (pick: (b: (typeof browsers)[number]) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const b of browsers)
      for (const [k, n] of Object.entries(pick(b))) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  const attempted = sum(browsers.map((b) => b.attempted));
  const ok = sum(browsers.map((b) => b.ok));
  const failed = merge((b) => b.failed);
  const retries = [0, 1, 2, 3, 4].map((n) => sum(browsers.map((b) => b.retries[n]!)));
  const sorted = r.staleness.slice().sort();
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const perDay = browsers.flatMap((b) => [...b.callsByDay.values()]);
  const maxPerDay = Math.max(0, ...perDay);
  const meanPerDay = perDay.length ? sum(perDay) / perDay.length : 0;
  const used = Math.max(0, ...server.usedByDay.values());
  const staleMs = GOALS.maxStaleIntervals * interval * 60_000;
  // Lost for good: not fresh at the end of the shift (nothing synced for over two intervals, or
  // never), whether a failed sync or the daily cap left it there.
  const lost = browsers.flatMap((b, i) =>
    b.lastSuccessAt === null || r.endAt - b.lastSuccessAt > staleMs ? [i] : [],
  );
  const lostSet = new Set(lost);
  const failedLast = (b: BrowserStats) =>
    b.lastFailureAt !== null && (b.lastSuccessAt === null || b.lastFailureAt > b.lastSuccessAt);
  const capped = (b: BrowserStats) => (b.skipped.cap ?? 0) > 0;
  const recovered = browsers.filter((b, i) => b.lastFailureAt !== null && !lostSet.has(i));
  const firstCalls = browsers.flatMap((b) => (b.firstSyncCalls === null ? [] : [b.firstSyncCalls]));

  const goals: Goal[] = [
    { goal: 'no sync lost for good', pass: lost.length === 0, detail: `${lost.length} browsers` },
    {
      goal: `staleness p95 under ${GOALS.maxStaleIntervals} intervals`,
      pass: p95 < GOALS.maxStaleIntervals * interval,
      detail: `${round(p95 / interval)} intervals`,
    },
    {
      goal: `at most ${GOALS.maxCallsPerAgentDay} calls per agent per day`,
      pass: maxPerDay <= GOALS.maxCallsPerAgentDay,
      detail: `max ${maxPerDay}`,
    },
    {
      goal: 'daily budget never exceeded',
      pass: server.answers['daily-limit'] === 0 && used <= server.budget,
      detail: `${round((100 * used) / server.budget, 1)} % used, ${server.answers['daily-limit']} refusals`,
    },
  ];

  return {
    browsers: browsers.length,
    hours: c.hours,
    intervalMin: interval,
    seed: c.seed,
    maxInFlight: c.maxInFlight,
    answerAgents: c.answerAgents,
    calls: { total: server.requests, ...server.answers },
    syncs: {
      attempted,
      ok,
      successRate: attempted ? ok / attempted : 0,
      failed,
      skipped: merge((b) => b.skipped),
    },
    retries: {
      '0': retries[0]!,
      '1': retries[1]!,
      '2': retries[2]!,
      '3': retries[3]!,
      '4+': retries[4]!,
      gaveUp: failed.busy ?? 0,
    },
    concurrency: {
      peakOffered: server.peakOffered,
      peakAdmitted: server.peakAdmitted,
      limit: c.maxInFlight,
    },
    maxBrowserInFlight: Math.max(0, ...browsers.map((b) => b.maxInFlight)),
    staleness: {
      p50Min: round(p50),
      p95Min: round(p95),
      maxMin: round(sorted.length ? sorted[sorted.length - 1]! : 0),
      p50Intervals: round(p50 / interval),
      p95Intervals: round(p95 / interval),
    },
    callsPerAgentDay: {
      max: maxPerDay,
      mean: round(meanPerDay, 1),
      basis: `calls in the ${c.hours} h simulated, per agent and operation day (a shift is the agent's day)`,
      mean24hIfLeftOn: round(
        (sum(browsers.map((b) => b.calls)) / browsers.length / c.hours) * 24,
        1,
      ),
    },
    budget: { used, budget: server.budget, share: round(used / server.budget, 4) },
    firstSyncCalls: {
      mean: round(sum(firstCalls) / Math.max(1, firstCalls.length)),
      max: Math.max(0, ...firstCalls),
    },
    lost: {
      count: lost.length,
      afterFailure: lost.filter((i) => failedLast(browsers[i]!)).length,
      dailyCap: lost.filter((i) => capped(browsers[i]!)).length,
      browsers: lost.slice(0, 10),
    },
    dailyCap: { perBrowser: DEFAULT_DAILY_CAP, browsersStopped: browsers.filter(capped).length },
    rephased: sum(browsers.map((b) => b.rephased)),
    recoveredAfterError: recovered.length,
    maxServiceMs: Math.round(server.maxServiceMs),
    events: r.events,
    wallMs: Math.round(wallMs),
    goals,
  };
}

export type Summary = ReturnType<typeof summarize>;
