/** What end-to-end tests do inside the extension: send its messages, read its storage. */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { Simulator } from '../../scripts/simulator';
import type { SyncState } from '../../utils/settings';
import { expected, type Expected } from './expected';
import { SERVER, TIME_ZONE, TOKEN } from './fixtures';
import { dayKeyOf } from '../../utils/periods';
import { SETTLE_MS } from '../../utils/sync/engine';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: {
    local: {
      get(key: string | null): Promise<Record<string, unknown>>;
      set(v: object): Promise<void>;
    };
  };
  alarms: { create(name: string, info: { when: number }): Promise<void> };
};

/**
 * Advance the simulator until `me`'s points today change (a step may add 0), at most 20 steps, and
 * say what the agent should then see. The caller asserts that they moved.
 */
export function advanceUntilMoved(sim: Simulator, me: string): Expected {
  const before = expected(sim.operation, me, 'today').points;
  for (let i = 0; i < 20 && expected(sim.operation, me, 'today').points === before; i++)
    sim.advance();
  return expected(sim.operation, me, 'today');
}

/** Send a request to the background from an extension page, as the popup or options would. */
export function send<T = unknown>(page: Page, message: object): Promise<T> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

/** Everything in storage.local. */
export function localStorageArea(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => chrome.storage.local.get(null));
}

/** Save server and token through the background and choose an agent, without the options UI. */
export async function configure(page: Page, agentId: string, server = SERVER, token = TOKEN) {
  const reply = await send<{ ok: boolean; agentCount?: number }>(page, {
    type: 'saveConnection',
    server,
    token,
  });
  await page.evaluate(async (id) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object), agentId: id } });
  }, agentId);
  return reply;
}

/** Fire the sync alarm now (the handler re-arms the periodic alarm afterwards). */
export async function fireAlarm(worker: Worker): Promise<void> {
  await worker.evaluate(() => chrome.alarms.create('podio-sync', { when: Date.now() }));
}

export interface StoredDay {
  date: string;
  final: boolean;
  rows: Record<string, number[]>;
}

/** Every record of every IndexedDB store of the extension, as JSON-able values. */
export function dumpIndexedDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('podio');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      out[name] = all.map((v) =>
        JSON.parse(
          JSON.stringify(v, (_k, x) =>
            ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x,
          ),
        ),
      );
    }
    db.close();
    return out;
  });
}

/** The stored days, each agent's figures as [points, hits, calls, aht, acw, occupancy, login]. */
export async function storedDays(page: Page): Promise<StoredDay[]> {
  const dump = await dumpIndexedDb(page);
  // v3 stores a day's agent ids as one comma-joined string; earlier layouts as an array.
  type Raw = { date: string; final: boolean; ids: string[] | string; values: number[] };
  return (dump.days as Raw[]).map((d) => {
    const ids = typeof d.ids === 'string' ? (d.ids === '' ? [] : d.ids.split(',')) : d.ids;
    return {
      date: d.date,
      final: d.final,
      rows: Object.fromEntries(ids.map((id, i) => [id, d.values.slice(i * 7, i * 7 + 7)])),
    };
  });
}

interface ChromeAction {
  action: {
    getBadgeText(details: object): Promise<string>;
    getTitle(details: object): Promise<string>;
  };
}

/** The toolbar button's badge text, as Chromium shows it. */
export function toolbarBadge(worker: Worker): Promise<string> {
  return worker.evaluate(() =>
    (globalThis as unknown as { chrome: ChromeAction }).chrome.action.getBadgeText({}),
  );
}

/** The toolbar button's tooltip. */
export function toolbarTitle(worker: Worker): Promise<string> {
  return worker.evaluate(() =>
    (globalThis as unknown as { chrome: ChromeAction }).chrome.action.getTitle({}),
  );
}

/** Merge `patch` into the stored settings, as the options page would (the background reacts). */
export async function patchSettings(page: Page, patch: object): Promise<void> {
  await page.evaluate(async (p) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object), ...p } });
  }, patch);
}

/** The AgentBox console (the simulator's stand-in), with Podio's badge injected. */
export async function openConsole(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('https://agentbox.wolkvox.com/');
  return page;
}

/** Size an extension page as the toolbar popup is shown (about 400 × 650). */
export async function asPopup(page: Page): Promise<Page> {
  await page.setViewportSize({ width: 400, height: 650 });
  return page;
}

