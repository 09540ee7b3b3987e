/**
 * The fault matrix: after a good sync, wolkvox (or the network in front of it) misbehaves in one
 * way. For each way: what the popup and the options page say, that the stored figures survive (or
 * take only the good rows), what the scheduler does next, and that the next good answer clears it.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Fault, Simulator } from '../../scripts/simulator';
import { digits, expected, ordered } from './expected';
import { SERVER, TIME_ZONE, TOKEN, expect, test } from './fixtures';
import { addDays, startOfDayInstant } from '../../utils/periods';
import {
  advanceUntilMoved,
  configure,
  deferAlarm,
  dumpIndexedDb,
  fireAlarmAndSettle,
  send,
  storedDays,
  syncStateOf,
  type StoredDay,
} from './helpers';

const CATALOGUE = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/_locales/es/messages.json'), 'utf8'),
) as Record<string, { message: string }>;
const say = (key: string): string => {
  const entry = CATALOGUE[key];
  if (!entry) throw new Error(`no message ${key} in the es catalogue`);
  return entry.message;
};

/** What happens to the schedule after a failure, as the engine's rules say. */
type Rule = 'stop' | 'pause' | 'backoff';

interface World {
  sim: Simulator;
  context: BrowserContext;
}

interface FailureCase {
  name: string;
  /** Break wolkvox or the way to it; returns what mends it. */
  breakIt: (w: World) => Promise<() => Promise<void>>;
  /** The error kind recorded in syncState and the catalogue key the agent reads. */
  kind: string;
  message: string;
  rule: Rule;
  /** The token the agent saves to recover (a rotated one after a revocation). */
  recoverWith?: string;
  /** Requests one failed sync may make (busy is retried within the sync). */
  requests?: [min: number, max: number];
  timeoutMs?: number;
}

/** A simulator fault until mended. */
const fault =
  (f: Fault) =>
  async ({ sim }: World) => {
    sim.setFault(f);
    return async () => sim.setFault(null);
  };

const FAILURES: FailureCase[] = [
  {
    name: 'an invalid token (403 PLEASE VALIDATE TOKEN)',
    breakIt: fault({ kind: 'bad-token' }),
    kind: 'bad-token',
    message: 'errBadToken',
    rule: 'stop',
  },
  {
    name: 'a token revoked in wolkvox Manager',
    breakIt: async ({ sim }) => {
      sim.setTokens(['rotated-token']);
      return async () => undefined;
    },
    kind: 'bad-token',
    message: 'errBadToken',
    rule: 'stop',
    recoverWith: 'rotated-token',
  },
  {
    name: 'a request that reaches wolkvox without its token (401)',
    // A proxy that drops the custom header: the simulator then answers its real 401.
    breakIt: async ({ context }) => {
      await context.route('https://*.wolkvox.com/api/**', async (route) => {
        const headers = { ...route.request().headers() };
        delete headers['wolkvox-token'];
        await route.continue({ headers });
      });
      return async () => context.unrouteAll({ behavior: 'wait' });
    },
    kind: 'missing-token',
    message: 'errMissingToken',
    rule: 'stop',
  },
  {
    name: 'the daily limit (403 TOKEN LIMIT EXCEEDED)',
    breakIt: fault({ kind: 'daily-limit' }),
    kind: 'daily-limit',
    message: 'errDailyLimit',
    rule: 'pause',
  },
  {
    name: 'simultaneous requests for good (403 busy)',
    breakIt: fault({ kind: 'busy' }),
    kind: 'busy',
    message: 'errBusy',
    rule: 'backoff',
    // Retried with jitter inside the sync, a bounded number of times.
    requests: [2, 4],
    timeoutMs: 90_000,
  },
  {
    name: 'maintenance (a bare 403)',
    breakIt: fault({ kind: 'maintenance' }),
    kind: 'maintenance',
    message: 'errMaintenance',
    rule: 'backoff',
  },
  {
    name: 'a 500 error',
    breakIt: fault({ kind: '5xx', status: 500 }),
    kind: 'server',
    message: 'errServer',
    rule: 'backoff',
  },
  {
    name: "a proxy's HTML error page (502)",
    breakIt: fault({ kind: 'html' }),
    kind: 'server',
    message: 'errServer',
    rule: 'backoff',
  },
  {
    name: 'an HTML maintenance page served with 200',
    breakIt: fault({ kind: 'html', status: 200 }),
    kind: 'malformed',
    message: 'errMalformed',
    rule: 'backoff',
  },
  {
    name: 'malformed JSON (a comma before the first agent)',
    breakIt: fault({ kind: 'malformed' }),
    kind: 'malformed',
    message: 'errMalformed',
    rule: 'backoff',
  },
  {
    name: 'a body cut short (half the promised bytes, then the connection drops)',
    breakIt: fault({ kind: 'truncated' }),
    // utils/wolkvox/errors.ts: malformed is "not JSON, truncated, or not the documented envelope".
    kind: 'malformed',
    message: 'errMalformed',
    rule: 'backoff',
  },
  {
    name: 'no answer at all (hang past the client timeout)',
    breakIt: fault({ kind: 'hang', times: 1 }),
    kind: 'timeout',
    message: 'errTimeout',
    rule: 'backoff',
    // The product's own 25 s timeout runs out in full: the one slow case.
    timeoutMs: 75_000,
  },
];

