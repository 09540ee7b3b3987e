/**
 * A policy as the background meets it: the real handlers, policy enforcement, sync queue, engine
 * and stores, with wolkvox faked at fetch (tests/unit/policy-harness.ts). What is checked is what
 * the agent would see (the list to choose from, figures, the alarm) and what wolkvox would receive.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listAgents } from '../../utils/db';
import { enforcePolicy } from '../../utils/managed';
import {
  DEFAULT_SETTINGS,
  settingsItem,
  syncStateItem,
  type SyncState,
} from '../../utils/settings';
import { ALARM, ensureAlarm } from '../../utils/sync/scheduler';
import {
  api,
  ask,
  configuredFor0032,
  DAY,
  NOW,
  outcomes,
  settle,
  startBackground,
  sync,
  usePolicyHarness,
} from './policy-harness';

usePolicyHarness();

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
