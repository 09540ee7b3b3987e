/**
 * Podio's life in the browser: a service worker stopped mid-sync, a browser restart, an extension
 * update, and the alarm, a refresh and a settings test all at once. What survives, what is never
 * left half done, and that wolkvox never sees two requests of one token at once.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchBrowser, serviceWorker, settleInstall } from '../../scripts/chromium';
import type { DayStats, Simulator } from '../../scripts/simulator';
import { digits, expected, middleAgent } from './expected';
import { SERVER, TOKEN, expect, test } from './fixtures';
import {
  configure,
  deferAlarm,
  fireAlarm,
  localStorageArea,
  patchSettings,
  send,
  storedDays,
  syncStateOf,
  type StoredDay,
  finalBefore,
} from './helpers';

declare const chrome: {
  alarms: {
    get(name: string): Promise<{ periodInMinutes?: number; scheduledTime: number } | undefined>;
    clear(name: string): Promise<boolean>;
  };
  runtime: { reload(): void; getManifest(): { version: string } };
};

/** The simulator's figures of one agent-day, in the stored column order. */
const row = (s: DayStats): number[] => [
  s.points,
  s.hits,
  s.calls,
  s.ahtSeconds,
  s.acwSeconds,
  s.occupancyPercent,
  s.loginSeconds,
];

/** Each stored day holds exactly the simulator's figures for every agent who has that day. */
function expectWholeDays(days: StoredDay[], sim: Simulator): void {
  for (const day of days) {
    const want = sim.operation.dayStats(day.date).map(({ agent, stats }) => [agent.id, row(stats)]);
    expect(day.rows, `every agent's figures of ${day.date}`).toEqual(Object.fromEntries(want));
  }
}

/** The popup shows the agent's rank and points for today, as the simulator's truth says. */
async function expectFigures(popup: Page, sim: Simulator, me: string, soft = false): Promise<void> {
  const check = soft ? expect.soft : expect;
  const want = expected(sim.operation, me, 'today');
  await check(popup.getByTestId('rank')).toHaveText(String(want.rank));
  check(digits(await popup.getByTestId('points').textContent())).toBe(String(want.points));
}

/** The periodic alarm, as the worker sees it. */
function syncAlarm(worker: Worker) {
  return worker.evaluate(() => chrome.alarms.get('podio-sync'));
}

test.describe('a worker stopped in the middle of a sync', () => {
  test.use({ simOptions: { latencyMs: 1500 } });

  test('leaves no half-written day and no lock, even while wolkvox still counts it busy', async ({
    sim,
    context,
    worker,
    openPage,
  }) => {
    const options = await openPage('options.html');
    // Connected during maintenance: the settings are saved but no figure is stored yet, so the
    // next sync is a first one (today, then the past window).
    sim.setFault({ kind: 'maintenance', times: 1 });
    expect(await send(options, { type: 'saveConnection', server: SERVER, token: TOKEN })).toEqual({
      ok: false,
      error: 'maintenance',
    });
    const me = middleAgent(sim.operation);
    await patchSettings(options, { agentId: me });
    await deferAlarm(worker);
    const popup = await openPage('popup.html');
    // Soft: a wrong "no figures yet" state must not hide what the rest of the test finds.
    await expect
      .soft(popup.getByTestId('state-no-views'), 'before any figure: "no figures yet", no rank')
      .toBeVisible();

    const counted = (await syncStateOf(options)).usageCalls;
    const dying = send(popup, { type: 'syncNow' }).then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
    // Each call is counted before it is made: two counted means today is stored and the past
    // window is in flight (each answer takes 1.5 s).
    await expect
      .poll(async () => (await syncStateOf(options)).usageCalls)
      .toBeGreaterThanOrEqual(counted + 2);
    const cdp = await context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // wolkvox goes on counting the dead worker's request for a while.
    sim.setFault({ kind: 'busy', times: 2 });
    expect(await dying, 'the refresh died with its worker').toHaveProperty('error');
    await expect
      .poll(() => sim.log.filter((e) => e.status === 0).length, {
        message: 'the past window was cut off in flight',
      })
      .toBe(1);

    // What is stored is whole days only; the popup shows whole figures or none yet.
    const afterStop = await storedDays(options);
    expect(afterStop.map((d) => d.date)).toContain(sim.operation.today());
    expectWholeDays(afterStop, sim);
    if (await popup.getByTestId('rank').isVisible()) await expectFigures(popup, sim, me, true);
    else await expect(popup.getByTestId('state-no-views')).toBeVisible();

    // No lock outlives the worker: the next sync runs, waits out the busy answers, and finishes.
    const logBefore = sim.log.length;
    expect(await send(popup, { type: 'syncNow' })).toMatchObject({ ok: true });
    const next = sim.log.slice(logBefore);
    expect(next.slice(0, 2).map((e) => e.status)).toEqual([403, 403]);
    expect(next.slice(2).every((e) => e.status === 200)).toBe(true);
    await expectFigures(popup, sim, me);
    const days = await storedDays(options);
    expect(days.length).toBeGreaterThan(afterStop.length);
    expectWholeDays(days, sim);
    const settled = await finalBefore(options);
    for (const day of days) expect(day.final, day.date).toBe(day.date < settled);
    expect(await syncStateOf(options)).toMatchObject({ lastError: null, backoffUntil: null });
  });
});

