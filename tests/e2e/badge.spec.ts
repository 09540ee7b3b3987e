/**
 * The badge on the AgentBox console: it follows new figures without a reload, and neither the
 * console's hostile CSS reaches it nor does it move anything of the console.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { simRequest, type Simulator } from '../../scripts/simulator';
import { digits, expected, middleAgent } from './expected';
import { expect, test } from './fixtures';
import { advanceUntilMoved, configure, fireAlarm, openConsole } from './helpers';

const badgePoints = async (page: Page) =>
  digits(await page.getByTestId('badge-points').textContent());

test('the console badge follows new figures without reloading the console', async ({
  sim,
  context,
  openPage,
  worker,
}) => {
  const op = sim.operation;
  const me = middleAgent(op);
  await configure(await openPage('options.html'), me);
  const agentbox = await openConsole(context);
  const before = expected(op, me, 'today');
  await expect(agentbox.getByTestId('badge-rank')).toHaveText(String(before.rank));
  await expect.poll(() => badgePoints(agentbox)).toBe(String(before.points));
  // Survives only if the page is never reloaded.
  await agentbox.evaluate(() => Object.assign(window, { podioTestMarker: true }));

  // An advance may leave my points unchanged (a step can add 0): advance until they move.
  const after = advanceUntilMoved(sim, me);
  expect(after.points).toBeGreaterThan(before.points);
  await fireAlarm(worker);

  await expect.poll(() => badgePoints(agentbox), { timeout: 20_000 }).toBe(String(after.points));
  await expect(agentbox.getByTestId('badge-rank')).toHaveText(String(after.rank));
  expect(await agentbox.evaluate(() => 'podioTestMarker' in window)).toBe(true);
});

/** Where the console's own elements are laid out. */
function consoleBoxes(page: Page) {
  return page.evaluate(() =>
    ['wv-header', 'wv-agent-status', 'wv-ready', 'wv-queue', 'wv-call-panel', 'wv-notes'].map(
      (id) => {
        const r = document.getElementById(id)!.getBoundingClientRect();
        return { id, x: r.x, y: r.y, width: r.width, height: r.height };
      },
    ),
  );
}

