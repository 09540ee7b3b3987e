/**
 * A policy as the background meets it: the real handlers, policy enforcement, sync queue, engine
 * and stores, with wolkvox faked at fetch. What is checked is what the agent would see (the list
 * to choose from, figures, the alarm) and what wolkvox would receive.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listAgents, resetDbForTests } from '../../utils/db';
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
import { ALARM, ensureAlarm } from '../../utils/sync/scheduler';
import { createSyncService } from '../../utils/sync/service';
import { browserStore } from '../../utils/sync/store';
import { saveToken } from '../../utils/vault';

// Tuesday 24 November 2026, 15:30 UTC.
const NOW = Date.UTC(2026, 10, 24, 15, 30);
const DAY = 24 * 60 * 60_000;

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

let api: ReturnType<typeof fakeWolkvox>;
let sync: ReturnType<typeof createSyncService>;
let handlers: ReturnType<typeof createHandlers>;
let outcomes: SyncOutcome[];

/** The background's main, as entrypoints/background/index.ts wires it. */
function startBackground() {
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
const ask = (type: RequestType) => route({ type }, 'extension-page', handlers);

/** Wait until enforcement and the sync queue are both idle. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await enforcePolicy();
    await sync.exclusive(async () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** A browser already set up for operation 0032 under a policy, with `state` as syncs left it. */
async function configuredFor0032(policyToken: string, state: Partial<SyncState> = {}) {
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

describe('a policy fix restarts a browser that stopped', () => {
  const badToken = { kind: 'bad-token', at: NOW - DAY, status: 403 } as const;
  it.each<[string, Partial<SyncState>]>([
    ['stopped on a rejected token', { stoppedFor: 'bad-token', lastError: badToken }],
    ['paused on the daily limit', { pausedUntil: NOW + DAY / 2 }],
    ['backing off', { backoffUntil: NOW + DAY / 4, backoffLevel: 5 }],
  ])('%s: the new token syncs at once, and later syncs go ahead', async (_, state) => {
    const policy = await configuredFor0032('revoked-token', state);
    expect(api.calls).toEqual([]);

    await fakeBrowser.storage.managed.set({ ...policy, token: 'new-token' });
    await settle();

    expect(api.calls.length).toBeGreaterThan(0);
    expect(api.calls.every((call) => call.token === 'new-token')).toBe(true);
    expect(await syncStateItem.getValue()).toMatchObject({
      stoppedFor: null,
      pausedUntil: null,
      backoffUntil: null,
      lastSuccessAt: NOW,
    });
    // "Refresh now" and the alarm no longer meet the old refusal.
    expect(await ask('syncNow')).toMatchObject({ ok: true });
    expect(await sync.tick()).toMatchObject({ status: 'ok' });
  });

  it('restarts once, however many times the policy is enforced meanwhile', async () => {
    const policy = await configuredFor0032('revoked-token', { stoppedFor: 'bad-token' });
    await fakeBrowser.storage.managed.set({ ...policy, token: 'new-token' });
    await Promise.all([
      enforcePolicy(),
      enforcePolicy(),
      settingsItem.setValue(await settingsItem.getValue()),
    ]);
    await settle();
    expect(outcomes).toHaveLength(1);
  });
});

describe('a policy that leaves agents to choose themselves', () => {
  it('loads the list they choose from, with nobody pressing "Save and test"', async () => {
    await fakeBrowser.storage.managed.set({
      server: 'wv0032.wolkvox.com',
      token: 'new-token',
      agentIdRule: 'none',
      lockedSettings: ['server', 'token'],
    });
    startBackground();
    await settle();

    expect((await listAgents()).map((agent) => agent.name).sort()).toEqual([
      'Ana Ruiz',
      'Luis Mora',
    ]);
    expect(await settingsItem.getValue()).toMatchObject({ server: '0032', agentId: null });
  });
});

describe('a policy that moves to another server', () => {
  it.each([
    ['none', null],
    ['fixed:2002', '2002'],
  ])(
    'with agentIdRule %j: the old operation is forgotten and the new one fetched whole',
    async (rule, agentId) => {
      const policy = await configuredFor0032('new-token');
      await ask('syncNow');
      expect((await listAgents()).map((agent) => agent.name)).toContain('Ana Ruiz');
      api.calls.length = 0;

      await fakeBrowser.storage.managed.set({
        ...policy,
        server: '0077',
        token: 'token-77',
        agentIdRule: rule,
      });
      await settle();

      expect(await settingsItem.getValue()).toMatchObject({ server: '0077', agentId });
      expect((await listAgents()).map((agent) => agent.name).sort()).toEqual([
        'Eva Paz',
        'Juan Gil',
        'Rosa Vid',
      ]);
      // The past days stored from 0032 were final there; 0077's are asked for all the same.
      expect(api.calls.every((call) => call.host === 'wv0077.wolkvox.com')).toBe(true);
      expect(api.calls.some((call) => call.to < '20261124')).toBe(true);
      expect((await syncStateItem.getValue()).agentCount).toBe(3);
    },
  );
});

describe('the sync alarm under a policy', () => {
  it('is there again after "forget everything" when the policy completes the settings', async () => {
    await configuredFor0032('new-token');
    await ensureAlarm(); // as the scheduler does when the background starts
    expect(await fakeBrowser.alarms.get(ALARM)).toBeDefined();

    await ask('forgetEverything');
    await settle();

    expect(await settingsItem.getValue()).toMatchObject({ server: '0032', agentId: '1001' });
    expect(await fakeBrowser.alarms.get(ALARM)).toBeDefined();
  });

  it('is armed as soon as settings become complete, e.g. when the agent chooses themselves', async () => {
    startBackground();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, server: '0032', hasToken: true });
    await settle();
    expect(await fakeBrowser.alarms.get(ALARM)).toBeUndefined();

    await settingsItem.setValue({ ...(await settingsItem.getValue()), agentId: '1001' });
    await settle();
    expect(await fakeBrowser.alarms.get(ALARM)).toBeDefined();
  });
});
