/**
 * Podio over virtual days: the browser's wall clock and the simulator's move together (libfaketime,
 * see clock.ts) from Monday 30 November to Thursday 3 December 2026, through a new month and a
 * skipped Wednesday, while the extension runs untouched. What the agent sees each day is checked
 * against the simulator's truth; notifications are read through the extension's API in the worker.
 */
import { readFile } from 'node:fs/promises';
import type { Page, Worker } from '@playwright/test';
import { launchBrowser } from '../../scripts/chromium';
import { startSimulator, type Operation } from '../../scripts/simulator';
import { CHROMIUM_BINARY, FAKETIME_LIB, VirtualClock, nudgeAlarms } from './clock';
import { digits, expected, middleAgent, type Period } from './expected';
import { expect, test as base, TIME_ZONE } from './fixtures';
import { configure, deferAlarm, fireAlarmAndSettle, send, storedDays } from './helpers';
import {
  clearNotification,
  expectedBests,
  flushAlarm,
  notes,
  notifications,
  recordNotifications,
  stored,
  truthDay,
} from './records';

/** 09:00 in Bogotá (UTC−5 all year) on an ISO date. */
const morning = (date: string) => Date.parse(`${date}T09:00:00-05:00`);

const test = base.extend<{ clock: VirtualClock }>({
  clock: async ({}, use) => {
    const clock = await VirtualClock.create();
    await clock.travel(morning('2026-11-30'));
    await use(clock);
    await clock.dispose();
  },
  sim: async ({ clock }, use) => {
    const now = () => new Date(clock.now());
    const sim = await startSimulator({ agents: 60, seed: 7, timeZone: TIME_ZONE, now });
    await use(sim);
    await sim.close();
  },
  context: async ({ sim, profile, lang, clock }, use) => {
    const env = clock.env();
    const context = await launchBrowser(profile, {
      ...{ port: sim.port, lang, env },
      executablePath: CHROMIUM_BINARY,
    });
    await use(context);
    await context.close();
  },
});

// CI installs libfaketime (.ci/run); elsewhere a machine without it skips this file, saying why.
test.skip(!FAKETIME_LIB && !process.env.CI, 'needs libfaketime: apt-get install faketime');

const weekRank = (op: Operation, me: string) => expected(op, me, 'week').rank;

/** Advance wolkvox's figures until the agent's rank moves; returns the rank before and after. */
function advanceUntilRankMoves(
  sim: { advance(): void; operation: Operation },
  me: string,
  period: Period = 'week',
) {
  const from = expected(sim.operation, me, period).rank;
  for (let i = 0; i < 12; i++) {
    sim.advance();
    const to = expected(sim.operation, me, period).rank;
    if (to !== from) return { from, to };
  }
  throw new Error(`agent ${me} kept ${period} rank #${from} through 12 advances; pick another`);
}

/** Configure an agent in the middle of the boards, with alerts on and their text recorded. */
async function setUpWithAlerts(
  op: Operation,
  worker: Worker,
  openPage: (path: string) => Promise<Page>,
) {
  const me = middleAgent(op);
  await recordNotifications(worker);
  const options = await openPage('options.html');
  expect(await configure(options, me)).toMatchObject({ ok: true });
  await deferAlarm(worker);
  await options.getByTestId('alerts-toggle').check();
  await expect
    .poll(
      async () => (await stored<{ alertsEnabled: boolean }>(options, 'settings'))?.alertsEnabled,
    )
    .toBe(true);
  return { me, options };
}

/** The notification line for a move from `from` to `to` (the catalogue's Spanish wording). */
const moveLine = ({ from, to }: { from: number; to: number }) =>
  to < from
    ? `Subiste al #${to} (estabas en el #${from}).`
    : `Bajaste al #${to} (estabas en el #${from}).`;

async function expectPopupWeek(popup: Page, op: Operation, me: string) {
  const want = expected(op, me, 'week');
  await expect(popup.getByTestId('period-week')).toHaveAttribute('aria-selected', 'true');
  await expect(popup.getByTestId('rank')).toHaveText(String(want.rank));
  await expect
    .poll(async () => digits(await popup.getByTestId('points').textContent()))
    .toBe(String(want.points));
  return want;
}

