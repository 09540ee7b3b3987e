import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { configure, send, storedDays } from './helpers';
import { expectedBests, stored, storedViews, truthDay } from './records';

/** Configure an agent scoring today, and wait for their views. */
async function setUp(sim: { operation: import('../../scripts/simulator').Operation }, page: Page) {
  const op = sim.operation;
  const me = op.agents.find((a) => (op.statsFor(a.id, op.today())?.points ?? 0) > 0)!;
  expect(await configure(page, me.id)).toMatchObject({ ok: true });
  await expect.poll(async () => (await storedViews(page))?.agentId).toBe(me.id);
  return me.id;
}

/** Open the popup and wait until it has compared with, and replaced, the last look. */
async function look(openPage: (path: string) => Promise<Page>) {
  const since = Date.now();
  const popup = await openPage('popup.html');
  await expect(popup.getByTestId('points')).toBeVisible();
  await expect
    .poll(async () => (await stored<{ today?: { at: number } }>(popup, 'lastLook'))?.today?.at)
    .toBeGreaterThanOrEqual(since);
  return popup;
}

const iso = (key: string) => `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6)}`;

test('bests, streaks, the 90-day history and its CSV match the simulator', async ({
  sim,
  openPage,
  context,
}) => {
  const options = await openPage('options.html');
  const me = await setUp(sim, options);
  const op = sim.operation;
  const today = op.today();
  // The first sync fetched the month to date (and 30 days): every stored day is history.
  const dates = (await storedDays(options)).map((d) => d.date).sort();
  expect(dates.length).toBeGreaterThanOrEqual(28);
  const truth = dates.map((date) => truthDay(op, me, date));
  const want = expectedBests(truth, today);

  const popup = await openPage('popup.html');
  const bests = popup.getByTestId('bests');
  await expect(bests).toBeVisible();
  const dataValue = (id: string) => popup.getByTestId(id).locator('data').getAttribute('value');
  const timeValue = (id: string) => popup.getByTestId(id).locator('time').getAttribute('datetime');
  expect(want.best).not.toBeNull();
  expect(await dataValue('best-day')).toBe(String(want.best!.points));
  expect(await timeValue('best-day')).toBe(iso(want.best!.date));
  if (want.bestRank) {
    expect(await dataValue('best-rank-month')).toBe(String(want.bestRank.rank));
    expect(await timeValue('best-rank-month')).toBe(iso(want.bestRank.date));
  } else await expect(popup.getByTestId('best-rank-month')).toHaveText('—');
  await expect(popup.getByTestId('streak-activity')).toHaveText(String(want.activity));
  await expect(popup.getByTestId('streak-top10')).toHaveText(String(want.top10));

  // The popup's link opens the history page in a tab.
  const [history] = await Promise.all([
    context.waitForEvent('page'),
    popup.getByTestId('open-history').click(),
  ]);
  await expect(history).toHaveURL(/\/history\.html$/);
  const rows = history.getByTestId('history-row');
  await expect(rows).toHaveCount(dates.length);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => [
      tr.getAttribute('data-date'),
      tr.querySelector('[data-testid="history-points"]')!.textContent,
      tr.querySelector('[data-testid="history-rank"]')!.textContent,
    ]),
  );
  const digits = (s?: string | null) => Number((s ?? '').replace(/\D/g, ''));
  // Newest first, one row per stored day, the agent's points and "#rank de count".
  expect(shown.map(([d, p, r]) => [d, digits(p), r])).toEqual(
    [...truth].reverse().map((d) => [d.date, d.points, `#${d.rank} de ${d.count}`]),
  );
  await expect(history.getByTestId('history-chart')).toBeVisible();

  const [download] = await Promise.all([
    history.waitForEvent('download'),
    history.getByTestId('export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`podio-${me}-${dates[0]}-${dates.at(-1)}.csv`);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines.at(-1)).toBe('');
  expect(lines[0]).toBe('date,points,hits,calls,aht,acw,occupancy,login_time,rank,agents');
  const body = lines.slice(1, -1).map((l) => l.split(','));
  // Only the agent's own days: one row per stored day, their figures, nobody else's.
  expect(body.map((c) => [c[0], Number(c[1]), Number(c[8]), Number(c[9])])).toEqual(
    truth.map((d) => [iso(d.date), d.points, d.rank, d.count]),
  );
  for (const [i, cells] of body.entries()) {
    const s = op.statsFor(me, truth[i]!.date);
    expect(cells[2]).toBe(String(s?.hits ?? 0));
    expect(cells[7]).toMatch(/^\d{2,}:\d{2}:\d{2}$/);
  }
  for (const other of op.agents.filter((a) => a.id !== me)) expect(csv).not.toContain(other.name);
});

test('“what changed” shows new figures once, and can be dismissed', async ({ sim, openPage }) => {
  const options = await openPage('options.html');
  const me = await setUp(sim, options);
  const op = sim.operation;

  // The first look: nothing to compare with.
  let popup = await look(openPage);
  await expect(popup.getByTestId('what-changed')).toHaveCount(0);
  await popup.close();

  const before = op.statsFor(me, op.today())!;
  // Advance until the agent's figures move (most advances add points).
  let after = before;
  for (let i = 0; i < 5 && after.points === before.points; i++) {
    sim.advance();
    after = op.statsFor(me, op.today())!;
  }
  expect(after.points).toBeGreaterThan(before.points);
  expect(await send(options, { type: 'syncNow' })).toMatchObject({ ok: true });

  popup = await look(openPage);
  const card = popup.getByTestId('what-changed');
  await expect(card).toBeVisible();
  const digits = (s?: string | null) => Number((s ?? '').replace(/\D/g, ''));
  expect(digits(await card.getByTestId('changed-points').textContent())).toBe(
    after.points - before.points,
  );
  await expect(card.getByTestId('changed-points')).toHaveText(/^\+/);
  if (after.calls !== before.calls) {
    expect(digits(await card.getByTestId('changed-calls').textContent())).toBe(
      after.calls - before.calls,
    );
  }
  await popup.getByTestId('what-changed-dismiss').click();
  await expect(card).toHaveCount(0);
  await popup.close();

  // Shown once: the next opening has nothing new to tell.
  popup = await look(openPage);
  await expect(popup.getByTestId('what-changed')).toHaveCount(0);
});
