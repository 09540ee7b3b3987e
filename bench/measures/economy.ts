/**
 * API economy: requests and answer bytes one agent's browser spends in an 8-hour shift at the default
 * 5-minute interval. The real sync engine (utils/sync/engine.ts, with the fleet's in-memory store)
 * runs on a virtual clock against answers built by the simulator's own generator, so the bytes are
 * the bytes wolkvox-shaped answers take. Day 1 is the install (Save and test at 08:00, then the
 * alarm); day 2 is the steady state that is compared with a naive client fetching the month to date
 * every tick (split as the 31-day / 60,000-record limits require).
 */
import { gzipSync } from 'node:zlib';
import { createMemoryStore } from '../../scripts/fleet/memory-store';
import { createOperation } from '../../scripts/simulator';
import { buildData, successBody, type WireAgent } from '../../scripts/simulator/envelope';
import { parseStamp } from '../../scripts/simulator/calendar';
import { rng } from '../../scripts/simulator/random';
import type { DayWindow } from '../../utils/model';
import { addDays, firstOfMonth, startOfDayInstant } from '../../utils/periods';
import { createSyncEngine } from '../../utils/sync/engine';
import { maxDaysPerQuery, splitRange } from '../../utils/sync/windows';

const TZ = 'America/Bogota';
/** Thursday 20 March 2025 (the fleet simulation's day): the 20th, so the month holds 20 days. */
export const ECONOMY_DAY = '20250320';
const INTERVAL_MIN = 5;
const TICKS = (8 * 60) / INTERVAL_MIN;

export interface Spend {
  requests: number;
  bytes: number;
}

export interface EconomyResult {
  agents: number;
  day: string;
  install: Spend;
  steady: Spend;
  naive: Spend;
  /** Naive bytes / steady-state bytes. */
  ratio: number;
  /**
   * Naive bytes / the bytes of today's answers alone over the shift: the best ratio any client can
   * reach that knows today's figures at every tick, since each answer lists the whole operation.
   */
  bound: number;
  /** One of today's answers, raw and gzip -6 (if wolkvox compressed, which is not documented). */
  todayAnswerBytes: number;
  todayAnswerGzBytes: number;
  /** Of today's answer: the bytes that are not figures (ids, names, DNIs, brackets), re-sent each tick. */
  todayAgentHeaderBytes: number;
  /** Of today's answer: the `agent_dni` members alone, which Podio drops on arrival. */
  todayDniBytes: number;
}

/** What an answer spends on agents rather than on figures. */
function headerBytes(data: WireAgent[]) {
  const headers = successBody(
    data.map((a) => ({ ...a, stats: [] })),
    0,
  );
  const dni = data.reduce(
    (n, a) => n + Buffer.byteLength(`"agent_dni":${JSON.stringify(a.agent_dni)},`),
    0,
  );
  return { todayAgentHeaderBytes: Buffer.byteLength(headers), todayDniBytes: dni };
}

export async function measureEconomy(agents: number): Promise<EconomyResult> {
  let now = startOfDayInstant(addDays(ECONOMY_DAY, -1), TZ) + 8 * 3_600_000;
  const op = createOperation({ agents, seed: 7, timeZone: TZ, now: () => new Date(now) });
  const body = (from: string, to: string) => {
    const { data, records } = buildData(op, from, to);
    return successBody(data, records);
  };
  let spend: Spend = { requests: 0, bytes: 0 };
  let lastToday: { text: string; day: string } = { text: '', day: '' };
  let todayBytes = 0;
  const fetch: typeof globalThis.fetch = async (input) => {
    const url = new URL(String(input));
    const ini = parseStamp(url.searchParams.get('date_ini'))!;
    const end = parseStamp(url.searchParams.get('date_end'))!;
    const text = body(ini.day, end.day);
    if (ini.day === end.day && ini.day === op.today()) {
      lastToday = { text, day: ini.day };
      todayBytes += Buffer.byteLength(text);
    }
    spend.requests++;
    spend.bytes += Buffer.byteLength(text);
    return new Response(text, { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  const store = createMemoryStore({
    ...{ origin: 'https://wv0032.wolkvox.com', token: 'bench-token', timeZone: TZ },
    ...{ agentId: op.agents[0]!.id, intervalMin: INTERVAL_MIN, dailyCap: 150 },
  });
  const engine = createSyncEngine({
    ...{ store, fetch, now: () => now, random: rng(7, 'economy') },
    sleep: async (ms) => void (now += ms),
  });

  // The naive client's answers: past-only windows never change, so each is built once.
  const naive: Spend = { requests: 0, bytes: 0 };
  const pastBytes = new Map<string, number>();
  const naiveTick = (today: string) => {
    const month: DayWindow = { from: firstOfMonth(today), to: today };
    for (const w of splitRange(month, maxDaysPerQuery(agents))) {
      const key = `${w.from}-${w.to}`;
      const bytes = pastBytes.get(key) ?? Buffer.byteLength(body(w.from, w.to));
      if (w.to < today) pastBytes.set(key, bytes);
      naive.requests++;
      naive.bytes += bytes;
    }
  };

  const shift = async (first: 'test' | 'alarm', withNaive: boolean): Promise<Spend> => {
    spend = { requests: 0, bytes: 0 };
    const start = now;
    for (let k = 0; k < TICKS; k++) {
      now = start + k * INTERVAL_MIN * 60_000;
      if (k > 0) op.advance(); // the figures move between ticks
      const outcome = await engine.run(k === 0 ? first : 'alarm');
      if (outcome.status !== 'ok') throw new Error(`economy sync: ${JSON.stringify(outcome)}`);
      if (withNaive) naiveTick(op.today());
    }
    return spend;
  };

  const install = await shift('test', false);
  now = startOfDayInstant(ECONOMY_DAY, TZ) + 8 * 3_600_000;
  todayBytes = 0;
  const steady = await shift('alarm', true);
  return {
    ...{ agents, day: ECONOMY_DAY, install, steady, naive },
    ratio: naive.bytes / steady.bytes,
    bound: naive.bytes / todayBytes,
    todayAnswerBytes: Buffer.byteLength(lastToday.text),
    todayAnswerGzBytes: gzipSync(lastToday.text).length,
    ...headerBytes(buildData(op, lastToday.day, lastToday.day).data),
  };
}