/** An agent in the middle of today's board, clear of the agents the faults tamper with. */
function pickAgent(sim: Simulator): string {
  const board = ordered(sim.operation, 'today', '').filter((t) => t.points > 0);
  const me = board.slice(Math.floor(board.length / 3)).find((t) => Number(t.id) > 1004);
  if (!me) throw new Error('no agent with points today beyond the first four');
  return me.id;
}

/** New figures for today, at least for `me`, so a sync that writes anything shows it. */
function advanceFor(sim: Simulator, me: string): void {
  const today = sim.operation.today();
  const before = sim.operation.statsFor(me, today)?.points;
  advanceUntilMoved(sim, me);
  expect(sim.operation.statsFor(me, today)?.points, 'the simulator moved').not.toBe(before);
}

/** The simulator's truth for one agent-day, in the stored column order. */
function truthRow(sim: Simulator, id: string, day: string): number[] | undefined {
  const s = sim.operation.statsFor(id, day);
  return s
    ? [s.points, s.hits, s.calls, s.ahtSeconds, s.acwSeconds, s.occupancyPercent, s.loginSeconds]
    : undefined;
}

interface Synced {
  options: Page;
  popup: Page;
  me: string;
  days: StoredDay[];
  rank: string;
  points: string;
}

/** Configure, choose an agent, sync, and open the popup on the agent's figures. */
async function goodSync(
  sim: Simulator,
  worker: Worker,
  openPage: (path: string) => Promise<Page>,
): Promise<Synced> {
  const options = await openPage('options.html');
  const me = pickAgent(sim);
  expect(await configure(options, me)).toMatchObject({ ok: true });
  expect(await send(options, { type: 'syncNow' })).toMatchObject({ ok: true });
  await deferAlarm(worker);
  const popup = await openPage('popup.html');
  const want = expected(sim.operation, me, 'today');
  await expect(popup.getByTestId('rank')).toHaveText(String(want.rank));
  expect(digits(await popup.getByTestId('points').textContent())).toBe(String(want.points));
  await expect(popup.getByTestId('sync-error')).toHaveCount(0);
  return {
    options,
    popup,
    me,
    days: await storedDays(options),
    rank: (await popup.getByTestId('rank').textContent()) ?? '',
    points: (await popup.getByTestId('points').textContent()) ?? '',
  };
}

/**
 * Click the popup's refresh and wait for the sync it started to answer: the sync records its
 * attempt before its first call, and the button stays busy until the answer.
 */
