import { expect, test } from './fixtures';
import { configure, finalBefore, fireAlarm, localStorageArea, storedDays } from './helpers';

test('the alarm path syncs the operation into IndexedDB within wolkvox limits', async ({
  sim,
  openPage,
  worker,
}) => {
  const page = await openPage('options.html');
  const agent = sim.operation.agents.find((a) =>
    sim.operation.statsFor(a.id, sim.operation.today()),
  )!;
  const reply = await configure(page, agent.id);
  expect(reply).toMatchObject({ ok: true, agentCount: sim.operation.agents.length });

  // New figures for today, then the alarm: the stored copy must follow.
  sim.advance();
  const before = sim.log.length;
  await fireAlarm(worker);
  await expect.poll(() => sim.log.length, { timeout: 20_000 }).toBeGreaterThan(before);
  await expect
    .poll(
      async () =>
        ((await localStorageArea(page)).syncState as { lastSuccessAt: number }).lastSuccessAt,
    )
    .toBeGreaterThan(Date.now() - 30_000);

  const days = await storedDays(page);
  const today = sim.operation.today();
  // Final: every day before today, but yesterday only once the sync ran an hour into today.
  const settled = await finalBefore(page);
  expect(days.map((d) => d.date)).toContain(today);
  for (const day of days) {
    const truth = sim.operation.statsFor(agent.id, day.date);
    const row = day.rows[agent.id];
    if (!truth) {
      expect(row, `${day.date} is missing for the agent in wolkvox`).toBeUndefined();
      continue;
    }
    expect(row, `figures of ${day.date}`).toEqual([
      truth.points,
      truth.hits,
      truth.calls,
      truth.ahtSeconds,
      truth.acwSeconds,
      truth.occupancyPercent,
      truth.loginSeconds,
    ]);
    expect(day.final).toBe(day.date < settled);
  }

  // wolkvox's rules: one request in flight, no range over 31 days or 60,000 records.
  expect(sim.peakInFlight).toBeLessThanOrEqual(1);
  const agents = sim.operation.agents.length;
  for (const entry of sim.log) {
    expect(entry.status, JSON.stringify(entry)).toBe(200);
    const from = entry.query.date_ini!.slice(0, 8);
    const to = entry.query.date_end!.slice(0, 8);
    const days =
      (Date.parse(`${to.slice(0, 4)}-${to.slice(4, 6)}-${to.slice(6)}`) -
        Date.parse(`${from.slice(0, 4)}-${from.slice(4, 6)}-${from.slice(6)}`)) /
        86_400_000 +
      1;
    expect(days).toBeLessThanOrEqual(31);
    expect(days * agents).toBeLessThanOrEqual(60_000);
  }
});
