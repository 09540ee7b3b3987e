import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getDayIndex, getDays, getViews, resetDbForTests, rowsOf } from '../../utils/db';
import { neededRange } from '../../utils/leaderboard';
import type { DayKey, DayWindow, ParsedAnswer } from '../../utils/model';
import { daysBetween, eachDay } from '../../utils/periods';
import {
  DEFAULT_SETTINGS,
  INITIAL_SYNC_STATE,
  settingsItem,
  syncStateItem,
  type SyncState,
} from '../../utils/settings';
import { BUSY_RETRY } from '../../utils/sync/backoff';
import {
  createSyncEngine,
  type EngineStore,
  type SyncConfig,
  type SyncOutcome,
} from '../../utils/sync/engine';
import { createSyncService } from '../../utils/sync/service';
import { browserStore } from '../../utils/sync/store';
import { MAX_DAYS, MAX_RECORDS } from '../../utils/sync/windows';
import { saveToken } from '../../utils/vault';

const TZ = 'America/Bogota';
const ORIGIN = 'https://wv0032.wolkvox.com';
const TOKEN = 'tok-0032-5ecr3t-77aa';
const ME = '1001';
const MIN = 60_000;

/** Epoch ms of a Bogotá wall-clock time (UTC−5 all year). */
const bogota = (y: number, mo: number, d: number, h: number, mi = 0) =>
  Date.UTC(y, mo - 1, d, h + 5, mi);
const T0 = bogota(2026, 11, 24, 10, 30); // Tuesday 24 November 2026, 10:30 in Bogotá

const CONFIG: SyncConfig = {
  origin: ORIGIN,
  token: TOKEN,
  timeZone: TZ,
  agentId: ME,
  intervalMin: 5,
  dailyCap: 150,
};

// ---------------------------------------------------------------------------------------------
// A fake wolkvox: the documented wire format (numbers as strings, agent_dni present), the
// documented limits enforced, and every request recorded as the API would receive it.

/** A scripted answer; 'real' is the fake's ordinary answer. */
type Reply = { status: number; body: string } | 'network' | 'hang' | 'real';
const error403 = (message: string): Reply => ({
  status: 403,
  body: JSON.stringify({ code: '403', error: message, msg: null }),
});
const BUSY = error403('EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)');
const BAD_TOKEN = error403('PLEASE VALIDATE TOKEN');
const DAILY_LIMIT = error403('TOKEN LIMIT EXCEEDED');
const MAINTENANCE: Reply = { status: 403, body: '' };
const SERVER_ERROR: Reply = { status: 500, body: '<html>Internal Server Error</html>' };
const MISSING_TOKEN: Reply = {
  status: 401,
  body: JSON.stringify({ code: '401', error: 'PLEASE ENTER THE WOLKVOX-TOKEN', msg: null }),
};

interface SeenRequest {
  host: string;
  path: string;
  api: string | null;
  dateIni: string;
  dateEnd: string;
  token: string | null;
  days: number;
}

const dniOf = (i: number) => String(9_274_658_220 + i);

interface FakeOptions {
  /** Agents of the operation. */
  population?: number;
  /** Agents listed in an answer that covers today (early in the day, fewer have figures). */
  listedToday?: number;
  /** Fake-clock time each request takes. */
  latencyMs?: number;
}

/** `events`: a shared log of what happens, in order; each request adds `call <from>-<to>`. */
function fakeWolkvox(clock: { now: number }, opts: FakeOptions = {}, events: string[] = []) {
  const population = opts.population ?? 3_000;
  const requests: SeenRequest[] = [];
  /** One reply per request, in order; when empty, a real answer. */
  const script: Reply[] = [];
  let always: Reply | null = null;
  let inFlight = 0;
  let peak = 0;

  function answer(from: DayKey, to: DayKey, listed: number): string {
    const days = eachDay({ from, to }).reverse(); // wolkvox sends stats newest first
    const data = [];
    for (let i = 0; i < listed; i++) {
      // Only the first few agents have figures: keeps answers small, the agent count real.
      const stats =
        i < 5
          ? days.map((date) => ({
              date,
              points: String((i + 1) * 100 + Number(date.slice(6))),
              hits: String(i),
              calls: '24',
              aht_time: '00:06:01',
              acw_time: '00:00:13',
              occupancy: '35 %',
              login_time: '07:34:00',
            }))
          : [];
      data.push({
        agent_id: String(1_001 + i),
        agent_name: `Agente ${i + 1}`,
        agent_dni: dniOf(i),
        stats,
      });
    }
    const records = data.reduce((n, a) => n + a.stats.length, 0);
    return JSON.stringify({ code: '200', error: null, msg: `${records} records were found`, data });
  }

  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const asked = new URL(String(input)).searchParams;
    events.push(`call ${asked.get('date_ini')?.slice(0, 8)}-${asked.get('date_end')?.slice(0, 8)}`);
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      // Yield, so an engine that did not wait for this call would start another meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const url = new URL(String(input));
      const dateIni = url.searchParams.get('date_ini') ?? '';
      const dateEnd = url.searchParams.get('date_end') ?? '';
      const from = dateIni.slice(0, 8);
      const to = dateEnd.slice(0, 8);
      const days = daysBetween(from, to) + 1;
      requests.push({
        host: url.host,
        path: url.pathname,
        api: url.searchParams.get('api'),
        dateIni,
        dateEnd,
        token: new Headers(init?.headers).get('wolkvox-token'),
        days,
      });
      clock.now += opts.latencyMs ?? 0;
      const reply = script.length > 0 ? script.shift()! : always;
      if (reply === 'network') throw new TypeError('Failed to fetch');
      if (reply === 'hang') return await new Promise<Response>(() => undefined);
      if (reply && reply !== 'real') return new Response(reply.body, { status: reply.status });
      if (days > MAX_DAYS || days * population > MAX_RECORDS) {
        const body = { code: '400', error: 'SOME PARAMETERS ARE REQUIRED', msg: null };
        return new Response(JSON.stringify(body), { status: 400 });
      }
      const today = dateEnd.slice(8) !== '235959';
      const listed = today ? (opts.listedToday ?? population) : population;
      return new Response(answer(from, to, listed), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    } finally {
      inFlight--;
    }
  });

  return {
    fetch,
    requests,
    script,
    /** Answer every request with `reply` (null: real answers again). */
    always(reply: Reply | null) {
      always = reply;
    },
    get peak() {
      return peak;
    },
    /** The requests as [date_ini, date_end] pairs. */
    ranges: () => requests.map((r) => [r.dateIni, r.dateEnd]),
  };
}