async function refresh(popup: Page, options: Page): Promise<void> {
  const before = (await syncStateOf(options)).lastAttemptAt;
  await popup.getByTestId('refresh').click();
  await expect.poll(async () => (await syncStateOf(options)).lastAttemptAt).not.toBe(before);
  await expect(popup.getByTestId('refresh')).toHaveAttribute('aria-busy', 'false', {
    timeout: 40_000,
  });
}

/** The popup shows the agent's current figures (rank and points) from the simulator's truth. */
async function expectCurrentFigures(popup: Page, sim: Simulator, me: string): Promise<void> {
  const want = expected(sim.operation, me, 'today');
  await expect
    .poll(async () => digits(await popup.getByTestId('points').textContent()))
    .toBe(String(want.points));
  await expect(popup.getByTestId('rank')).toHaveText(String(want.rank));
}

test.describe('a failing sync keeps the figures, explains itself and schedules the right retry', () => {
  for (const c of FAILURES) {
    test(c.name, async ({ sim, context, worker, openPage }) => {
      if (c.timeoutMs) test.setTimeout(c.timeoutMs);
      const { options, popup, me, days, rank, points } = await goodSync(sim, worker, openPage);
      advanceFor(sim, me);
      const mend = await c.breakIt({ sim, context });
      const logBefore = sim.log.length;
      const startedAt = Date.now();

      await refresh(popup, options);
      const banner = `${say('syncFailed')} ${say(c.message)}`;
      await expect(popup.getByTestId('sync-error')).toHaveText(banner);
      await expect(popup.getByTestId('refresh-error')).toHaveCount(0);
      await expect(popup.getByTestId('rank')).toHaveText(rank);
      await expect(popup.getByTestId('points')).toHaveText(points);
      await expect(options.getByTestId('sync-error')).toHaveText(banner);
      expect(await storedDays(options), 'stored figures after the failure').toEqual(days);

      const made = sim.log.length - logBefore;
      const [min, max] = c.requests ?? [1, 1];
      expect(made, 'requests of the failed sync').toBeGreaterThanOrEqual(min);
      expect(made, 'requests of the failed sync').toBeLessThanOrEqual(max);

      const state = await syncStateOf(options);
      expect(state.lastError?.kind).toBe(c.kind);
      if (c.rule === 'stop') {
        expect(state.stoppedFor).toBe(c.kind);
      } else if (c.rule === 'pause') {
        expect(state.pausedUntil).toBe(
          startOfDayInstant(addDays(sim.operation.today(), 1), TIME_ZONE),
        );
        expect(state.stoppedFor).toBeNull();
      } else {
        expect(state.backoffUntil).toBeGreaterThan(Date.now());
        expect(state.backoffLevel).toBeGreaterThanOrEqual(1);
        expect(state.stoppedFor).toBeNull();
        expect(state.pausedUntil).toBeNull();
      }
      expect(state.lastAttemptAt).toBeGreaterThanOrEqual(startedAt);

      // The next alarm spends no call while stopped, paused or backing off.
      const quiet = sim.log.length;
      await fireAlarmAndSettle(worker);
      expect(sim.log.length, 'requests made by the alarm').toBe(quiet);
      if (c.rule !== 'backoff') {
        // Nor does a refresh: a rejected token or a spent budget stays so until settings change.
        expect(await send(popup, { type: 'syncNow' })).toEqual({ ok: false, error: c.kind });
        expect(sim.log.length, 'requests made by a refresh').toBe(quiet);
        await expect(popup.getByTestId('sync-error')).toHaveText(banner);
      }
      expect(await storedDays(options)).toEqual(days);

      // The next good answer clears the error and brings the new figures.
      await mend();
      if (c.rule === 'backoff') {
        await refresh(popup, options);
      } else {
        const reply = await send(options, {
          type: 'saveConnection',
          server: SERVER,
          token: c.recoverWith ?? TOKEN,
        });
        expect(reply).toMatchObject({ ok: true });
      }
      await expect(popup.getByTestId('sync-error')).toHaveCount(0);
      await expect(options.getByTestId('sync-error')).toHaveCount(0);
      await expectCurrentFigures(popup, sim, me);
      const after = await syncStateOf(options);
      expect(after).toMatchObject({
        lastError: null,
        stoppedFor: null,
        pausedUntil: null,
        backoffUntil: null,
        backoffLevel: 0,
      });
      expect(sim.log.at(-1)).toMatchObject({ status: 200, token: 'valid' });
    });
  }
});

