/**
 * What the agent does with the console badge: open and close its details (click, Escape, keys kept
 * from the console's shortcuts), drag it out of the way, hide it for the day and get it back; and
 * the dot that says its figures are old.
 */
import type { Page } from '@playwright/test';
import { middleAgent } from './expected';
import { expect, test } from './fixtures';
import { ageFigures, configure, localStorageArea, openConsole } from './helpers';

const pill = (page: Page) => page.locator('podio-badge .pill');

test('a click opens the details, Escape closes them, and no key reaches the console', async ({
  sim,
  context,
  openPage,
}) => {
  await configure(await openPage('options.html'), middleAgent(sim.operation));
  const agentbox = await openConsole(context);
  // The console's own shortcuts listen on the document.
  await agentbox.evaluate(() => {
    const keys: string[] = [];
    Object.assign(window, { consoleKeys: keys });
    document.addEventListener('keydown', (e) => keys.push(e.key));
  });
  await expect(pill(agentbox)).toHaveAttribute('aria-expanded', 'false');
  await expect(agentbox.getByTestId('badge-details')).toHaveCount(0);

  await pill(agentbox).click();
  await expect(agentbox.getByTestId('badge-details')).toBeVisible();
  await expect(pill(agentbox)).toHaveAttribute('aria-expanded', 'true');
  await expect(pill(agentbox)).toBeFocused();

  await agentbox.keyboard.press('Escape');
  await expect(agentbox.getByTestId('badge-details')).toHaveCount(0);
  await expect(pill(agentbox)).toHaveAttribute('aria-expanded', 'false');
  await expect(pill(agentbox)).toBeFocused();
  await agentbox.keyboard.press('a');
  expect(
    await agentbox.evaluate(() => (window as unknown as { consoleKeys: string[] }).consoleKeys),
  ).toEqual([]);

  // Keys typed in the console itself still reach it.
  await agentbox.locator('#wv-notes').press('b');
  expect(
    await agentbox.evaluate(() => (window as unknown as { consoleKeys: string[] }).consoleKeys),
  ).toEqual(['b']);
});

test('a drag moves the badge without opening it, and it stays there on the next visit', async ({
  sim,
  context,
  openPage,
}) => {
  await configure(await openPage('options.html'), middleAgent(sim.operation));
  const agentbox = await openConsole(context);
  // Measure the drawn pill, not the hidden stand-in laid out while the figures are read.
  await expect(agentbox.getByTestId('badge-rank')).toBeVisible();
  const start = (await pill(agentbox).boundingBox())!;
  const from = { x: start.x + start.width / 2, y: start.y + start.height / 2 };
  await agentbox.mouse.move(from.x, from.y);
  await agentbox.mouse.down();
  await agentbox.mouse.move(from.x + 300, from.y - 400, { steps: 8 });
  await agentbox.mouse.up();

  const moved = (await pill(agentbox).boundingBox())!;
  expect(Math.round(moved.x - start.x)).toBe(300);
  expect(Math.round(moved.y - start.y)).toBe(-400);
  await expect(pill(agentbox)).toHaveAttribute('aria-expanded', 'false');
  await expect(agentbox.getByTestId('badge-details')).toHaveCount(0);

  const again = await openConsole(context);
  await expect(again.getByTestId('badge-rank')).toBeVisible();
  const there = (await pill(again).boundingBox())!;
  expect(Math.round(there.x)).toBe(Math.round(moved.x));
  expect(Math.round(there.y)).toBe(Math.round(moved.y));
});

test('"hide for today" hides it on every console, and the settings page shows it again', async ({
  sim,
  context,
  openPage,
}) => {
  const options = await openPage('options.html');
  await configure(options, middleAgent(sim.operation));
  const agentbox = await openConsole(context);
  await pill(agentbox).click();
  await agentbox.getByTestId('badge-hide').click();
  await expect(pill(agentbox)).toHaveCount(0);
  await expect
    .poll(async () => ((await localStorageArea(options)).badge as { hiddenOn?: string })?.hiddenOn)
    .toMatch(/^\d{8}$/);

  // Another console opened today: the badge stays away (it would be drawn by now).
  const other = await openConsole(context);
  await other.waitForTimeout(1500);
  await expect(other.locator('podio-badge .pill')).toHaveCount(0);

  await options.reload();
  await options.getByTestId('badge-hidden-today').getByRole('button').click();
  await expect(pill(agentbox)).toBeVisible();
  await expect(pill(other)).toBeVisible();
  await expect(pill(agentbox)).toHaveAttribute('aria-expanded', 'false');
});

test('a dot and the spoken summary say when the figures are old', async ({
  sim,
  context,
  openPage,
}) => {
  const options = await openPage('options.html');
  await configure(options, middleAgent(sim.operation));
  const agentbox = await openConsole(context);
  await expect(agentbox.getByTestId('badge-rank')).toBeVisible();
  await expect(agentbox.locator('podio-badge .dot')).toHaveCount(0);
  await expect(pill(agentbox)).not.toHaveAccessibleName(/desactualizadas/);

  // Figures fetched an hour ago, at a five-minute interval: three intervals have passed.
  await ageFigures(options, 3_600_000);

  const dot = agentbox.locator('podio-badge .dot');
  await expect(dot).toBeVisible();
  await expect(dot).toHaveAttribute('title', 'Cifras desactualizadas');
  await expect(pill(agentbox)).toHaveAccessibleName(/Cifras desactualizadas\.$/);
  await pill(agentbox).click();
  await expect(agentbox.getByTestId('badge-details')).toContainText('Cifras desactualizadas');
});