// ---------------------------------------------------------------------------------------------
// An in-memory EngineStore with the database's rules: past days final once written.

interface Write {
  window: DayWindow;
  fetchedAt: number;
  today: DayKey;
  answer: ParsedAnswer;
}

/**
 * `writes` lists every window stored, by writeWindow or by the rebuild; `events` logs, once each
 * is done, `write <from>-<to>` for a writeWindow and `rebuild storing <from>-<to>|nothing`.
 */
function memoryStore(
  config: SyncConfig | null = CONFIG,
  initial: Partial<SyncState> = {},
  events: string[] = [],
) {
  let state: SyncState = { ...INITIAL_SYNC_STATE, ...initial };
  const finals = new Map<DayKey, boolean>();
  const writes: Write[] = [];
  const keep = (write: Write) => {
    writes.push(write);
    for (const day of eachDay(write.window)) finals.set(day, day < write.today);
  };
  const span = (window: DayWindow) => `${window.from}-${window.to}`;
  const rebuilds: { today: DayKey; now: number; afterWrites: number; withLast: boolean }[] = [];
  const store: EngineStore & { config: SyncConfig | null } = {
    config,
    loadConfig: async () => store.config,
    loadState: async () => state,
    saveState: async (next) => {
      state = next;
    },
    isFinal: async () => {
      const snapshot = new Map(finals);
      return (day) => snapshot.get(day) === true;
    },
    neededFrom: (today) => neededRange(today).from,
    writeWindow: async (answer, window, fetchedAt, today) => {
      keep({ answer, window, fetchedAt, today });
      // Done a moment later, as a database would be: an engine that did not wait shows it.
      await new Promise((resolve) => setTimeout(resolve, 0));
      events.push(`write ${span(window)}`);
    },
    // The last answer arrives with the rebuild, which stores it first (one transaction).
    rebuild: async (today, now, last) => {
      if (last) keep({ ...last, today: last.finalBefore ?? today });
      events.push(`rebuild storing ${last ? span(last.window) : 'nothing'}`);
      rebuilds.push({ today, now, afterWrites: writes.length, withLast: last !== null });
    },
  };
  return {
    store,
    writes,
    rebuilds,
    finals,
    get state() {
      return state;
    },
    markFinal(window: DayWindow) {
      for (const day of eachDay(window)) finals.set(day, true);
    },
  };
}

function setup(
  opts: FakeOptions & {
    config?: SyncConfig | null;
    state?: Partial<SyncState>;
    random?: () => number;
    timeoutMs?: number;
    now?: number;
  } = {},
) {
  const clock = { now: opts.now ?? T0 };
  const events: string[] = [];
  const api = fakeWolkvox(clock, opts, events);
  const mem = memoryStore(opts.config === undefined ? CONFIG : opts.config, opts.state, events);
  const sleep = vi.fn(async (ms: number) => {
    clock.now += ms;
  });
  const engine = createSyncEngine({
    store: mem.store,
    fetch: api.fetch,
    now: () => clock.now,
    random: opts.random ?? (() => 0.5),
    sleep,
    timeoutMs: opts.timeoutMs,
  });
  return { clock, api, mem, sleep, engine, run: engine.run, events };
}

const writtenWindows = (mem: { writes: Write[] }) => mem.writes.map((w) => w.window);

// ---------------------------------------------------------------------------------------------

describe('first sync', () => {
  it('asks today first, then the past days needed newest first, within the limits', async () => {
    const { api, mem, run } = setup();
    const outcome = await run('user');

    expect(outcome).toEqual({ status: 'ok', agentCount: 3_000, at: T0, calls: 3, busy: 0 });
    // Today up to now; then 26 Oct – 23 Nov (the 30-day sparkline reaches furthest back), split
    // at 18 days because 3,000 agents (+10 %) × 18 days stays under 60,000 records.
    expect(api.ranges()).toEqual([
      ['20261124000000', '20261124103000'],
      ['20261113000000', '20261123235959'],
      ['20261026000000', '20261112235959'],
    ]);
    for (const r of api.requests) {
      expect(r.host).toBe('wv0032.wolkvox.com');
      expect(r.path).toBe('/api/v2/gamification.php');
      expect(r.api).toBe('agents_kpi');
      expect(r.token).toBe(TOKEN);
      expect(r.days).toBeLessThanOrEqual(MAX_DAYS);
      expect(r.days * 3_000).toBeLessThanOrEqual(MAX_RECORDS);
    }
    expect(api.peak).toBe(1);

    expect(writtenWindows(mem)).toEqual([
      { from: '20261124', to: '20261124' },
      { from: '20261113', to: '20261123' },
      { from: '20261026', to: '20261112' },
    ]);
    for (const w of mem.writes) expect(w.today).toBe('20261124');
    // The views are rebuilt once, after everything was written.
    expect(mem.rebuilds).toEqual([{ today: '20261124', now: T0, afterWrites: 3, withLast: true }]);
    expect(mem.state).toMatchObject({
      lastAttemptAt: T0,
      lastSuccessAt: T0,
      lastError: null,
      agentCount: 3_000,
      usageDay: '20261124',
      usageCalls: 3,
    });
  });

  it('a small operation gets its 29 past days in one query', async () => {
    const { api, run } = setup({ population: 40 });
    await run('user');
    expect(api.ranges()).toEqual([
      ['20261124000000', '20261124103000'],
      ['20261026000000', '20261123235959'],
    ]);
  });

  it('hands the store parsed figures, with no trace of agent_dni', async () => {
    const { mem, run } = setup({ population: 40 });
    await run('user');
    const today = mem.writes[0]!.answer;
    expect(today.agents).toHaveLength(40);
    expect(today.agents[0]).toEqual({ id: ME, name: 'Agente 1' });
    expect(rowsOf(today.days).find((r) => r.agentId === ME)).toEqual({
      agentId: ME,
      date: '20261124',
      points: 124,
      hits: 0,
      calls: 24,
      ahtSec: 361,
      acwSec: 13,
      occupancy: 35,
      loginSec: 7 * 3600 + 34 * 60,
    });
    const text = JSON.stringify(mem.writes);
    expect(text).not.toContain('dni');
    for (let i = 0; i < 40; i++) expect(text).not.toContain(dniOf(i));
  });

  it('never has two requests in flight, even when syncs are asked for all at once', async () => {
    const { api, engine } = setup({ population: 40 });
    const service = createSyncService(engine, () => undefined);
    const outcomes = await Promise.all([
      service.tick(),
      service.refresh(),
      service.test(CONFIG),
      service.tick(),
    ]);
    expect(api.peak).toBe(1);
    for (const o of outcomes) expect(o.status).toBe('ok');
    // Tick and refresh shared one sync (today + past); the test ran after it (today only) and
    // the last tick joined the test.
    expect(api.requests.length).toBe(2 + 1);
  });
});

