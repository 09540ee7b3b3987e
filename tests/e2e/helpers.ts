/** What end-to-end tests do inside the extension: send its messages, read its storage. */
import type { Page, Worker } from '@playwright/test';
import { SERVER, TOKEN } from './fixtures';

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
  return (dump.days as { date: string; final: boolean; ids: string[]; values: number[] }[]).map(
    (d) => ({
      date: d.date,
      final: d.final,
      rows: Object.fromEntries(d.ids.map((id, i) => [id, d.values.slice(i * 7, i * 7 + 7)])),
    }),
  );
}
