import type { Page } from '@playwright/test';
import type { Simulator } from '../../scripts/simulator';
import { expect, test } from './fixtures';
import { configure, send } from './helpers';
import {
  clearNotification,
  notes,
  notifications,
  recordNotifications,
  setSettings,
  stored,
  storedViews,
  todayRanks,
} from './records';

interface AlertState {
  lastNotifiedAt: number | null;
  pending: { from: number; to: number } | null;
  lastSyncDay: string | null;
}

/** New figures in wolkvox; returns an agent whose rank today changed, with both ranks. */
function advanceMovingSomeone(sim: Simulator, skip: string[] = []) {
  const before = todayRanks(sim.operation);
  sim.advance();
  const after = todayRanks(sim.operation);
  const moved = [...before].find(
    ([id, rank]) => !skip.includes(id) && after.has(id) && after.get(id) !== rank,
  );
  if (!moved) throw new Error('no agent changed rank in this advance; pick another seed');
  return { id: moved[0], from: moved[1], to: after.get(moved[0])! };
}

/** Make `id` the agent and wait for the background to rebuild the views for them. */
async function becomeAgent(page: Page, id: string) {
  await setSettings(page, { agentId: id });
  await expect.poll(async () => (await storedViews(page))?.agentId).toBe(id);
}

const syncNow = (page: Page) => send<{ ok: boolean }>(page, { type: 'syncNow' });

test('rank alerts are off until the agent turns them on', async ({ sim, openPage, worker }) => {
  const page = await openPage('options.html');
  const first = [...todayRanks(sim.operation).keys()][0]!;
  await configure(page, first);
  await expect(page.getByTestId('alerts-toggle')).not.toBeChecked();
  expect(await syncNow(page)).toMatchObject({ ok: true });

  const moved = advanceMovingSomeone(sim);
  await becomeAgent(page, moved.id);
  expect(await syncNow(page)).toMatchObject({ ok: true });
  expect(await notifications(worker)).toEqual({});
  expect(await stored(page, 'alertState')).toBeUndefined();
});

test('with alerts on, a rank change notifies once, and changes within 15 minutes wait', async ({
  sim,
  openPage,
  worker,
}) => {
  await recordNotifications(worker);
  const page = await openPage('options.html');
  await configure(page, [...todayRanks(sim.operation).keys()][0]!);
  await page.getByTestId('alerts-toggle').check();
  await expect
    .poll(async () => (await stored<{ alertsEnabled: boolean }>(page, 'settings'))?.alertsEnabled)
    .toBe(true);

  // The first sync of the day only starts the day: it compares against yesterday's boards.
  expect(await syncNow(page)).toMatchObject({ ok: true });
  expect(await notifications(worker)).toEqual({});
  const day = await stored<AlertState>(page, 'alertState');
  expect(day).toMatchObject({ lastSyncDay: sim.operation.today(), lastNotifiedAt: null });

  const moved = advanceMovingSomeone(sim);
  await becomeAgent(page, moved.id);
  expect(await syncNow(page)).toMatchObject({ ok: true });
  await expect.poll(() => notifications(worker)).toEqual({ 'podio-rank': true });
  const [note] = await notes(worker);
  expect(note).toMatchObject({ id: 'podio-rank', title: 'Podio · Hoy' });
  const line =
    moved.to < moved.from
      ? `Subiste al #${moved.to} (estabas en el #${moved.from}).`
      : `Bajaste al #${moved.to} (estabas en el #${moved.from}).`;
  expect(note!.message.split('\n')).toContain(line);
  const afterFirst = await stored<AlertState>(page, 'alertState');
  expect(afterFirst).toMatchObject({ pending: null });
  expect(afterFirst!.lastNotifiedAt).toBeGreaterThan(Date.now() - 60_000);

  // The agent closes it; another change minutes later is kept for the next notification.
  await clearNotification(worker, 'podio-rank');
  const again = advanceMovingSomeone(sim);
  await becomeAgent(page, again.id);
  expect(await syncNow(page)).toMatchObject({ ok: true });
  expect(await notifications(worker)).toEqual({});
  expect(await notes(worker)).toHaveLength(1);
  expect(await stored<AlertState>(page, 'alertState')).toMatchObject({
    lastNotifiedAt: afterFirst!.lastNotifiedAt,
    pending: { from: again.from, to: again.to },
  });
});