describe('later syncs', () => {
  it('a second sync the same day asks only today', async () => {
    const { api, clock, run } = setup();
    await run('alarm');
    clock.now = T0 + 5 * MIN;
    const outcome = await run('alarm');
    expect(outcome).toMatchObject({ status: 'ok', calls: 1 });
    expect(api.ranges().slice(3)).toEqual([['20261124000000', '20261124103500']]);
  });

  it('after midnight asks yesterday again until an hour into today, then never again', async () => {
    const { api, clock, mem, run } = setup();
    await run('alarm');
    clock.now = bogota(2026, 11, 25, 0, 10);
    await run('alarm');
    expect(api.ranges().slice(3)).toEqual([
      ['20261125000000', '20261125001000'],
      ['20261124000000', '20261124235959'],
    ]);
    // wolkvox may still post figures for it, and a fast browser clock may be early: not final.
    expect(mem.finals.get('20261124')).toBe(false);
    expect(mem.finals.get('20261125')).toBe(false);

    clock.now = bogota(2026, 11, 25, 0, 15);
    await run('alarm');
    clock.now = bogota(2026, 11, 25, 1, 0);
    await run('alarm');
    expect(mem.finals.get('20261124')).toBe(true);
    clock.now = bogota(2026, 11, 25, 16, 0);
    await run('alarm');
    expect(api.ranges().slice(5)).toEqual([
      ['20261125000000', '20261125001500'],
      ['20261124000000', '20261124235959'],
      ['20261125000000', '20261125010000'],
      ['20261124000000', '20261124235959'],
      ['20261125000000', '20261125160000'],
    ]);
  });

  it('a browser clock ten minutes fast does not freeze a day that has not ended', async () => {
    const { api, clock, mem, run } = setup();
    await run('alarm');
    // Really 23:55 on the 24th; the browser says 00:05 on the 25th.
    clock.now = bogota(2026, 11, 25, 0, 5);
    await run('alarm');
    expect(mem.finals.get('20261124')).toBe(false);
    // Once the clock is past the hour, the day is asked for again, complete, and kept.
    clock.now = bogota(2026, 11, 25, 8, 0);
    await run('alarm');
    expect(api.ranges().at(-1)).toEqual(['20261124000000', '20261124235959']);
    expect(mem.finals.get('20261124')).toBe(true);
  });

  it('counts usage per operation day: Bogotá’s evening is still the same day', async () => {
    const { clock, mem, run } = setup();
    await run('alarm');
    // 19:30 in Bogotá is already the 25th in UTC.
    clock.now = bogota(2026, 11, 24, 19, 30);
    await run('alarm');
    expect(mem.state).toMatchObject({ usageDay: '20261124', usageCalls: 4 });
    clock.now = bogota(2026, 11, 25, 0, 5);
    await run('alarm');
    // Today and yesterday's last look, counted on the new day.
    expect(mem.state).toMatchObject({ usageDay: '20261125', usageCalls: 2 });
  });

  it('plans past windows with the agent count it remembers when today lists few agents', async () => {
    // Back after three weeks away, just after midnight: today's answer lists 12 agents, but the
    // operation has 3,000 and the last sync remembered so.
    const { api, mem, run } = setup({
      now: bogota(2026, 11, 24, 0, 5),
      listedToday: 12,
      state: { agentCount: 3_000, usageDay: '20261101', usageCalls: 40 },
    });
    mem.markFinal({ from: '20261001', to: '20261031' });
    const outcome = await run('alarm');
    expect(outcome.status).toBe('ok');
    for (const r of api.requests) expect(r.days * 3_000).toBeLessThanOrEqual(MAX_RECORDS);
    expect(api.ranges()).toEqual([
      ['20261124000000', '20261124000500'],
      ['20261119000000', '20261123235959'],
      ['20261101000000', '20261118235959'],
    ]);
    expect(mem.state.agentCount).toBe(3_000);
  });
});

