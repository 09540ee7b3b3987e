/**
 * Helpers of the alerts and history specs: the agent's daily truth computed from the simulator
 * alone (no product code), and small reads of what the extension stored.
 */
import type { Page, Worker } from '@playwright/test';
import { addDays, type Operation } from '../../scripts/simulator';
import { dumpIndexedDb } from './helpers';

declare const chrome: {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(v: object): Promise<void>;
    };
  };
  alarms: {
    get(name: string): Promise<{ scheduledTime: number } | undefined>;
    create(name: string, info: { when: number }): Promise<void>;
  };
  notifications: {
    getAll(): Promise<Record<string, boolean>>;
    clear(id: string): Promise<boolean>;
  };
};

/** Today's rank of every agent on today's board (agents with points or login time). */
export function todayRanks(op: Operation): Map<string, number> {
  const active = op
    .dayStats(op.today())
    .filter(({ stats }) => stats.points > 0 || stats.loginSeconds > 0);
  return new Map(
    active.map(({ agent, stats }) => [
      agent.id,
      1 + active.filter((o) => o.stats.points > stats.points).length,
    ]),
  );
}

/** One day of the agent's record as the history should show it. */
export interface TruthDay {
  date: string;
  points: number;
  loginSeconds: number;
  rank: number;
  count: number;
}

/** The agent's figures and daily rank on `date`: 1 + active agents with more points. */
export function truthDay(op: Operation, me: string, date: string): TruthDay {
  const rows = op.dayStats(date).map(({ agent, stats }) => ({ id: agent.id, ...stats }));
  const active = rows.filter((r) => r.points > 0 || r.loginSeconds > 0);
  const mine = rows.find((r) => r.id === me);
  const points = mine?.points ?? 0;
  const loginSeconds = mine?.loginSeconds ?? 0;
  const meActive = points > 0 || loginSeconds > 0;
  return {
    date,
    points,
    loginSeconds,
    rank: 1 + active.filter((r) => r.id !== me && r.points > points).length,
    count: active.length + (meActive ? 0 : 1),
  };
}

/** Merge `patch` into the stored settings, as the options page does. */
export async function setSettings(page: Page, patch: object): Promise<void> {
  await page.evaluate(async (p) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object), ...p } });
  }, patch);
}

/** One value of storage.local. */
export async function stored<T>(page: Page, key: string): Promise<T | undefined> {
  return page.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key) as Promise<
    T | undefined
  >;
}

/** The views the extension stored (IndexedDB meta 'views'), or null. */
export async function storedViews(page: Page): Promise<{ agentId: string } | null> {
  const meta = (await dumpIndexedDb(page)).meta as Record<string, unknown>[];
  return (meta.find((m) => m && typeof m === 'object' && 'agentId' in m) ?? null) as {
    agentId: string;
  } | null;
}

/** The ids of the notifications Podio has on screen. */
export function notifications(worker: Worker): Promise<Record<string, boolean>> {
  return worker.evaluate(() => chrome.notifications.getAll());
}

/** The one-shot alarm that tells alerts held by the throttle, if one is set. */
export function flushAlarm(worker: Worker): Promise<{ scheduledTime: number } | undefined> {
  return worker.evaluate(() => chrome.alarms.get('podio-alerts'));
}

/** Clear one notification, as the user closing it would. */
export async function clearNotification(worker: Worker, id: string): Promise<void> {
  await worker.evaluate((n) => chrome.notifications.clear(n), id);
}

interface NoteLog {
  __notes?: { id: string; title: string; message: string }[];
}

/**
 * Keep a copy of what each notification says (the browser offers no way to read it back). Must run
 * before Podio's first notification: the polyfill binds `create` on first use.
 */
export async function recordNotifications(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as NoteLog & {
      chrome: { notifications: { create: (...args: unknown[]) => unknown } };
    };
    const api = g.chrome.notifications;
    const create = api.create.bind(api);
    g.__notes = [];
    api.create = (...args: unknown[]) => {
      const [id, opts] = args as [string, { title: string; message: string }];
      g.__notes!.push({ id, title: opts.title, message: opts.message });
      return create(...args);
    };
  });
}

/** The notifications created since `recordNotifications`. */
export function notes(worker: Worker): Promise<{ id: string; title: string; message: string }[]> {
  return worker.evaluate(() => (globalThis as unknown as NoteLog).__notes ?? []);
}

/** Bests and streaks by their definitions, over the stored days, from the simulator's truth. */
export function expectedBests(days: TruthDay[], today: string) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const streak = (ok: (d: TruthDay) => boolean) => {
    let day = byDate.get(today) && ok(byDate.get(today)!) ? today : addDays(today, -1);
    let n = 0;
    while (byDate.get(day) && ok(byDate.get(day)!)) {
      n++;
      day = addDays(day, -1);
    }
    return n;
  };
  const scored = days.filter((d) => d.points > 0);
  const best = scored.reduce<TruthDay | null>((a, d) => (!a || d.points > a.points ? d : a), null);
  const month = scored.filter((d) => d.date.slice(0, 6) === today.slice(0, 6));
  const bestRank = month.reduce<TruthDay | null>((a, d) => (!a || d.rank < a.rank ? d : a), null);
  return {
    best,
    bestRank,
    activity: streak((d) => d.points > 0 || d.loginSeconds > 0),
    top10: streak((d) => d.points > 0 && d.rank <= 10),
  };
}
