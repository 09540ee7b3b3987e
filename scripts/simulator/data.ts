// The simulated operation: agents and their daily gamification figures. Past days are a pure
// function of (seed, agent, date); today is a stored snapshot that moves only on advance(), so a
// test can read exactly the figures the extension was served.
import { makeAgents, type SimAgent } from './agents';
import { dayKeyIn, type DayKey } from './calendar';
import { int, rng } from './random';
import { MAX_POINTS, occupancy, zero, type DayStats } from './stats';

export type { DayKey } from './calendar';
export type { SimAgent } from './agents';
export { toWire, type DayStats, type WireStat } from './stats';

export interface OperationOptions {
  agents: number;
  seed: number;
  /** IANA zone whose wall-clock date is "today"; default America/Bogota. */
  timeZone?: string;
  hostileNames?: boolean;
  /** Clock, for tests; default the real one. */
  now?: () => Date;
}

export interface Operation {
  readonly seed: number;
  readonly timeZone: string;
  readonly agents: readonly SimAgent[];
  /** Today's day key in the operation's time zone (follows the clock). */
  today(): DayKey;
  /** The figures for one agent-day; null when the day is missing, in the future or unknown. */
  statsFor(agentId: string, day: DayKey): DayStats | null;
  /** Every agent with a row on `day`. */
  dayStats(day: DayKey): { agent: SimAgent; stats: DayStats }[];
  /** Adds one plausible increment to each active agent's figures for today. */
  advance(): void;
  /** How many advances today's snapshot holds (0 after a date rollover). */
  readonly advances: number;
}

/** Creates a deterministic operation. */
export function createOperation(options: OperationOptions): Operation {
  const { seed, hostileNames = false } = options;
  const timeZone = options.timeZone ?? 'America/Bogota';
  const now = options.now ?? ((): Date => new Date());
  const agents = makeAgents(options.agents, seed, hostileNames);
  const byId = new Map(agents.map((a) => [a.id, a]));

  function fullDay(agent: SimAgent, day: DayKey): DayStats | null {
    const r = rng(seed, agent.id, day);
    if (r() < 0.06) return null; // a missing day, like the doc sample's 20230104
    if (agent.alwaysIdle) return zero(day);
    if (r() < 0.12) return { ...zero(day), loginSeconds: r() < 0.3 ? int(r, 1, 5) * 60 : 0 };
    const loginSeconds = int(r, 240, 600) * 60;
    const calls = Math.min(80, Math.round((loginSeconds / 3600) * int(r, 2, 8)));
    const hits = Math.min(30, Math.floor(calls * r() * 0.4));
    const ahtSeconds = int(r, 60, 600);
    const acwSeconds = int(r, 5, 90);
    const points = int(rng(seed, 'points', agent.tieGroup, day), 50, MAX_POINTS);
    const occupancyPercent = occupancy(calls, ahtSeconds, acwSeconds, loginSeconds);
    return {
      date: day,
      points,
      hits,
      calls,
      ahtSeconds,
      acwSeconds,
      occupancyPercent,
      loginSeconds,
    };
  }

  // Today's snapshot starts as the first part of a shift: 30 % of the day's full figures.
  function startOfShift(agent: SimAgent, day: DayKey): DayStats | null {
    const full = fullDay(agent, day);
    if (!full || full.points === 0) return full;
    const calls = Math.floor(full.calls * 0.3);
    const loginSeconds = Math.round((full.loginSeconds * 0.3) / 60) * 60;
    const [aht, acw] = calls === 0 ? [0, 0] : [full.ahtSeconds, full.acwSeconds];
    return {
      ...full,
      points: Math.floor(full.points * 0.3),
      calls,
      hits: Math.min(calls, Math.floor(full.hits * 0.3)),
      ahtSeconds: aht,
      acwSeconds: acw,
      loginSeconds,
      occupancyPercent: occupancy(calls, aht, acw, loginSeconds),
    };
  }

  let snapshotDay = '';
  let snapshot = new Map<string, DayStats | null>();
  let advances = 0;

  function today(): DayKey {
    const day = dayKeyIn(timeZone, now());
    if (day !== snapshotDay) {
      snapshotDay = day;
      snapshot = new Map(agents.map((a) => [a.id, startOfShift(a, day)]));
      advances = 0;
    }
    return day;
  }

  function step(agent: SimAgent, s: DayStats, n: number): DayStats {
    const r = rng(seed, agent.id, s.date, 'advance', n);
    const g = rng(seed, 'points', agent.tieGroup, s.date, 'advance', n);
    const newCalls = int(r, 0, 4);
    const calls = s.calls + newCalls;
    const avg = (old: number, fresh: number): number =>
      calls === 0 ? 0 : Math.round((old * s.calls + fresh * newCalls) / calls);
    const ahtSeconds = avg(s.ahtSeconds, int(r, 60, 600));
    const acwSeconds = avg(s.acwSeconds, int(r, 5, 90));
    const loginSeconds = Math.min(12 * 3600, s.loginSeconds + int(r, 10, 20) * 60);
    return {
      date: s.date,
      points: Math.min(MAX_POINTS, s.points + int(g, 0, 60)),
      hits: Math.min(30, s.hits + Math.min(newCalls, int(r, 0, 1))),
      calls,
      ahtSeconds,
      acwSeconds,
      occupancyPercent: occupancy(calls, ahtSeconds, acwSeconds, loginSeconds),
      loginSeconds,
    };
  }

  function statsFor(agentId: string, day: DayKey): DayStats | null {
    const agent = byId.get(agentId);
    const t = today();
    if (!agent || day > t) return null;
    if (day < t) return fullDay(agent, day);
    const s = snapshot.get(agentId);
    return s ? { ...s } : null;
  }

  return {
    seed,
    timeZone,
    agents,
    today,
    statsFor,
    dayStats: (day) =>
      agents.flatMap((agent) => {
        const stats = statsFor(agent.id, day);
        return stats ? [{ agent, stats }] : [];
      }),
    advance() {
      today();
      advances += 1;
      for (const agent of agents) {
        const s = snapshot.get(agent.id);
        // Idle and absent agents stay as they are: only agents already scoring today move.
        if (s && s.points > 0) snapshot.set(agent.id, step(agent, s, advances));
      }
    },
    get advances() {
      today();
      return advances;
    },
  };
}