describe('when an alarm makes no call', () => {
  it('no settings: nothing for anyone', async () => {
    const { api, run } = setup({ config: null });
    for (const reason of ['alarm', 'user'] as const) {
      expect(await run(reason)).toEqual({ status: 'skipped', why: 'not-configured' });
    }
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('incomplete (no agent chosen): the alarm waits, a user sync still lists the agents', async () => {
    const { api, mem, run } = setup({ config: { ...CONFIG, agentId: null }, population: 40 });
    expect(await run('alarm')).toEqual({ status: 'skipped', why: 'incomplete' });
    expect(api.fetch).not.toHaveBeenCalled();
    expect(await run('user')).toMatchObject({ status: 'ok', agentCount: 40 });
    expect(mem.writes[0]!.answer.agents).toHaveLength(40);
  });

  it.each([
    ['bad-token', BAD_TOKEN],
    ['missing-token', MISSING_TOKEN],
  ] as const)('stopped after %s until new settings are tested', async (kind, reply) => {
    const { api, clock, mem, run } = setup({ population: 40 });
    api.script.push(reply);
    expect(await run('user')).toEqual({ status: 'failed', error: kind, calls: 1, busy: 0 });
    expect(mem.state.stoppedFor).toBe(kind);
    expect(mem.state.lastError).toEqual({ kind, at: T0, status: reply === BAD_TOKEN ? 403 : 401 });
    expect(mem.writes).toEqual([]);
    expect(mem.rebuilds).toEqual([]);

    clock.now += 60 * MIN;
    expect(await run('alarm')).toEqual({ status: 'skipped', why: 'stopped' });
    // A user sync does not spend a call to hear the same answer, and says why.
    expect(await run('user')).toEqual({ status: 'failed', error: kind, calls: 0, busy: 0 });
    expect(api.requests).toHaveLength(1);

    const fixed = { ...CONFIG, token: 'the-new-token' };
    expect(await run('test', fixed)).toMatchObject({ status: 'ok' });
    expect(api.requests[1]!.token).toBe('the-new-token');
    expect(mem.state.stoppedFor).toBeNull();
    expect(mem.state.lastError).toBeNull();
    clock.now += 5 * MIN;
    expect(await run('alarm')).toMatchObject({ status: 'ok' });
  });

  it('paused by the daily limit until the operation’s next midnight', async () => {
    const { api, clock, mem, run } = setup({ population: 40 });
    api.script.push(DAILY_LIMIT);
    expect(await run('alarm')).toEqual({
      status: 'failed',
      error: 'daily-limit',
      calls: 1,
      busy: 0,
    });
    // Midnight in Bogotá, 05:00 UTC.
    expect(mem.state.pausedUntil).toBe(bogota(2026, 11, 25, 0, 0));
    expect(mem.state.pausedUntil).toBe(Date.UTC(2026, 10, 25, 5, 0));

    clock.now = bogota(2026, 11, 24, 23, 59);
    expect(await run('alarm')).toEqual({ status: 'skipped', why: 'paused' });
    expect(await run('user')).toEqual({
      status: 'failed',
      error: 'daily-limit',
      calls: 0,
      busy: 0,
    });
    expect(api.requests).toHaveLength(1);

    clock.now = bogota(2026, 11, 25, 0, 0);
    expect(await run('alarm')).toMatchObject({ status: 'ok' });
    expect(mem.state.pausedUntil).toBeNull();
  });

  it.each<[string, Reply, string]>([
    ['maintenance (a bare 403)', MAINTENANCE, 'maintenance'],
    ['a 500', SERVER_ERROR, 'server'],
    ['a 502', { status: 502, body: 'Bad Gateway' }, 'server'],
    ['a network failure', 'network', 'network'],
    ['no answer in time', 'hang', 'timeout'],
    [
      'a truncated answer',
      { status: 200, body: '{"code":"200","data":[{"agent_id":"1' },
      'malformed',
    ],
  ])('backs off after %s, then syncs again once the backoff is over', async (_l, reply, kind) => {
    const { api, clock, mem, run } = setup({ population: 40, timeoutMs: 200 });
    api.script.push(reply);
    expect(await run('alarm')).toEqual({ status: 'failed', error: kind, calls: 1, busy: 0 });
    const until = mem.state.backoffUntil!;
    expect(until).toBeGreaterThan(T0);
    expect(mem.state.lastError?.kind).toBe(kind);
    expect(mem.writes).toEqual([]);

    clock.now = until - 1;
    expect(await run('alarm')).toEqual({ status: 'skipped', why: 'backoff' });
    expect(api.requests).toHaveLength(1);

    clock.now = until;
    expect(await run('alarm')).toMatchObject({ status: 'ok' });
    expect(mem.state).toMatchObject({ backoffUntil: null, backoffLevel: 0, lastError: null });
  });

  it('backs off longer after each failure, up to an hour', async () => {
    const { api, clock, mem, run } = setup({ population: 40, random: () => 0 });
    api.always(SERVER_ERROR);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      await run('alarm');
      waits.push(mem.state.backoffUntil! - clock.now);
      clock.now = mem.state.backoffUntil!;
    }
    // Half of 5, 10, 20, 40, 60 (the cap)… minutes with random() = 0.
    expect(waits.map((w) => w / MIN)).toEqual([2.5, 5, 10, 20, 30, 30, 30, 30]);
    expect(mem.state.backoffLevel).toBe(8);
  });

  it('a user sync does not wait for the backoff', async () => {
    const { api, mem, run } = setup({ population: 40 });
    api.script.push(SERVER_ERROR);
    await run('alarm');
    expect(mem.state.backoffUntil).toBeGreaterThan(T0);
    expect(await run('user')).toMatchObject({ status: 'ok' });
    expect(api.requests.length).toBeGreaterThan(1);
  });

  it('the daily cap stops alarm calls for the rest of the operation’s day', async () => {
    const { api, clock, run } = setup({ population: 40, config: { ...CONFIG, dailyCap: 3 } });
    await run('alarm'); // 2 calls
    clock.now += 5 * MIN;
    await run('alarm'); // 3
    clock.now += 5 * MIN;
    expect(await run('alarm')).toEqual({ status: 'skipped', why: 'cap' });
    expect(api.requests).toHaveLength(3);
    clock.now = bogota(2026, 11, 25, 0, 5);
    expect(await run('alarm')).toMatchObject({ status: 'ok' });
  });
});

describe('a busy token (403 simultaneous requests)', () => {
  it('is retried after a full-jitter wait, and succeeds after two busy answers', async () => {
    const { api, mem, run, sleep } = setup({ population: 40, random: () => 0.999 });
    api.script.push(BUSY, BUSY);
    const outcome = await run('alarm');
    expect(outcome).toMatchObject({ status: 'ok', calls: 4, busy: 2 });
    // The same window each time; its end moves with the clock (the waits were 1 s and 2 s).
    expect(api.ranges().slice(0, 3)).toEqual([
      ['20261124000000', '20261124103000'],
      ['20261124000000', '20261124103000'],
      ['20261124000000', '20261124103002'],
    ]);
    // Full jitter: a random wait below min(cap, base · 2^attempt).
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([999, 1_998]);
    expect(mem.state.usageCalls).toBe(4);
    expect(mem.state.lastError).toBeNull();
    expect(writtenWindows(mem)).toHaveLength(2);
  });

  it.each([0, 0.3, 0.999])('waits stay within their bounds (random() = %s)', async (r) => {
    const { api, run, sleep } = setup({ population: 40, random: () => r });
    api.always(BUSY);
    await run('alarm');
    const waits = sleep.mock.calls.map(([ms]) => ms);
    waits.forEach((ms, attempt) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(Math.min(BUSY_RETRY.capMs, BUSY_RETRY.baseMs * 2 ** attempt));
    });
  });

  it('gives up after a bounded number of tries, writes nothing and backs off', async () => {
    const { api, mem, run, sleep } = setup({ population: 40, random: () => 0.999 });
    api.always(BUSY);
    const outcome = await run('alarm');
    expect(outcome).toEqual({
      status: 'failed',
      error: 'busy',
      calls: BUSY_RETRY.tries,
      busy: BUSY_RETRY.tries,
    });
    expect(api.requests).toHaveLength(BUSY_RETRY.tries);
    expect(sleep).toHaveBeenCalledTimes(BUSY_RETRY.tries - 1);
    const slept = sleep.mock.calls.reduce((n, [ms]) => n + ms, 0);
    expect(slept).toBeLessThanOrEqual(BUSY_RETRY.totalMs);
    expect(mem.writes).toEqual([]);
    expect(mem.rebuilds).toEqual([]);
    expect(mem.state.usageCalls).toBe(BUSY_RETRY.tries);
    expect(mem.state.lastError?.kind).toBe('busy');
    expect(mem.state.backoffUntil).toBeGreaterThan(T0);
  });

  it('stops retrying when the next try would start past the time budget', async () => {
    // Each answer takes 8 s: after two tries and their waits, a third would start too late.
    const { api, clock, run } = setup({ population: 40, random: () => 0.9, latencyMs: 8_000 });
    api.always(BUSY);
    const starts: number[] = [];
    api.fetch.mockImplementation(
      ((inner) => async (input, init) => {
        starts.push(clock.now);
        return inner(input, init);
      })(api.fetch.getMockImplementation()!),
    );
    await run('alarm');
    expect(starts).toHaveLength(3);
    expect(starts.at(-1)! - starts[0]!).toBeLessThanOrEqual(BUSY_RETRY.totalMs);
  });

  it('on a past window: today is kept and the views rebuilt, the past days asked next time', async () => {
    const { api, clock, mem, run } = setup({ population: 40 });
    api.script.push('real', BUSY, BUSY, BUSY, BUSY);
    const outcome = await run('alarm');
    expect(outcome).toEqual({
      status: 'failed',
      error: 'busy',
      calls: 1 + BUSY_RETRY.tries,
      busy: BUSY_RETRY.tries,
    });
    expect(writtenWindows(mem)).toEqual([{ from: '20261124', to: '20261124' }]);
    expect(mem.rebuilds).toHaveLength(1);

    clock.now = bogota(2026, 11, 24, 11, 0);
    expect(clock.now).toBeGreaterThan(mem.state.backoffUntil!);
    await run('alarm');
    expect(api.ranges().slice(-2)).toEqual([
      ['20261124000000', '20261124110000'],
      ['20261026000000', '20261123235959'],
    ]);
  });
});

