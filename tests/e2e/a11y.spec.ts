/**
 * Accessibility: axe-core's WCAG 2.1 A and AA rules on the popup, the settings page, the history
 * page and the console badge, in light and dark themes, with real figures from the simulator.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ageFigures, configure } from './helpers';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Run axe on the page (or inside `within`, a selector) and list what fails. */
async function violations(page: Page, within?: string): Promise<string[]> {
  // Evaluated over the DevTools protocol: extension pages' CSP forbids inline script tags.
  await page.evaluate(await axeSource);
  const found = await page.evaluate(async (context) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (c: unknown, o: unknown) => Promise<{ violations: Violation[]; passes: unknown[] }>;
        };
      }
    ).axe;
    const result = await axe.run(context ? { include: [[context]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return { violations: result.violations, passed: result.passes.length };
  }, within);
  // axe ran its rules on something: a page it could not see would pass nothing.
  expect(found.passed).toBeGreaterThan(3);
  return found.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`popup, settings and history pass WCAG 2.1 AA checks (${scheme})`, async ({
    sim,
    openPage,
    context,
    extensionId,
  }) => {
    const options = await openPage('options.html');
    await configure(options, sim.operation.agents[5]!.id);
    for (const path of ['options.html', 'popup.html', 'history.html']) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      if (path === 'popup.html') await expect(page.getByTestId('rank')).toBeVisible();
      if (path === 'history.html')
        await expect(page.getByTestId('history-row').first()).toBeVisible();
      if (path === 'options.html') await expect(page.getByTestId('agent-search')).toBeVisible();
      expect(await violations(page), path).toEqual([]);
      await page.close();
    }

    // The console badge, opened, inside its shadow root (the console stand-in itself is not ours).
    const agentbox = await context.newPage();
    await agentbox.emulateMedia({ colorScheme: scheme });
    await agentbox.goto('https://agentbox.wolkvox.com/');
    await agentbox.getByTestId('badge-rank').click();
    await expect(agentbox.getByTestId('badge-details')).toBeVisible();
    expect(await violations(agentbox, 'podio-badge'), 'console badge').toEqual([]);
  });
}

test('in Windows high contrast, the chosen period, your own row, the chosen agent and the stale dot still show', async ({
  sim,
  openPage,
  context,
  extensionId,
}) => {
  const me = sim.operation.agents[5]!.id;
  const options = await openPage('options.html');
  await configure(options, me);
  const outline = (l: Locator) =>
    l.evaluate((el) => {
      const s = getComputedStyle(el);
      return s.outlineStyle === 'none' ? 'none' : `${s.outlineStyle} ${s.outlineWidth}`;
    });

  // Forced colours drop backgrounds and shadows; what marked these must be drawn another way.
  const popup = await context.newPage();
  await popup.emulateMedia({ forcedColors: 'active' });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('rank')).toBeVisible();
  expect(await outline(popup.getByTestId('period-today'))).toBe('solid 2px');
  expect(await outline(popup.getByTestId('period-week'))).toBe('none');
  await popup.getByTestId('period-week').click();
  expect(await outline(popup.getByTestId('period-week'))).toBe('solid 2px');
  expect(await outline(popup.getByTestId('period-today'))).toBe('none');
  const rows = popup.getByTestId('leaderboard-row');
  expect(await outline(rows.and(popup.locator('[aria-current]')))).toBe('solid 1px');
  expect(await outline(rows.and(popup.locator(':not([aria-current])')).first())).toBe('none');

  const settings = await context.newPage();
  await settings.emulateMedia({ forcedColors: 'active' });
  await settings.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(settings.getByTestId(`agent-option-${me}`)).toHaveAttribute('aria-pressed', 'true');
  expect(await outline(settings.getByTestId(`agent-option-${me}`))).toBe('solid 2px');

  // The badge's stale dot, in the theme's text colour on the theme's background.
  await ageFigures(options, 3_600_000);
  const agentbox = await context.newPage();
  await agentbox.emulateMedia({ forcedColors: 'active' });
  await agentbox.goto('https://agentbox.wolkvox.com/');
  const dot = agentbox.locator('podio-badge .dot');
  await expect(dot).toBeVisible();
  const colours = await dot.evaluate((el) => ({
    dot: getComputedStyle(el).backgroundColor,
    pill: getComputedStyle(el.closest('.pill')!).backgroundColor,
    text: getComputedStyle(el.closest('.pill')!).color,
  }));
  expect(colours.dot).toBe(colours.text);
  expect(colours.dot).not.toBe(colours.pill);
  await agentbox.getByTestId('badge-rank').click();
  expect(await outline(agentbox.locator('podio-badge li.me'))).toBe('solid 1px');
});