test('over virtual days: yesterday is finalised, a missed day filled, the month rolls, streaks, history and CSV follow, and each first sync of a day stays quiet', async ({
  sim,
  clock,
  worker,
  openPage,
  context,
}) => {
  test.setTimeout(150_000);
  const op = sim.operation;
  expect(op.today()).toBe('20261130');
  // Monday 30 November, 09:00: set up, alerts on, the week chosen.
  const { me, options } = await setUpWithAlerts(op, worker, openPage);
  let popup = await openPage('popup.html');
  await popup.getByTestId('period-week').click();
  await expectPopupWeek(popup, op, me);
  await popup.close();
  expect(await send(options, { type: 'syncNow' })).toMatchObject({ ok: true }); // starts the day
  const monday = advanceUntilRankMoves(sim, me);
  expect(await send(options, { type: 'syncNow' })).toMatchObject({ ok: true });
  await expect.poll(() => notifications(worker)).toEqual({ 'podio-rank': true });
  expect((await notes(worker))[0]).toMatchObject({ title: 'Podio · Esta semana' });
  expect((await notes(worker))[0]!.message.split('\n')).toContain(moveLine(monday));
  await clearNotification(worker, 'podio-rank');
  // The agent looks at the week once more before the day ends.
  const seenMonday = op.statsFor(me, '20261130')!;
  popup = await openPage('popup.html');
  const mondayWeek = await expectPopupWeek(popup, op, me);
  await expect
    .poll(async () => (await stored<{ week?: { points: number } }>(popup, 'lastLook'))?.week)
    .toMatchObject({ points: mondayWeek.points });
  await popup.close();

  // Tuesday 1 December, 09:00: the alarm's first tick of a new day and a new month.
  await clock.travel(morning('2026-12-01'), worker);
  expect(op.today()).toBe('20261201');
  const tuesdayFrom = weekRank(op, me);
  expect(tuesdayFrom, 'Monday’s final figures must move the week for this test').not.toBe(
    monday.to,
  );
  await fireAlarmAndSettle(worker);
  expect(await notifications(worker)).toEqual({});
  expect(await notes(worker)).toHaveLength(1);
  expect(await stored(options, 'alertState')).toMatchObject({ lastSyncDay: '20261201' });
  // Monday is stored with its final figures, not those seen at 09:00.
  const finalMonday = truthDay(op, me, '20261130');
  expect(finalMonday.points).not.toBe(seenMonday.points);
  const monRow = (await storedDays(options)).find((d) => d.date === '20261130');
  expect(monRow).toMatchObject({ final: true });
  expect(monRow!.rows[me]![0]).toBe(finalMonday.points);

  popup = await openPage('popup.html');
  const tuesdayWeek = await expectPopupWeek(popup, op, me);
  const changed = popup.getByTestId('what-changed');
  await expect(changed).toBeVisible();
  expect(digits(await changed.getByTestId('changed-points').textContent())).toBe(
    String(tuesdayWeek.points - mondayWeek.points),
  );
  // The month started again: December holds one day.
  await popup.getByTestId('period-month').click();
  await expect(popup.getByTestId('rank')).toHaveText(String(expected(op, me, 'month').rank));
  await expect
    .poll(async () => digits(await popup.getByTestId('points').textContent()))
    .toBe(String(op.statsFor(me, '20261201')?.points ?? 0));
  await popup.getByTestId('period-week').click();
  await popup.close();
  // Later on Tuesday a change notifies again.
  const tuesday = advanceUntilRankMoves(sim, me);
  expect(tuesday.from).toBe(tuesdayFrom);
  expect(await send(options, { type: 'syncNow' })).toMatchObject({ ok: true });
  await expect.poll(() => notifications(worker)).toEqual({ 'podio-rank': true });
  expect((await notes(worker))[1]!.message.split('\n')).toContain(moveLine(tuesday));
  await clearNotification(worker, 'podio-rank');

  // Thursday 3 December, 09:00: nothing ran on Wednesday.
  await clock.travel(morning('2026-12-03'), worker);
  await fireAlarmAndSettle(worker);
  expect(await notifications(worker)).toEqual({});
  expect(await notes(worker)).toHaveLength(2);
  const dates = (await storedDays(options)).map((d) => d.date).sort();
  expect(dates.slice(-4)).toEqual(['20261130', '20261201', '20261202', '20261203']);
  const truth = dates.map((date) => truthDay(op, me, date));
  const want = expectedBests(truth, '20261203');

  popup = await openPage('popup.html');
  await expectPopupWeek(popup, op, me);
  await expect(popup.getByTestId('streak-activity')).toHaveText(String(want.activity));
  await expect(popup.getByTestId('streak-top10')).toHaveText(String(want.top10));
  const rankMonth = popup.getByTestId('best-rank-month');
  expect(want.bestRank).not.toBeNull();
  expect(await rankMonth.locator('data').getAttribute('value')).toBe(String(want.bestRank!.rank));

  // The history page and its CSV hold every day, each with its final figures.
  const [history] = await Promise.all([
    context.waitForEvent('page'),
    popup.getByTestId('open-history').click(),
  ]);
  const rows = history.getByTestId('history-row');
  await expect(rows).toHaveCount(dates.length);
  const shown = await rows.evaluateAll((trs) =>
    trs
      .slice(0, 4)
      .map((tr) => [
        tr.getAttribute('data-date'),
        tr.querySelector('[data-testid="history-points"]')!.textContent,
        tr.querySelector('[data-testid="history-rank"]')!.textContent,
      ]),
  );
  expect(shown.map(([d, p, r]) => [d, Number(digits(p)), r])).toEqual(
    truth
      .slice(-4)
      .reverse()
      .map((d) => [d.date, d.points, `#${d.rank} de ${d.count}`]),
  );
  const [download] = await Promise.all([
    history.waitForEvent('download'),
    history.getByTestId('export-csv').click(),
  ]);
  const csv = (await readFile((await download.path())!, 'utf8')).split('\r\n');
  expect(csv.slice(-5, -1).map((l) => l.split(',').slice(0, 2))).toEqual(
    truth
      .slice(-4)
      .map((d) => [
        `${d.date.slice(0, 4)}-${d.date.slice(4, 6)}-${d.date.slice(6)}`,
        String(d.points),
      ]),
  );
});