describe('each answer held until the next call', () => {
  it('is written before the next call; the last goes to the rebuild, not to writeWindow', async () => {
    const { api, mem, run, events } = setup({ latencyMs: 1_000 });
    expect(await run('user')).toMatchObject({ status: 'ok', calls: 3 });
    expect(events).toEqual([
      'call 20261124-20261124',
      'write 20261124-20261124',
      'call 20261113-20261123',
      'write 20261113-20261123',
      'call 20261026-20261112',
      'rebuild storing 20261026-20261112',
    ]);
    expect(mem.rebuilds).toEqual([
      { today: '20261124', now: T0 + 3_000, afterWrites: 3, withLast: true },
    ]);
    // The rebuild stores the last call's answer, dated when it came back.
    const last = mem.writes.at(-1)!;
    expect(last).toMatchObject({ window: { from: '20261026', to: '20261112' }, today: '20261124' });
    expect(last.fetchedAt).toBe(T0 + 3_000);
    expect(rowsOf(last.answer.days).map((r) => r.date)).toContain('20261112');
    expect(rowsOf(last.answer.days).every((r) => r.date <= '20261112')).toBe(true);
    expect(api.requests).toHaveLength(3);
  });

  it('with no past day to ask, today’s answer is stored by the rebuild alone', async () => {
    const { clock, mem, run, events } = setup({ population: 40 });
    await run('alarm');
    clock.now += 5 * MIN;
    events.length = 0;
    expect(await run('alarm')).toMatchObject({ status: 'ok', calls: 1 });
    expect(events).toEqual(['call 20261124-20261124', 'rebuild storing 20261124-20261124']);
    expect(mem.rebuilds.at(-1)).toMatchObject({ withLast: true, now: T0 + 5 * MIN });
    expect(mem.writes.at(-1)).toMatchObject({
      window: { from: '20261124', to: '20261124' },
      fetchedAt: T0 + 5 * MIN,
    });
  });

  it('a past call that fails finds the answers before it stored; the views are rebuilt', async () => {
    const { api, mem, run, events } = setup();
    api.script.push('real', 'real', SERVER_ERROR);
    // Today's figures arrived: the sync succeeded, the last past window is still missing.
    expect(await run('alarm')).toEqual({
      status: 'ok',
      agentCount: 3_000,
      at: T0,
      calls: 3,
      busy: 0,
    });
    expect(mem.state).toMatchObject({
      lastSuccessAt: T0,
      lastError: null,
      backoffUntil: null,
      pastMissing: eachDay({ from: '20261026', to: '20261112' }),
      pastError: { kind: 'server', at: T0, status: 500 },
      pastMaxDays: 9,
    });
    expect(events).toEqual([
      'call 20261124-20261124',
      'write 20261124-20261124',
      'call 20261113-20261123',
      'write 20261113-20261123',
      'call 20261026-20261112',
      'rebuild storing nothing',
    ]);
    expect(writtenWindows(mem)).toEqual([
      { from: '20261124', to: '20261124' },
      { from: '20261113', to: '20261123' },
    ]);
    expect(mem.rebuilds).toEqual([{ today: '20261124', now: T0, afterWrites: 2, withLast: false }]);
    expect(mem.finals.get('20261113')).toBe(true);
    expect(mem.finals.has('20261112')).toBe(false);
  });

  it('today’s answer is stored before a failing first past call', async () => {
    const { api, mem, run, events } = setup({ population: 40 });
    api.script.push('real', MAINTENANCE);
    expect(await run('alarm')).toMatchObject({ status: 'failed', error: 'maintenance' });
    expect(events).toEqual([
      'call 20261124-20261124',
      'write 20261124-20261124',
      'call 20261026-20261123',
      'rebuild storing nothing',
    ]);
    expect(mem.finals.get('20261124')).toBe(false);
    expect(mem.rebuilds).toHaveLength(1);
  });
});

