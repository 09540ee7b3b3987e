import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import schema from '../../public/managed_schema.json';
import { resetDbForTests } from '../../utils/db';
import { enforcePolicy, managedNames, parsePolicy } from '../../utils/managed';
import { managedItem } from '../../utils/settings';
import { loadToken } from '../../utils/vault';

beforeEach(() => {
  fakeBrowser.reset();
  resetDbForTests();
  globalThis.indexedDB = new IDBFactory();
});

describe('a policy token', () => {
  it.each([
    ['\u200Bdemo-token', 'demo-token'],
    ['demo\u200B-token\u2060', 'demo-token'],
    // Full-width letters from an IME, as a paste into the form would bring them.
    ['ｄｅｍｏ－ｔｏｋｅｎ', 'demo-token'],
  ])('%j is cleaned as the settings form cleans a paste: %j', (raw, token) => {
    expect(parsePolicy({ token: raw }).token).toBe(token);
  });

  it.each(['\u200B', 'demo token', 'tokén', 'tok\nen'])(
    '%j is no token a header can carry: ignored',
    (raw) => {
      expect(parsePolicy({ token: raw }).token).toBeUndefined();
    },
  );

  it('reaches the vault cleaned, so the syncs send what "Save and test" sends', async () => {
    await fakeBrowser.storage.managed.set({ server: '0032', token: '\u200Bdemo-token\u200B' });
    await enforcePolicy();
    expect(await loadToken()).toBe('demo-token');
  });
});

describe('locked settings', () => {
  const everything = ['server', 'token', 'agentId', 'privacy', 'timeZone'];

  it('lock server, token and agent only when the policy gives them a valid value', () => {
    // Locked and empty, the agent could never set Podio up.
    expect(managedNames(parsePolicy({ lockedSettings: everything }))).toEqual([
      'timeZone',
      'privacy',
    ]);
    const invalid = { server: 'evil.example', token: '\u200B', agentIdRule: 'none' };
    expect(managedNames(parsePolicy({ ...invalid, lockedSettings: everything }))).toEqual([
      'timeZone',
      'privacy',
    ]);
    const valid = { server: 'wv0032.wolkvox.com', token: 'demo-token', agentIdRule: 'fixed:12' };
    expect(parsePolicy({ ...valid, lockedSettings: everything }).locked).toEqual([
      'server',
      'token',
      'agentId',
      'timeZone',
      'privacy',
    ]);
  });

  it('are what the settings page shows as the organisation’s', async () => {
    await fakeBrowser.storage.managed.set({ agentIdRule: 'none', lockedSettings: everything });
    await enforcePolicy();
    expect(await managedItem.getValue()).toEqual(['timeZone', 'privacy']);
  });
});

describe('the managed schema Chrome checks policies against', () => {
  const { properties } = schema as {
    properties: Record<string, { pattern?: string; items?: { enum?: string[] } }>;
  };
  /** Chrome reads patterns with RE2, whose leading (?is) JavaScript takes as flags. */
  const compile = (pattern: string) => {
    const flags = /^\(\?([a-z]+)\)/.exec(pattern);
    return new RegExp(pattern.slice(flags?.[0].length ?? 0), flags?.[1] ?? '');
  };

  it.each(['\u200b0032', '００３２', 'wv0032.wolkvox.com\u200e', '0032\u00a0'])(
    'server %j, as a copy from a chat brings it: no pattern refuses it, and Podio reads it',
    (server) => {
      // RE2's \s is ASCII only, and a pattern cannot clean: Podio checks the server itself.
      expect(properties.server!.pattern).toBeUndefined();
      expect(parsePolicy({ server }).server).toBe('0032');
    },
  );

  it.each([
    ['none', true],
    ['fixed:12999', true],
    [' fixed:12999 ', true],
    ['fixed:', false],
    ['fixed:12a', false],
    ['fixed: 12', false],
    ['anyone', false],
  ])('agentIdRule %j is accepted: %s', (rule, ok) => {
    expect(compile(properties.agentIdRule!.pattern!).test(rule)).toBe(ok);
    if (ok && rule.includes('fixed'))
      expect(parsePolicy({ agentIdRule: rule }).agentId).toBe('12999');
  });

  it('a typo in lockedSettings costs that lock only, not the whole list', async () => {
    // No enum in the schema: Chrome would reject the whole list for one unknown name.
    expect(properties.lockedSettings!.items!.enum).toBeUndefined();
    await fakeBrowser.storage.managed.set({ lockedSettings: ['Server', 'privacy', 'interval'] });
    await enforcePolicy();
    expect(await managedItem.getValue()).toEqual(['privacy']);
  });
});
