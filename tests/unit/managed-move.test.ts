/**
 * A policy that moves Podio to another operation's server while syncs keep coming: no sync may
 * read the new server beside the old operation's stored figures (tests/unit/policy-harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getViews } from '../../utils/db';
import { settingsItem } from '../../utils/settings';
import { api, ask, configuredFor0032, settle, sync, usePolicyHarness } from './policy-harness';

usePolicyHarness();

describe('a policy that moves to another server, with a sync asked at that moment', () => {
  it('runs no sync of the new server over the old operation’s figures', async () => {
    const policy = await configuredFor0032('new-token');
    await ask('syncNow');
    api.calls.length = 0;
    // A tick (or "Refresh now") the very moment the new server is in the settings.
    settingsItem.watch((next, prev) => {
      if (next?.server === '0077' && prev?.server !== '0077') void sync.tick();
    });

    await fakeBrowser.storage.managed.set({
      ...policy,
      server: '0077',
      token: 'token-77',
      agentIdRule: 'fixed:2002',
    });
    await settle();

    // Before, that tick ran on its own ahead of the reset: it asked 0077 for today alone (0032's
    // past days were stored final) and ranked it beside 0032's month. Now the first sync of 0077
    // asks for its past days right after today, and any later one comes after it.
    const firstPast = api.calls.findIndex((call) => call.to < '20261124');
    expect(firstPast).toBe(1);
    expect(api.calls[0]).toEqual({
      host: 'wv0077.wolkvox.com',
      token: 'token-77',
      from: '20261124',
      to: '20261124',
    });
    const names = (await getViews())?.month.top.map((row) => row.name);
    expect(names).toEqual(['Rosa Vid', 'Juan Gil', 'Eva Paz']);
  });
});