describe('failures', () => {
  it('a failed window is not written, earlier data stays, and it is asked again', async () => {
    const t = setup({ population: 40 });
    await t.run('alarm');
    t.clock.now = bogota(2026, 11, 25, 0, 10);
    const before = t.mem.writes.length;
    // Today answers, yesterday's final look fails.
    t.api.script.push('real', SERVER_ERROR);
    const outcome = await t.run('alarm');
    expect(outcome).toMatchObject({ status: 'ok', calls: 2, busy: 0 });
    expect(writtenWindows(t.mem).slice(before)).toEqual([{ from: '20261125', to: '20261125' }]);
    // Yesterday keeps what the first sync wrote, still not final.
    expect(t.mem.finals.get('20261124')).toBe(false);
    expect(t.mem.rebuilds.at(-1)).toMatchObject({ today: '20261125' });
    expect(t.mem.state.lastError).toBeNull();
    expect(t.mem.state.pastError).toMatchObject({ kind: 'server', status: 500 });
    expect(t.mem.state.pastMissing).toEqual(['20261124']);

    // Asked again once the past days' backoff is over (and an hour into the day, so it is final).
    t.clock.now = Math.max(t.mem.state.pastBackoffUntil!, bogota(2026, 11, 25, 1, 0));
    const retry = await t.run('alarm');
    expect(retry.status).toBe('ok');
    expect(t.api.ranges().at(-1)).toEqual(['20261124000000', '20261124235959']);
    expect(t.mem.finals.get('20261124')).toBe(true);
    expect(t.mem.state).toMatchObject({
      lastError: null,
      lastSuccessAt: t.clock.now,
      pastMissing: [],
      pastError: null,
      pastBackoffUntil: null,
      pastBackoffLevel: 0,
      pastMaxDays: null,
    });
  });

  it('a failure on today’s call writes nothing and leaves the views alone', async () => {
    const { api, mem, run } = setup({ population: 40 });
    api.script.push({ status: 200, body: '<!DOCTYPE html><html>maintenance</html>' });
    expect(await run('alarm')).toEqual({ status: 'failed', error: 'malformed', calls: 1, busy: 0 });
    expect(mem.writes).toEqual([]);
    expect(mem.rebuilds).toEqual([]);
    expect(mem.state.lastAttemptAt).toBe(T0);
    expect(mem.state.lastSuccessAt).toBeNull();
  });

  it('counts a call that failed, and every retry, against the day', async () => {
    const { api, mem, run } = setup({ population: 40 });
    api.script.push('network');
    await run('user');
    expect(mem.state.usageCalls).toBe(1);
    api.script.push(BUSY);
    await run('user');
    // Today busy, today again, then the past window.
    expect(mem.state.usageCalls).toBe(1 + 3);
  });

  it('a store that cannot write keeps the sync’s state: the calls spent and the backoff', async () => {
    const { mem, run } = setup({ population: 40 });
    const full = new Error('QuotaExceededError');
    mem.store.writeWindow = async () => {
      throw full;
    };
    mem.store.rebuild = async () => {
      throw full;
    };
    await expect(run('alarm')).rejects.toBe(full);
    // Today's call and the first past call were made and counted; the failed write backs off.
    expect(mem.state.usageCalls).toBe(1);
    expect(mem.state.lastAttemptAt).toBe(T0);
    expect(mem.state.backoffUntil).not.toBeNull();
  });

  it('never puts the token in what it remembers', async () => {
    const { api, mem, run } = setup({ population: 40 });
    api.script.push(BAD_TOKEN);
    await run('user');
    expect(JSON.stringify(mem.state)).not.toContain(TOKEN);
  });
});

/** The engine as the worker builds it, on the browser's store, against a fake wolkvox. */
function browserEngine(api: ReturnType<typeof fakeWolkvox>, clock: { now: number }) {
  return createSyncEngine({
    store: browserStore(),
    fetch: api.fetch,
    now: () => clock.now,
    random: () => 0.5,
    sleep: async () => undefined,
  });
}

describe('through the browser’s own store', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    resetDbForTests();
    globalThis.indexedDB = new IDBFactory();
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      server: '0032',
      hasToken: true,
      agentId: ME,
      timeZone: TZ,
    });
    await saveToken(TOKEN);
  });

  it('a first sync stores every needed day, the boards and the agent’s views', async () => {
    const clock = { now: T0 };
    const api = fakeWolkvox(clock, { population: 40 });
    const engine = browserEngine(api, clock);
    const outcome: SyncOutcome = await engine.run('alarm');
    expect(outcome).toMatchObject({ status: 'ok', agentCount: 40 });
    expect(api.requests.every((r) => r.token === TOKEN)).toBe(true);

    const index = await getDayIndex();
    expect(Object.keys(index).sort()).toEqual(eachDay({ from: '20261026', to: '20261124' }));
    expect(index['20261123']?.final).toBe(true);
    expect(index['20261124']?.final).toBe(false);

    const views = await getViews();
    expect(views?.agentId).toBe(ME);
    // Agent 1001 has the fewest points of the five with figures (100 + day each day).
    expect(views?.today).toMatchObject({ rank: 5, count: 5 });
    expect(views?.today.kpis.points).toBe(124);
    expect(views?.sparkline.every((s) => s.points !== null)).toBe(true);

    // A later failure keeps all of it.
    api.always(SERVER_ERROR);
    clock.now += 5 * MIN;
    expect(await engine.run('user')).toMatchObject({ status: 'failed', error: 'server' });
    expect(await getViews()).toEqual(views);
    expect(await getDays('20261026', '20261124')).toHaveLength(30);
  });

  it('a failed past call keeps today’s answer, stored, and the views built from it', async () => {
    const clock = { now: T0 };
    const api = fakeWolkvox(clock, { population: 40 });
    api.script.push('real', SERVER_ERROR);
    const engine = browserEngine(api, clock);
    expect(await engine.run('alarm')).toMatchObject({ status: 'ok', at: T0 });
    resetDbForTests();
    expect(await getDayIndex()).toEqual({ '20261124': { final: false, fetchedAt: T0 } });
    expect((await getViews())?.today).toMatchObject({ rank: 5, count: 5 });
    expect((await getViews())?.computedAt).toBe(T0);
    // What the settings page and popup read: fresh today, the past days' gap kept apart.
    expect(await syncStateItem.getValue()).toMatchObject({
      lastSuccessAt: T0,
      lastError: null,
      backoffUntil: null,
      pastMissing: eachDay({ from: '20261026', to: '20261123' }),
      pastError: { kind: 'server', status: 500 },
    });
  });

  it('a sync with no past day to ask stores today’s answer with the rebuild', async () => {
    const clock = { now: T0 };
    const api = fakeWolkvox(clock, { population: 40 });
    const engine = browserEngine(api, clock);
    await engine.run('alarm');
    clock.now += 5 * MIN;
    expect(await engine.run('alarm')).toMatchObject({ status: 'ok', calls: 1 });
    resetDbForTests();
    expect((await getDayIndex())['20261124']).toEqual({ final: false, fetchedAt: clock.now });
    const [today] = await getDays('20261124', '20261124');
    expect(today?.fetchedAt).toBe(clock.now);
    expect((await getViews())?.computedAt).toBe(clock.now);
  });
});