test.describe('an odd but usable answer is taken for its good rows', () => {
  test('a busy 403 once is retried within the same sync and succeeds', async ({
    sim,
    worker,
    openPage,
  }) => {
    const { options, popup, me } = await goodSync(sim, worker, openPage);
    advanceFor(sim, me);
    sim.setFault({ kind: 'busy', times: 1 });
    const logBefore = sim.log.length;
    await refresh(popup, options);
    expect(sim.log.slice(logBefore).map((e) => [e.status, e.fault])).toEqual([
      [403, 'busy'],
      [200, null],
    ]);
    await expect(popup.getByTestId('sync-error')).toHaveCount(0);
    await expectCurrentFigures(popup, sim, me);
    const today = sim.operation.today();
    const stored = (await storedDays(options)).find((d) => d.date === today);
    expect(stored?.rows[me]).toEqual(truthRow(sim, me, today));
    expect(await syncStateOf(options)).toMatchObject({ lastError: null, backoffUntil: null });
  });

  test('a row keeps its points when a side figure is unreadable; bad points or dates are skipped', async ({
    sim,
    worker,
    openPage,
  }) => {
    const { options, popup, me, days } = await goodSync(sim, worker, openPage);
    const today = sim.operation.today();
    // The simulator breaks today's row of the first four agents (scripts/simulator/faults.ts):
    // points "N/A", a date "2023-13-45", hits null (points as a JSON number), and occupancy
    // "mucho" with AHT "1:2".
    const broken = sim.operation.agents.slice(0, 4).map((a) => a.id);
    expect(broken.some((id) => sim.operation.statsFor(id, today))).toBe(true);
    advanceFor(sim, me);
    sim.setFault({ kind: 'wrong-types', times: 1 });
    await refresh(popup, options);

    await expect(popup.getByTestId('sync-error')).toHaveCount(0);
    expect(digits(await popup.getByTestId('points').textContent())).toBe(
      String(sim.operation.statsFor(me, today)!.points),
    );
    const before = days.find((d) => d.date === today)!;
    const after = (await storedDays(options)).find((d) => d.date === today)!;
    // Row fields: points, hits, calls, AHT, ACW, occupancy, login. What reads as 0 per agent.
    const zeroed: Record<number, number[]> = { 2: [1], 3: [3, 5] };
    for (const agent of sim.operation.agents) {
      const row = after.rows[agent.id];
      const truth = truthRow(sim, agent.id, today);
      const i = broken.indexOf(agent.id);
      if (i === 0 || i === 1) {
        // Unreadable points or day: the agent keeps what was stored, or has no row.
        if (row !== undefined) expect(row, `agent ${agent.id}`).toEqual(before.rows[agent.id]);
      } else if (i > 1 && truth) {
        // Points read: the agent stays on the board, the unreadable figure counts as 0.
        const want = truth.map((v, k) => (zeroed[i]!.includes(k) ? 0 : v));
        expect(row, `agent ${agent.id}`).toEqual(want);
      } else {
        expect(row, `agent ${agent.id}`).toEqual(truth);
      }
    }
    for (const row of Object.values(after.rows)) {
      for (const v of row) expect(Number.isFinite(v) && v >= 0).toBe(true);
    }
    // Past days were not asked for again and are as they were.
    expect((await storedDays(options)).filter((d) => d.date !== today)).toEqual(
      days.filter((d) => d.date !== today),
    );
    await expectNoDni(options, sim);
  });

  test('the published sample’s trailing comma is read like valid JSON', async ({
    sim,
    worker,
    openPage,
  }) => {
    const { options, popup, me } = await goodSync(sim, worker, openPage);
    const today = sim.operation.today();
    advanceFor(sim, me);
    sim.setFault({ kind: 'trailing-comma', times: 1 });
    await refresh(popup, options);
    expect(sim.log.at(-1)).toMatchObject({ status: 200, fault: 'trailing-comma' });
    await expect(popup.getByTestId('sync-error')).toHaveCount(0);
    const after = (await storedDays(options)).find((d) => d.date === today)!;
    for (const agent of sim.operation.agents) {
      expect(after.rows[agent.id], `agent ${agent.id}`).toEqual(truthRow(sim, agent.id, today));
    }
  });

  test('a repeated agent and a day outside the asked window are ignored', async ({
    sim,
    worker,
    openPage,
  }) => {
    const { options, popup, me } = await goodSync(sim, worker, openPage);
    const today = sim.operation.today();
    // The simulator adds tomorrow (1499 points) to the first agent listed with a day today.
    expect(sim.operation.dayStats(today).length).toBeGreaterThan(0);
    advanceFor(sim, me);
    sim.setFault({ kind: 'duplicates', times: 1 });
    await refresh(popup, options);

    await expect(popup.getByTestId('sync-error')).toHaveCount(0);
    await expectCurrentFigures(popup, sim, me);
    await expect(popup.getByTestId('agent-count')).toHaveText(
      String(expected(sim.operation, me, 'today').count),
    );
    const stored = await storedDays(options);
    expect(stored.map((d) => d.date).filter((d) => d > today)).toEqual([]);
    const day = stored.find((d) => d.date === today)!;
    const want = Object.fromEntries(
      sim.operation.dayStats(today).map(({ agent }) => [agent.id, truthRow(sim, agent.id, today)]),
    );
    expect(day.rows).toEqual(want);
    await expectNoDni(options, sim);
  });

  test('a huge but valid answer (tens of MB) is stored', async ({ sim, worker, openPage }) => {
    test.setTimeout(90_000);
    const { options, popup, me } = await goodSync(sim, worker, openPage);
    const today = sim.operation.today();
    advanceFor(sim, me);
    sim.setFault({ kind: 'huge', mb: 24, times: 1 });
    const logBefore = sim.log.length;
    await refresh(popup, options);

    expect(sim.log[logBefore]?.bytes).toBeGreaterThan(20 * 1024 * 1024);
    await expect(popup.getByTestId('sync-error')).toHaveCount(0);
    await expectCurrentFigures(popup, sim, me);
    const day = (await storedDays(options)).find((d) => d.date === today)!;
    for (const { agent } of sim.operation.dayStats(today)) {
      expect(day.rows[agent.id], `agent ${agent.id}`).toEqual(truthRow(sim, agent.id, today));
    }
    // The padding agents are real rows of zeros: stored, but outside every ranking.
    const padding = Object.keys(day.rows).filter((id) => Number(id) >= 900_000);
    expect(padding.length).toBeGreaterThan(1000);
    await expect(popup.getByTestId('agent-count')).toHaveText(
      String(expected(sim.operation, me, 'today').count),
    );
    await expectNoDni(options, sim);
  });
});

/** No agent's national ID number anywhere in the extension's IndexedDB. */
async function expectNoDni(page: Page, sim: Simulator): Promise<void> {
  const dump = JSON.stringify(await dumpIndexedDb(page));
  const found = sim.operation.agents.filter((a) =>
    new RegExp(`(?<!\\d)${a.dni}(?!\\d)`).test(dump),
  );
  expect(found.map((a) => a.id)).toEqual([]);
}