test('the badge keeps its own look under the console’s CSS and moves nothing of the console', async ({
  sim,
  context,
  openPage,
}) => {
  await configure(await openPage('options.html'), middleAgent(sim.operation));
  const agentbox = await openConsole(context);
  const rank = agentbox.getByTestId('badge-rank');
  await expect(rank).toBeVisible();

  // The console sets `* { font-family: serif; color: red }`, `span { font-size: 40px }` and
  // `html { font-size: 6px }`, all !important: none of it may reach inside the shadow root.
  const styles = await agentbox.getByTestId('badge-points').evaluate((b) => {
    const style = (el: Element) => {
      const s = getComputedStyle(el);
      return {
        fontFamily: s.fontFamily,
        color: s.color,
        fontSize: s.fontSize,
        textTransform: s.textTransform,
      };
    };
    return { points: style(b), span: style(b.parentElement!) };
  });
  for (const s of [styles.points, styles.span]) {
    expect(s.fontFamily).toMatch(/^system-ui\b/);
    expect(s.color).not.toBe('rgb(255, 0, 0)');
    expect(s.color).toBe('rgb(26, 29, 33)');
    expect(s.fontSize).toBe('13px');
    expect(s.textTransform).toBe('none');
  }
  // The badge paints over the console's bars and toasts rather than under them.
  const box = (await rank.boundingBox())!;
  const hit = await agentbox.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.tagName.toLowerCase(),
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  expect(hit).toBe('podio-badge');

  // The same console without Podio (a URL the badge does not run on): identical layout.
  const html = (await simRequest(sim.port, { path: '/', host: 'agentbox.wolkvox.com' })).body;
  const baseline = await context.newPage();
  await baseline.route('https://console.test/', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  await baseline.goto('https://console.test/');
  await expect(baseline.locator('podio-badge')).toHaveCount(0);
  expect(await consoleBoxes(agentbox)).toEqual(await consoleBoxes(baseline));
});

/**
 * The simulator's console with `css` added, served at `path` on AgentBox (where the badge runs)
 * and at console.test (where it does not).
 */
async function consoleWith(sim: Simulator, context: BrowserContext, path: string, css: string) {
  const { body } = await simRequest(sim.port, { path: '/', host: 'agentbox.wolkvox.com' });
  const html = body.replace('</head>', `<style>${css}</style></head>`);
  for (const url of [`https://agentbox.wolkvox.com${path}`, 'https://console.test/']) {
    await context.route(url, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    );
  }
  const agentbox = await context.newPage();
  await agentbox.goto(`https://agentbox.wolkvox.com${path}`);
  await expect(agentbox.getByTestId('badge-rank')).toBeVisible();
  const baseline = await context.newPage();
  await baseline.goto('https://console.test/');
  await expect(baseline.locator('podio-badge')).toHaveCount(0);
  return { agentbox, baseline };
}

test('on a console laid out as a centred flex column, the badge still moves nothing', async ({
  sim,
  context,
  openPage,
}) => {
  await configure(await openPage('options.html'), middleAgent(sim.operation));
  // A common app shell: the body a flex column, its children centred with gaps. A box of the
  // badge's host in the body would be one more flex item, and move the console by half a gap.
  const { agentbox, baseline } = await consoleWith(
    sim,
    context,
    '/shell',
    'body { display: flex; flex-direction: column; justify-content: center; gap: 24px; min-height: 100vh; }',
  );
  expect(await consoleBoxes(agentbox)).toEqual(await consoleBoxes(baseline));
});

test('on a console whose body is transformed, the badge stays in the corner of the window', async ({
  sim,
  context,
  openPage,
}) => {
  await configure(await openPage('options.html'), middleAgent(sim.operation));
  // `translateZ(0)`, an old speed-up, makes the body the box that fixed elements inside it are
  // placed in: a pill in a tall body would sit at its bottom, below the window.
  const { agentbox, baseline } = await consoleWith(
    sim,
    context,
    '/transformed',
    'body { transform: translateZ(0); min-height: 300vh; }',
  );
  const pill = await agentbox.locator('podio-badge .pill').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, bottom: innerHeight - r.bottom };
  });
  expect(pill).toEqual({ left: 16, bottom: 16 });
  await expect(agentbox.locator('podio-badge .pill')).toBeInViewport();
  expect(await consoleBoxes(agentbox)).toEqual(await consoleBoxes(baseline));
});

test('a console that re-renders its body or swaps it keeps the badge, figures and all', async ({
  sim,
  context,
  openPage,
  worker,
}) => {
  const op = sim.operation;
  const me = middleAgent(op);
  await configure(await openPage('options.html'), me);
  const agentbox = await openConsole(context);
  const before = expected(op, me, 'today');
  const rank = agentbox.getByTestId('badge-rank');
  await expect(rank).toHaveText(String(before.rank));

  // A single-page console rendering its view again: the whole body rewritten (as
  // `body.innerHTML = …` does, which this project's lint keeps out of its own code).
  await agentbox.evaluate(() => {
    const main = document.createElement('main');
    main.textContent = 'Consola recargada';
    document.body.replaceChildren(main);
  });
  await expect(rank).toHaveText(String(before.rank));
  // Or a new body element altogether; new figures still reach the badge.
  await agentbox.evaluate(() => {
    document.documentElement.replaceChild(document.createElement('body'), document.body);
  });
  await expect(rank).toBeVisible();
  const after = advanceUntilMoved(sim, me);
  await fireAlarm(worker);
  await expect.poll(() => badgePoints(agentbox), { timeout: 20_000 }).toBe(String(after.points));
  await expect(rank).toHaveText(String(after.rank));
  // And when the page takes the badge itself out, it comes back once.
  await agentbox.evaluate(() => document.querySelector('podio-badge')!.remove());
  await expect(rank).toHaveText(String(after.rank));
  await expect(agentbox.locator('podio-badge')).toHaveCount(1);
});