describe('the daily cap inside an alarm sync', () => {
  it('binds every call, retries included: a sync that starts just under it stops at it', async () => {
    const { api, mem, run } = setup({
      population: 40,
      state: { usageCalls: 149, usageDay: '20261124' },
    });
    api.script.push(BUSY, BUSY);
    const outcome = await run('alarm');
    expect(outcome).toEqual({ status: 'skipped', why: 'cap' });
    expect(api.fetch).toHaveBeenCalledTimes(1);
    expect(mem.state.usageCalls).toBe(150);
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * Answer the past windows (those asked to 23:59:59) with `reply(days)` when it gives one, and
 * everything else as the fake otherwise would: today keeps answering.
 */
function replyToPast(api: ReturnType<typeof fakeWolkvox>, reply: (days: number) => Reply | null) {
  const inner = api.fetch.getMockImplementation()!;
  api.fetch.mockImplementation(async (input, init) => {
    const url = new URL(String(input));
    const from = url.searchParams.get('date_ini')?.slice(0, 8) ?? '';
    const end = url.searchParams.get('date_end') ?? '';
    const scripted = end.endsWith('235959') ? reply(daysBetween(from, end.slice(0, 8)) + 1) : null;
    // One request in flight at a time: the fake takes this reply before any scripted one.
    if (scripted !== null) api.script.unshift(scripted);
    return inner(input, init);
  });
}

const isPast = (r: SeenRequest) => r.dateEnd.endsWith('235959');
const GATEWAY_TIMEOUT: Reply = { status: 504, body: '<html>504 Gateway Time-out</html>' };

describe('past days that fail do not hold today back', () => {
  it('past windows answering 504 all day: today refreshed at every tick, the past retried with its own backoff, within the cap', async () => {
    const start = bogota(2026, 11, 24, 8, 0);
    const end = bogota(2026, 11, 24, 16, 0);
    const { api, clock, mem, run } = setup({ now: start });
    replyToPast(api, () => GATEWAY_TIMEOUT);
    const outcomes: SyncOutcome[] = [];
    for (let t = start; t <= end; t += 5 * MIN) {
      clock.now = t;
      outcomes.push(await run('alarm'));
      // Today's figures are fresh after every tick, and nothing puts today into backoff.
      expect(mem.state).toMatchObject({
        lastSuccessAt: t,
        lastError: null,
        backoffUntil: null,
        backoffLevel: 0,
      });
    }
    expect(outcomes).toHaveLength(97);
    for (const o of outcomes) expect(o).toMatchObject({ status: 'ok', agentCount: 3_000 });

    const todays = api.requests.filter((r) => !isPast(r));
    expect(todays).toHaveLength(97);
    expect(todays[0]!.dateEnd).toBe('20261124080000');
    expect(todays.at(-1)!.dateEnd).toBe('20261124160000');

    // The past was asked again and again, ever more rarely (its backoff grows to an hour)…
    const past = api.requests.filter(isPast);
    // Only today's answers were ever stored.
    expect(mem.writes).toHaveLength(97);
    const pastTicks = outcomes.flatMap((o, i) => (o.status === 'ok' && o.calls > 1 ? [i] : []));
    // With random() = 0.5: at 08:00, 08:05, 08:15, 08:30, 09:00, then every 45 minutes.
    expect(pastTicks).toHaveLength(14);
    // One call a tick while windows can shrink; two at one day (the failing day, then the next
    // older one, since a day that cannot be asked smaller must not hold the older ones back).
    expect(past.length).toBeGreaterThan(14);
    expect(past.length).toBeLessThanOrEqual(28);
    const gaps = pastTicks.slice(1).map((tick, i) => tick - pastTicks[i]!);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1]!);
    expect(Math.max(...gaps) * 5).toBeLessThanOrEqual(60);
    // …each time smaller, down to one day…
    // (The first past window of each tick: a second one follows only after a single day.)
    const spans = api.requests.flatMap((r, i) =>
      isPast(r) && !isPast(api.requests[i - 1]!) ? [r.days] : [],
    );
    expect(spans[0]).toBe(11);
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i]).toBeLessThanOrEqual(Math.max(1, Math.floor(spans[i - 1]! / 2)));
    }
    expect(spans.at(-1)).toBe(1);
    // …and well within the browser's daily cap.
    expect(mem.state.usageCalls).toBe(97 + past.length);
    expect(mem.state.usageCalls).toBeLessThanOrEqual(CONFIG.dailyCap);

    // The gap is kept for the UI to show, apart from today's status.
    expect(mem.state).toMatchObject({
      pastMissing: eachDay({ from: '20261026', to: '20261123' }),
      pastError: { kind: 'server', status: 504 },
      pastMaxDays: 1,
    });
    expect(mem.state.pastBackoffLevel).toBe(pastTicks.length);
    expect(mem.state.pastBackoffUntil).toBeGreaterThan(end);
    // The views were rebuilt from today's answer every tick.
    expect(mem.rebuilds).toHaveLength(97);
  });

  it('a past window that times out is asked in halves next time, until wolkvox answers in time', async () => {
    const { api, clock, mem, run } = setup({ timeoutMs: 100 });
    // 16 past days missing, 8 to 23 November: one window for 3,000 agents.
    mem.markFinal({ from: '20261026', to: '20261107' });
    // wolkvox takes too long over more than 4 days.
    replyToPast(api, (days) => (days > 4 ? 'hang' : null));

    expect(await run('alarm')).toMatchObject({ status: 'ok', at: T0, calls: 2 });
    expect(mem.state).toMatchObject({
      lastSuccessAt: T0,
      lastError: null,
      backoffUntil: null,
      pastError: { kind: 'timeout', at: T0 },
      pastMaxDays: 8,
      pastBackoffLevel: 1,
      pastMissing: eachDay({ from: '20261108', to: '20261123' }),
    });

    clock.now = T0 + 5 * MIN;
    expect(await run('alarm')).toMatchObject({ status: 'ok', calls: 2 });
    expect(mem.state).toMatchObject({ pastMaxDays: 4, pastBackoffLevel: 2 });

    // The past waits out its backoff; today does not.
    clock.now = T0 + 10 * MIN;
    expect(mem.state.pastBackoffUntil).toBeGreaterThan(clock.now);
    expect(await run('alarm')).toMatchObject({ status: 'ok', calls: 1 });

    clock.now = T0 + 15 * MIN;
    expect(await run('alarm')).toMatchObject({ status: 'ok', calls: 5 });
    expect(api.requests.filter(isPast).map((r) => [r.dateIni.slice(0, 8), r.days])).toEqual([
      ['20261108', 16],
      ['20261116', 8],
      ['20261120', 4],
      ['20261116', 4],
      ['20261112', 4],
      ['20261108', 4],
    ]);
    for (const day of eachDay({ from: '20261026', to: '20261123' })) {
      expect(mem.finals.get(day)).toBe(true);
    }
    // Complete again: the past's backoff and the smaller windows are forgotten.
    expect(mem.state).toMatchObject({
      pastMissing: [],
      pastError: null,
      pastBackoffUntil: null,
      pastBackoffLevel: 0,
      pastMaxDays: null,
    });
  });

  it('a past window failing after others arrived is retried at the next tick', async () => {
    const { api, clock, mem, run } = setup();
    // The newest window (11 days) answers, the older one (18 days) fails.
    replyToPast(api, (days) => (days > 11 ? GATEWAY_TIMEOUT : null));
    expect(await run('alarm')).toMatchObject({ status: 'ok', calls: 3 });
    expect(mem.state).toMatchObject({
      pastMissing: eachDay({ from: '20261026', to: '20261112' }),
      pastMaxDays: 9,
      pastBackoffLevel: 1,
    });
    clock.now = T0 + 5 * MIN;
    expect(await run('alarm')).toMatchObject({ status: 'ok', calls: 3 });
    expect(api.ranges().slice(-2)).toEqual([
      ['20261104000000', '20261112235959'],
      ['20261026000000', '20261103235959'],
    ]);
    expect(mem.state).toMatchObject({ pastMissing: [], pastBackoffLevel: 0, pastMaxDays: null });
  });

  it('a rejected token on today’s call still stops syncing, whatever the past days’ state', async () => {
    const { api, clock, mem, run } = setup({ population: 40 });
    replyToPast(api, () => GATEWAY_TIMEOUT);
    expect(await run('alarm')).toMatchObject({ status: 'ok' });
    expect(mem.state.pastBackoffUntil).not.toBeNull();

    clock.now = T0 + 5 * MIN;
    api.script.push(BAD_TOKEN);
    expect(await run('alarm')).toEqual({ status: 'failed', error: 'bad-token', calls: 1, busy: 0 });
    expect(mem.state).toMatchObject({
      stoppedFor: 'bad-token',
      lastError: { kind: 'bad-token', status: 403 },
      lastSuccessAt: T0,
    });
    clock.now += 60 * MIN;
    expect(await run('alarm')).toEqual({ status: 'skipped', why: 'stopped' });
    expect(await run('user')).toEqual({ status: 'failed', error: 'bad-token', calls: 0, busy: 0 });
    expect(api.requests).toHaveLength(3);
  });

  it.each<[string, Reply, string]>([
    ['the daily limit', DAILY_LIMIT, 'daily-limit'],
    ['maintenance', MAINTENANCE, 'maintenance'],
  ])('%s on a past window is handled as before, for the whole sync', async (_l, reply, kind) => {
    const { api, mem, run } = setup({ population: 40 });
    api.script.push('real', reply);
    expect(await run('alarm')).toEqual({ status: 'failed', error: kind, calls: 2, busy: 0 });
    expect(mem.state.lastError).toMatchObject({ kind, at: T0 });
    if (kind === 'daily-limit') expect(mem.state.pausedUntil).toBe(bogota(2026, 11, 25, 0, 0));
    else expect(mem.state.backoffUntil).toBeGreaterThan(T0);
    // Not the window's fault: it is not made smaller, and the past has no backoff of its own.
    expect(mem.state).toMatchObject({ pastMaxDays: null, pastBackoffUntil: null });
    // Today's answer is stored and the views rebuilt from it.
    expect(mem.rebuilds).toHaveLength(1);
    expect(mem.state.lastSuccessAt).toBe(T0);
    expect(mem.state.pastMissing).toEqual(eachDay({ from: '20261026', to: '20261123' }));
  });

  it('a connection dropped on a past window after today answered: the past backs off alone', async () => {
    const { api, mem, run } = setup({ population: 40 });
    api.script.push('real', 'network');
    expect(await run('alarm')).toMatchObject({ status: 'ok', calls: 2 });
    expect(mem.state).toMatchObject({
      lastError: null,
      backoffUntil: null,
      pastError: { kind: 'network' },
      // The 29-day window (20261026–20261123), halved.
      pastMaxDays: 14,
      lastSuccessAt: T0,
    });
    expect(mem.state.pastBackoffUntil).toBeGreaterThan(T0);
  });

  it('a single day wolkvox will not serve does not keep the older days missing', async () => {
    const { api, clock, mem, run } = setup({ population: 40, state: { pastMaxDays: 1 } });
    // Today answers; the newest past day fails; the older ones answer.
    api.script.push('real', SERVER_ERROR);
    expect(await run('alarm')).toMatchObject({ status: 'ok' });
    expect(mem.state.pastMissing).toEqual(['20261123']);
    expect(api.requests.filter((r) => r.days === 1)).toHaveLength(30);
    // Later, that day too.
    clock.now = mem.state.pastBackoffUntil!;
    expect(await run('alarm')).toMatchObject({ status: 'ok' });
    expect(mem.state.pastMissing).toEqual([]);
    expect(api.ranges().at(-1)).toEqual(['20261123000000', '20261123235959']);
  });

  it('the daily cap reached on a past window: today’s figures stand, the past waits', async () => {
    const { api, mem, run } = setup({
      population: 40,
      state: { usageCalls: 149, usageDay: '20261124' },
    });
    expect(await run('alarm')).toEqual({ status: 'ok', agentCount: 40, at: T0, calls: 1, busy: 0 });
    expect(api.requests).toHaveLength(1);
    // Today's answer was written before the past call the cap refused; the views rebuilt from it.
    expect(writtenWindows(mem)).toEqual([{ from: '20261124', to: '20261124' }]);
    expect(mem.rebuilds).toHaveLength(1);
    expect(mem.state).toMatchObject({
      usageCalls: 150,
      lastSuccessAt: T0,
      pastMissing: eachDay({ from: '20261026', to: '20261123' }),
    });
  });

  it('a user refresh waits out the past days’ backoff; new settings clear it', async () => {
    const { api, mem, run } = setup({ population: 40 });
    replyToPast(api, () => GATEWAY_TIMEOUT);
    await run('alarm');
    expect(await run('user')).toMatchObject({ status: 'ok', calls: 1 });
    expect(await run('test', CONFIG)).toMatchObject({ status: 'ok', calls: 2 });
    expect(api.requests.map(isPast)).toEqual([false, true, false, false, true]);
    expect(mem.state.pastBackoffLevel).toBe(1);
  });

  it('reads a state saved before the past days had fields of their own', async () => {
    const { mem, run } = setup({ population: 40 });
    const legacy: SyncState = {
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastError: null,
      stoppedFor: null,
      pausedUntil: null,
      backoffUntil: null,
      backoffLevel: 0,
      agentCount: null,
      usageDay: null,
      usageCalls: 0,
    };
    mem.store.loadState = async () => legacy;
    expect(await run('alarm')).toMatchObject({ status: 'ok', calls: 2 });
    expect(mem.state).toMatchObject({
      lastSuccessAt: T0,
      pastMissing: [],
      pastError: null,
      pastBackoffUntil: null,
      pastBackoffLevel: 0,
      pastMaxDays: null,
    });
  });
});
