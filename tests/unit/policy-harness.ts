/**
 * A policy as the background meets it, for tests: the real handlers, policy enforcement, sync
 * queue, engine and stores, with wolkvox faked at fetch (two operations on their own servers).
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetDbForTests } from '../../utils/db';
import { createHandlers, watchSettings } from '../../utils/handlers';
import { enforcePolicy, registerPolicy } from '../../utils/managed';
import type { RequestType } from '../../utils/messages';
import { eachDay } from '../../utils/periods';
import { route } from '../../utils/router';
import {
  DEFAULT_SETTINGS,
  INITIAL_SYNC_STATE,
  settingsItem,
  syncStateItem,
  type SyncState,
} from '../../utils/settings';
import { createSyncEngine, type SyncOutcome } from '../../utils/sync/engine';
import { createSyncService } from '../../utils/sync/service';
import { browserStore } from '../../utils/sync/store';
import { saveToken } from '../../utils/vault';

// Tuesday 24 November 2026, 15:30 UTC.
export const NOW = Date.UTC(2026, 10, 24, 15, 30);
export const DAY = 24 * 60 * 60_000;

/** Two operations on their own servers; only the listed token opens each. */
const OPERATIONS: Record<string, { token: string; names: string[]; firstId: number }> = {
  'wv0032.wolkvox.com': { token: 'new-token', names: ['Ana Ruiz', 'Luis Mora'], firstId: 1001 },
  'wv0077.wolkvox.com': {
    token: 'token-77',
    names: ['Eva Paz', 'Juan Gil', 'Rosa Vid'],
    firstId: 2001,
  },
};
const STAT = { hits: '1', calls: '20', aht_time: '00:05:00', acw_time: '00:00:10' };
const MORE = { occupancy: '40 %', login_time: '08:00:00' };

/** wolkvox's agents_kpi as documented; a token other than the operation's is refused. */
function fakeWolkvox() {
  const calls: { host: string; token: string | null; from: string; to: string }[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const url = new URL(String(input));
    const token = new Headers(init?.headers).get('wolkvox-token');
    const [from, to] = ['date_ini', 'date_end'].map((k) => url.searchParams.get(k)!.slice(0, 8));
    calls.push({ host: url.host, token, from: from!, to: to! });
    const op = OPERATIONS[url.host];
    if (!op || token !== op.token) {
      const body = { code: '403', error: 'PLEASE VALIDATE TOKEN', msg: null };
      return new Response(JSON.stringify(body), { status: 403 });
    }
    const days = eachDay({ from: from!, to: to! }).reverse();
    const data = op.names.map((name, i) => ({
      agent_id: String(op.firstId + i),
      agent_name: name,
      agent_dni: '1234567890',
      stats: days.map((date) => ({ date, points: String(100 * (i + 1)), ...STAT, ...MORE })),
    }));
    const msg = `${data.length * days.length} records were found`;
    return new Response(JSON.stringify({ code: '200', error: null, msg, data }), { status: 200 });
  });
  return { fetch, calls };
}

export let api: ReturnType<typeof fakeWolkvox>;
export let sync: ReturnType<typeof createSyncService>;
export let handlers: ReturnType<typeof createHandlers>;
export let outcomes: SyncOutcome[];

/** The background's main, as entrypoints/background/index.ts wires it. */
export function startBackground() {
  api = fakeWolkvox();
  outcomes = [];
  const engine = createSyncEngine({
    store: browserStore(),
    fetch: api.fetch,
    now: Date.now,
    random: () => 0.5,
    sleep: async () => undefined,
  });
  sync = createSyncService(engine, (outcome) => outcomes.push(outcome));
  registerPolicy();
  handlers = createHandlers(sync, async () => undefined);
  watchSettings(async () => undefined, sync.exclusive);
}

/** A request from an extension page (the popup, the settings page), as the router passes it on. */
export const ask = (type: RequestType) => route({ type }, 'extension-page', handlers);

/** Wait until enforcement and the sync queue are both idle. */
export async function settle() {
  for (let i = 0; i < 5; i++) {
    await enforcePolicy();
    await sync.exclusive(async () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** A browser already set up for operation 0032 under a policy, with `state` as syncs left it. */
export async function configuredFor0032(policyToken: string, state: Partial<SyncState> = {}) {
  const policy = { server: '0032', token: policyToken, agentIdRule: 'fixed:1001' };
  await fakeBrowser.storage.managed.set(policy);
  await saveToken(policyToken);
  await settingsItem.setValue({
    ...DEFAULT_SETTINGS,
    server: '0032',
    hasToken: true,
    agentId: '1001',
  });
  await syncStateItem.setValue({ ...INITIAL_SYNC_STATE, ...state });
  startBackground();
  await settle();
  return policy;
}

/** Each test starts on a fresh browser at NOW, and ends with the queue idle. */
export function usePolicyHarness(): void {
  beforeEach(() => {
    fakeBrowser.reset();
    resetDbForTests();
    globalThis.indexedDB = new IDBFactory();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(async () => {
    await settle();
    vi.useRealTimers();
  });
}