test('changes held by the 15-minute throttle are told when it ends, without another sync', async ({
  sim,
  clock,
  worker,
  openPage,
}) => {
  const { me, options } = await setUpWithAlerts(sim.operation, worker, openPage);
  const syncNow = () => send(options, { type: 'syncNow' });
  expect(await syncNow()).toMatchObject({ ok: true }); // starts the day
  advanceUntilRankMoves(sim, me, 'today');
  expect(await syncNow()).toMatchObject({ ok: true });
  await expect.poll(() => notifications(worker)).toEqual({ 'podio-rank': true });
  await clearNotification(worker, 'podio-rank');

  // Minutes later another move is held back, and an alarm is set for the throttle's end.
  const held = advanceUntilRankMoves(sim, me, 'today');
  expect(await syncNow()).toMatchObject({ ok: true });
  expect(await notifications(worker)).toEqual({});
  const state = await stored<{ lastNotifiedAt: number }>(options, 'alertState');
  const alarm = await flushAlarm(worker);
  expect(alarm?.scheduledTime).toBe(state!.lastNotifiedAt + 15 * 60_000);

  // Fifteen minutes on, the alarm tells it; wolkvox is not asked again.
  sim.resetLog();
  await clock.travel(alarm!.scheduledTime + 1_000, worker);
  await deferAlarm(worker); // the sync alarm stays an hour away
  await nudgeAlarms(worker);
  await expect.poll(() => notifications(worker)).toEqual({ 'podio-rank': true });
  const told = (await notes(worker))[1]!;
  expect(told).toMatchObject({ title: 'Podio · Hoy' });
  expect(told.message.split('\n')).toContain(moveLine(held));
  expect(sim.log).toHaveLength(0);
});