/** Save a screenshot for review under test-results/screenshots/<lang>/<name>.png. */
export async function saveScreenshot(page: Page, lang: string, name: string): Promise<void> {
  // PODIO_SCREENSHOTS=docs/screenshots refreshes the README's pictures from the same tests.
  const dir = process.env.PODIO_SCREENSHOTS ?? 'test-results/screenshots';
  await page.screenshot({ path: `${dir}/${lang}/${name}.png`, fullPage: true });
}

// Faults, lifecycle and security specs: the scheduler's state, its alarm, and every storage area.

interface AlarmsApi {
  alarms: {
    get(name: string): Promise<{ periodInMinutes?: number; scheduledTime: number } | undefined>;
    create(name: string, info: { when: number; periodInMinutes?: number }): Promise<void>;
  };
  action: { setTitle(details: object): Promise<void> };
  storage: Record<'local' | 'sync' | 'session', { get(key: null): Promise<object> }>;
}

/** The sync engine's record in storage.local (`SyncState` in utils/settings.ts). */
export async function syncStateOf(page: Page): Promise<SyncState> {
  return (await localStorageArea(page)).syncState as SyncState;
}

/**
 * Move the periodic sync alarm an hour ahead (same period), so it cannot fire by chance in the
 * middle of a test; `fireAlarm` still fires it on demand.
 */
export async function deferAlarm(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: AlarmsApi };
    const alarm = await chrome.alarms.get('podio-sync');
    await chrome.alarms.create('podio-sync', {
      when: Date.now() + 3_600_000,
      periodInMinutes: alarm?.periodInMinutes ?? 5,
    });
  });
}

/** Poll `read` until `done` holds for its value; throw with `what` after `timeoutMs`. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Fire the sync alarm and wait until its handler has finished: every alarm tick that reaches the
 * sync service ends by redrawing the toolbar button, so count `action.setTitle` calls. A tick that
 * never reaches the service (agent idle) never redraws, and the wait fails rather than passing
 * for the wrong reason. Afterwards the re-armed alarm is deferred again.
 */
export async function fireAlarmAndSettle(worker: Worker): Promise<void> {
  const count = () =>
    worker.evaluate(() => {
      const g = globalThis as unknown as { chrome: AlarmsApi; podioRedraws?: number };
      if (g.podioRedraws === undefined) {
        g.podioRedraws = 0;
        const original = g.chrome.action.setTitle.bind(g.chrome.action);
        g.chrome.action.setTitle = (details: object) => {
          g.podioRedraws! += 1;
          return original(details);
        };
      }
      return g.podioRedraws;
    });
  const before = await count();
  await fireAlarm(worker);
  await waitUntil(count, (n) => n > before, 'the alarm tick to finish');
  await deferAlarm(worker);
}

/** storage.local, storage.sync and storage.session, read from an extension page. */
export function storageAreas(page: Page): Promise<Record<'local' | 'sync' | 'session', object>> {
  return page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: AlarmsApi };
    const [local, sync, session] = await Promise.all([
      chrome.storage.local.get(null),
      chrome.storage.sync.get(null),
      chrome.storage.session.get(null),
    ]);
    return { local, sync, session };
  });
}

/**
 * The stored days as `storedDays` gives them, reading either day layout: ids as an array
 * (IndexedDB v2) or as one comma-joined string (v3). Fold into `storedDays` once it reads v3.
 */

/**
 * Make the stored figures `ageMs` old, from an extension page, and tell open views (and the
 * badge's figures) to redraw, as a sync does after storing views.
 */
export async function ageFigures(page: Page, ageMs: number): Promise<void> {
  await page.evaluate(async (age) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('podio');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const store = db.transaction('meta', 'readwrite').objectStore('meta');
    await new Promise<void>((resolve, reject) => {
      const get = store.get('views');
      get.onsuccess = () => {
        const put = store.put({ ...get.result, computedAt: Date.now() - age }, 'views');
        put.onsuccess = () => resolve();
        put.onerror = () => reject(put.error);
      };
    });
    db.close();
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(v: object): Promise<void> } } };
    };
    await chrome.storage.local.set({ viewsStamp: Date.now() });
  }, ageMs);
}

/**
 * The day before which the latest sync stored days as final (utils/sync/engine.ts): today's, once
 * an hour into it; yesterday's in the first hour after midnight.
 */
export async function finalBefore(page: Page): Promise<string> {
  const { lastSuccessAt } = await syncStateOf(page);
  if (lastSuccessAt === null) throw new Error('no sync has succeeded');
  return dayKeyOf(lastSuccessAt - SETTLE_MS, TIME_ZONE);
}
