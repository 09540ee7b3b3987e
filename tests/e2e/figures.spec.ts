/**
 * The figures an agent sees — popup, toolbar badge, console badge — against the simulator's truth,
 * computed independently in expected.ts.
 */
import type { Page } from '@playwright/test';
import type { Operation } from '../../scripts/simulator';
import { PERIODS, digits, expected, middleAgent, tiedPair, type Period } from './expected';
import { expect, test } from './fixtures';
import { asPopup, configure, openConsole, toolbarBadge } from './helpers';

/** The gap line's figures: points to gain and the place to pass ("1.234 pts para pasar al #3"). */
async function gapLine(page: Page): Promise<{ points: string; place: string } | null> {
  const text = await page.getByTestId('gap-to-next').textContent();
  const m = /^(.*?)\s*pts\D*#(\d+)\s*$/.exec(text ?? '');
  return m ? { points: digits(m[1]), place: m[2]! } : null;
}

async function expectPopupShows(popup: Page, op: Operation, me: string, period: Period) {
  const want = expected(op, me, period);
  await expect(popup.getByTestId(`period-${period}`)).toHaveAttribute('aria-selected', 'true');
  await expect(popup.getByTestId('rank')).toHaveText(String(want.rank));
  await expect(popup.getByTestId('agent-count')).toHaveText(String(want.count));
  await expect
    .poll(async () => digits(await popup.getByTestId('points').textContent()))
    .toBe(String(want.points));
  await expect
    .poll(() => gapLine(popup))
    .toEqual({ points: String(want.gapToNext), place: String(want.aboveRank) });
  return want;
}

test('popup, toolbar and console badge show the simulator’s standing for each period', async ({
  sim,
  context,
  openPage,
  worker,
}) => {
  const op = sim.operation;
  const me = middleAgent(op);
  const popup = await asPopup(await openPage('popup.html'));
  expect(await configure(popup, me)).toMatchObject({ ok: true });
  const agentbox = await openConsole(context);

  for (const period of PERIODS) {
    await popup.getByTestId(`period-${period}`).click();
    const want = await expectPopupShows(popup, op, me, period);
    await expect.poll(() => toolbarBadge(worker)).toBe(String(want.rank));
    await expect(agentbox.getByTestId('badge-rank')).toHaveText(String(want.rank));
    await expect
      .poll(async () => digits(await agentbox.getByTestId('badge-points').textContent()))
      .toBe(String(want.points));
  }

  // The choice outlives the popup: a new popup, the toolbar and the console keep showing the month.
  await popup.close();
  const again = await asPopup(await openPage('popup.html'));
  const month = await expectPopupShows(again, op, me, 'month');
  expect(await toolbarBadge(worker)).toBe(String(month.rank));
  await agentbox.reload();
  await expect(agentbox.getByTestId('badge-rank')).toHaveText(String(month.rank));
  await expect
    .poll(async () => digits(await agentbox.getByTestId('badge-points').textContent()))
    .toBe(String(month.points));
});

test('agents who share their points share their rank', async ({
  sim,
  context,
  openPage,
  worker,
}) => {
  const op = sim.operation;
  const period = PERIODS.find((p) => tiedPair(op, p) !== null);
  expect(period, 'the simulator makes ties on every day').toBeDefined();
  const [a, b] = tiedPair(op, period!)!;
  const want = expected(op, a.id, period!);
  expect(expected(op, b.id, period!).rank).toBe(want.rank);

  const options = await openPage('options.html');
  await configure(options, a.id);
  const popup = await asPopup(await openPage('popup.html'));
  await popup.getByTestId(`period-${period}`).click();
  await expectPopupShows(popup, op, a.id, period!);
  // Both appear on the short leaderboard with the same place.
  const samePlace = popup
    .getByTestId('leaderboard-row')
    .filter({ has: popup.locator('.board-rank', { hasText: new RegExp(`^#${want.rank}$`) }) });
  await expect.poll(() => samePlace.count()).toBeGreaterThanOrEqual(2);

  // Now "I" am the other one, chosen on the options page: same rank, same points.
  await options.getByTestId(`agent-option-${b.id}`).click();
  await expect(options.getByTestId(`agent-option-${b.id}`)).toHaveAttribute('aria-pressed', 'true');
  await expect(popup.getByTestId('leaderboard-row').and(popup.locator('.me'))).toContainText(
    b.name,
  );
  await expectPopupShows(popup, op, b.id, period!);
  await expect.poll(() => toolbarBadge(worker)).toBe(String(want.rank));
  const agentbox = await openConsole(context);
  await expect(agentbox.getByTestId('badge-rank')).toHaveText(String(want.rank));
});

test('a failed update shows its reason and keeps the figures', async ({ sim, openPage }) => {
  const op = sim.operation;
  const me = middleAgent(op);
  const popup = await asPopup(await openPage('popup.html'));
  await configure(popup, me);
  const want = await expectPopupShows(popup, op, me, 'today');
  const points = await popup.getByTestId('points').textContent();

  sim.setFault({ kind: 'maintenance' });
  await popup.getByTestId('refresh').click();
  await expect(popup.getByTestId('sync-error')).toContainText(
    'wolkvox está en mantenimiento. Podio lo intentará de nuevo más tarde.',
  );
  await expect(popup.getByTestId('sync-error')).toHaveCount(1);
  await expect(popup.getByTestId('rank')).toHaveText(String(want.rank));
  await expect(popup.getByTestId('points')).toHaveText(points!);
  expect(sim.log.at(-1)?.status).toBe(403);

  sim.setFault(null);
  await expect(popup.getByTestId('refresh')).toHaveAttribute('aria-busy', 'false');
  await popup.getByTestId('refresh').click();
  await expect(popup.getByTestId('sync-error')).toHaveCount(0);
  await expect(popup.getByTestId('rank')).toHaveText(String(want.rank));
  await expect(popup.getByTestId('points')).toHaveText(points!);
});