/**
 * A private copy of the build, so a rebuild of .output by anyone else cannot change the extension
 * between two launches of one test.
 */
async function copyOfBuild(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podio-build-'));
  await cp(EXTENSION_DIR, dir, { recursive: true });
  return dir;
}

/** Launch Chromium on `profile` with the extension in `dir`; its worker and its origin. */
async function launch(profile: string, port: number, dir: string) {
  const context = await launchBrowser(profile, { port, extensionDir: dir });
  const worker = await serviceWorker(context);
  await settleInstall(context);
  return { context, worker, origin: `chrome-extension://${new URL(worker.url()).host}` };
}

async function openIn(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('a browser restart shows the stored figures at once, re-arms the alarm and keeps the token', async ({
  sim,
  profile,
}) => {
  const dir = await copyOfBuild();
  const first = await launch(profile, sim.port, dir);
  const me = middleAgent(sim.operation);
  let days: StoredDay[];
  let settings: unknown;
  try {
    const options = await openIn(first.context, `${first.origin}/options.html`);
    expect(await configure(options, me)).toMatchObject({ ok: true });
    expect(await send(options, { type: 'syncNow' })).toMatchObject({ ok: true });
    const popup = await openIn(first.context, `${first.origin}/popup.html`);
    await expectFigures(popup, sim, me);
    days = await storedDays(options);
    settings = (await localStorageArea(options)).settings;
    // Chromium may drop alarms over a restart: Podio must arm its own again on start.
    await first.worker.evaluate(() => chrome.alarms.clear('podio-sync'));
  } finally {
    await first.context.close();
  }

  // While the browser is down wolkvox stops answering: what the popup shows comes from storage.
  sim.setFault({ kind: 'hang' });
  const again = await launch(profile, sim.port, dir);
  try {
    const page = await openIn(again.context, `${again.origin}/popup.html`);
    await expectFigures(page, sim, me);
    await expect(page.getByTestId('sync-error')).toHaveCount(0);
    expect(await storedDays(page)).toEqual(days);
    expect((await localStorageArea(page)).settings).toEqual(settings);

    await expect.poll(() => syncAlarm(again.worker)).toMatchObject({ periodInMinutes: 5 });
    // Due within one interval.
    const { scheduledTime } = (await syncAlarm(again.worker))!;
    expect(scheduledTime).toBeGreaterThan(Date.now() - 60_000);
    expect(scheduledTime).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    await deferAlarm(again.worker);

    // The token still decrypts and works.
    sim.setFault(null);
    sim.advance();
    let reply = await send<{ ok: boolean; error?: string }>(page, { type: 'syncNow' });
    if (!reply.ok) {
      // Only if the new alarm happened to fire at start: its hung call just ended in a network
      // error, and the refresh joined that sync.
      expect(reply.error).toBe('network');
      reply = await send(page, { type: 'syncNow' });
    }
    expect(reply).toMatchObject({ ok: true });
    expect(sim.log.at(-1)).toMatchObject({ status: 200, token: 'valid' });
    await expectFigures(page, sim, me);
  } finally {
    await again.context.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('an extension update keeps settings, token and figures', async ({ sim, profile }) => {
  // Updated in place from a private copy, in a profile with developer mode on (Chromium
  // disables a reloaded command-line extension otherwise).
  const dir = await copyOfBuild();
  await mkdir(join(profile, 'Default'), { recursive: true });
  await writeFile(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { ui: { developer_mode: true } } }),
  );
  const { context, worker, origin } = await launch(profile, sim.port, dir);
  try {
    const options = await openIn(context, `${origin}/options.html`);
    const me = middleAgent(sim.operation);
    expect(await configure(options, me)).toMatchObject({ ok: true });
    expect(await send(options, { type: 'syncNow' })).toMatchObject({ ok: true });
    const days = await storedDays(options);
    const { settings, syncState } = await localStorageArea(options);

    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string };
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: '99.0.0' }));
    const updated = context.waitForEvent('serviceworker');
    await worker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
    const next = await updated;
    expect(await next.evaluate(() => chrome.runtime.getManifest().version)).toBe('99.0.0');

    const popup = await openIn(context, `${origin}/popup.html`);
    await expectFigures(popup, sim, me);
    expect(await storedDays(popup)).toEqual(days);
    const kept = await localStorageArea(popup);
    expect(kept.settings).toEqual(settings);
    expect(kept.syncState).toEqual(syncState);
    await expect.poll(() => syncAlarm(next)).toMatchObject({ periodInMinutes: 5 });

    sim.advance();
    const logBefore = sim.log.length;
    expect(await send(popup, { type: 'syncNow' })).toMatchObject({ ok: true });
    expect(sim.log.slice(logBefore).map((e) => [e.status, e.token])).toEqual([[200, 'valid']]);
    await expectFigures(popup, sim, me);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test.describe('the alarm, a refresh and a settings test at the same moment', () => {
  test.use({ simOptions: { latencyMs: 300, maxInFlight: 1 } });

  test('reach wolkvox one request at a time', async ({ sim, worker, openPage }) => {
    const setup = await openPage('options.html');
    const me = middleAgent(sim.operation);
    expect(await configure(setup, me)).toMatchObject({ ok: true });
    expect(await send(setup, { type: 'syncNow' })).toMatchObject({ ok: true });
    await deferAlarm(worker);
    const options = await openPage('options.html');
    await expect(options.getByTestId('server-input')).toHaveValue(SERVER);
    const popup = await openPage('popup.html');
    await expectFigures(popup, sim, me);
    sim.advance();
    sim.resetLog();

    await Promise.all([
      fireAlarm(worker),
      popup.getByTestId('refresh').click(),
      options.getByTestId('save-settings').click(),
    ]);
    await expect(options.getByTestId('connection-status')).not.toBeEmpty();
    await expect(popup.getByTestId('refresh')).toHaveAttribute('aria-busy', 'false');
    // The alarm's handler re-arms the periodic alarm before it syncs; a last refresh then joins
    // or follows whatever it started.
    await expect.poll(() => syncAlarm(worker)).toMatchObject({ periodInMinutes: 5 });
    expect(await send(popup, { type: 'syncNow' })).toMatchObject({ ok: true });

    expect(sim.log.length).toBeGreaterThanOrEqual(2);
    expect(sim.log.filter((e) => e.status !== 200)).toEqual([]);
    expect(sim.peakInFlight).toBe(1);
    await expect(popup.getByTestId('sync-error')).toHaveCount(0);
    await expectFigures(popup, sim, me);
  });
});
