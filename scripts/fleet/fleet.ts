/**
 * A shift of an operation's browsers sharing one token: logins spread over the first half hour,
 * every browser's alarm on its own phase, one wolkvox model, and a sample of every browser's
 * staleness each virtual minute.
 */
import { createOperation } from '../simulator/data';
import { rng } from '../simulator/random';
import { maxDaysPerQuery } from '../../utils/sync/windows';
import { DEFAULT_TIMEOUT_MS } from '../../utils/wolkvox/client';
import { createBrowser, TOKEN, type BrowserStats } from './browser';
import { createClock } from './sim';
import { createWolkvoxModel, type ServerStats } from './wolkvox-model';

export interface FleetOptions {
  agents: number;
  hours: number;
  intervalMin?: number;
  seed?: number;
  /** Requests per token at once: 2 on wolkvox's general limits page, 1 on the agents_kpi page. */
  maxInFlight?: number;
  /** List every agent in every answer, however slow (see SAMPLE_AGENTS). */
  fullAnswers?: boolean;
  /** Shift start, epoch ms; default 08:00 in Bogotá on Thursday 2025-03-20. */
  start?: number;
  loginSpreadMin?: number;
}

export type FleetConfig = Required<FleetOptions> & { answerAgents: number };

export interface FleetResult {
  config: FleetConfig;
  browsers: BrowserStats[];
  server: ServerStats;
  /** Minutes since each browser's last success, sampled every virtual minute after its first. */
  staleness: Float64Array;
  endAt: number;
  events: number;
}

/**
 * Parsing a 1,000-agent answer costs the real client ~2 ms, too slow for ~100,000 calls. Answers
 * list this many agents unless that changes the engine's plan (maxDaysPerQuery depends on the
 * count only past ~1,750 agents); service time always counts every agent. `--full-answers` at 300
 * agents gives the very same run, six times slower.
 */
export const SAMPLE_AGENTS = 5;
const ADVANCE_MS = 5 * 60_000;

/** Run a whole shift on the virtual clock and return the raw measurements. */
export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const o = {
    intervalMin: 5,
    seed: 1,
    maxInFlight: 2,
    fullAnswers: false,
    start: Date.parse('2025-03-20T08:00:00-05:00'),
    loginSpreadMin: 30,
    ...options,
  };
  const sample = Math.min(o.agents, SAMPLE_AGENTS);
  const samePlan = maxDaysPerQuery(sample) === maxDaysPerQuery(o.agents);
  const config: FleetConfig = {
    ...o,
    answerAgents: o.fullAnswers || !samePlan ? o.agents : sample,
  };

  const clock = createClock(o.start);
  const endAt = o.start + o.hours * 3_600_000;
  const op = createOperation({
    agents: o.agents,
    seed: o.seed,
    timeZone: 'America/Bogota',
    now: () => new Date(clock.now),
  });
  const model = createWolkvoxModel({
    clock,
    op,
    token: TOKEN,
    licenses: o.agents,
    maxInFlight: o.maxInFlight,
    random: rng(o.seed, 'server'),
    timeoutMs: DEFAULT_TIMEOUT_MS,
    answerAgents: config.answerAgents,
  });
  const browsers = Array.from({ length: o.agents }, (_, i) =>
    createBrowser(i, {
      ...{ clock, model, op, seed: o.seed, intervalMin: o.intervalMin },
      ...{
        shiftStart: o.start,
        loginSpreadMs: o.loginSpreadMin * 60_000,
        endAt,
      },
    }),
  );

  // The operation's figures move through the day, so answers change as they would.
  const advance = (): void => {
    model.advance();
    if (clock.now + ADVANCE_MS < endAt) clock.at(clock.now + ADVANCE_MS, advance);
  };
  clock.at(o.start + ADVANCE_MS, advance);

  const ages: number[] = [];
  const sampleAges = (): void => {
    for (const b of browsers) {
      if (b.lastSuccessAt !== null) ages.push((clock.now - b.lastSuccessAt) / 60_000);
    }
    if (clock.now + 60_000 <= endAt) clock.at(clock.now + 60_000, sampleAges);
  };
  clock.at(o.start + 60_000, sampleAges);

  await clock.run(endAt);
  // Syncs under way at the end of the shift finish (no alarm fires any more), so no promise and
  // no client timer is left behind.
  await clock.run(endAt, true);
  return {
    config,
    browsers,
    server: model.stats,
    staleness: Float64Array.from(ages),
    endAt,
    events: clock.events,
  };
}
