import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BadgeReply, SyncReply } from '../../utils/messages';
import { registerRouter, route, senderKind, type Handlers } from '../../utils/router';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const BADGE: BadgeReply = { face: null };
const SYNCED: SyncReply = { ok: true, agentCount: 3, at: 1 };
const REFUSED = { ok: false, error: 'refused' };

function handlers() {
  return {
    getBadge: vi.fn(async () => BADGE),
    syncNow: vi.fn(async () => SYNCED),
    saveConnection: vi.fn(async () => SYNCED),
    forgetEverything: vi.fn(async () => ({ ok: true as const })),
  } satisfies Handlers;
}
type Spies = ReturnType<typeof handlers>;
const calls = (h: Spies) => Object.values(h).reduce((n, fn) => n + fn.mock.calls.length, 0);

const popup: Runtime.MessageSender = { id: ID, url: `${ORIGIN}popup.html` };
const optionsInTab: Runtime.MessageSender = {
  id: ID,
  url: `${ORIGIN}options.html`,
  tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
};
const badge: Runtime.MessageSender = {
  id: ID,
  url: 'https://agentbox.wolkvox.com/',
  tab: { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
};

describe('senderKind', () => {
  it.each<[string, Runtime.MessageSender, string]>([
    ['the popup', popup, 'extension-page'],
    ['the options page opened in a tab', optionsInTab, 'extension-page'],
    ['the console badge (content script)', badge, 'content-script'],
    ['another extension', { ...popup, id: 'otherextensionidotherextensionid' }, 'foreign'],
    ['another extension, even from its own tab', { ...badge, id: 'other' }, 'foreign'],
    ['no id at all (a web page via externally_connectable)', { url: badge.url }, 'foreign'],
    ['our id, no tab and no extension URL', { id: ID, url: 'https://evil.example/' }, 'foreign'],
    ['our id, no URL and no tab', { id: ID }, 'foreign'],
    [
      'a page of another extension whose origin shares our prefix',
      { id: ID, url: `chrome-extension://${ID}x/popup.html`, tab: badge.tab },
      'content-script',
    ],
  ])('%s → %s', (_label, sender, kind) => {
    expect(senderKind(sender, ID, ORIGIN)).toBe(kind);
  });
});

describe('route', () => {
  it('ignores foreign senders without calling any handler (no answer at all)', () => {
    const h = handlers();
    for (const type of ['getBadge', 'syncNow', 'saveConnection', 'forgetEverything']) {
      expect(route({ type }, 'foreign', h)).toBeUndefined();
    }
    expect(calls(h)).toBe(0);
  });

  it('ignores messages that are not requests', () => {
    const h = handlers();
    for (const message of [null, undefined, 'getBadge', 42, [], {}, { type: 3 }]) {
      expect(route(message, 'extension-page', h)).toBeUndefined();
    }
    expect(calls(h)).toBe(0);
  });

  it('lets a content script ask for its badge', async () => {
    const h = handlers();
    await expect(route({ type: 'getBadge' }, 'content-script', h)).resolves.toEqual(BADGE);
    expect(h.getBadge).toHaveBeenCalledTimes(1);
  });

  it.each(['syncNow', 'saveConnection', 'forgetEverything'])(
    'refuses %s from a content script without calling its handler',
    async (type) => {
      const h = handlers();
      const message = { type, server: '0032', token: 'stolen?' };
      await expect(route(message, 'content-script', h)).resolves.toEqual(REFUSED);
      expect(calls(h)).toBe(0);
    },
  );

  it.each(['nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty'])(
    'refuses the unknown type %s from anyone who may ask',
    async (type) => {
      const h = handlers();
      await expect(route({ type }, 'extension-page', h)).resolves.toEqual(REFUSED);
      await expect(route({ type }, 'content-script', h)).resolves.toEqual(REFUSED);
      expect(calls(h)).toBe(0);
    },
  );

  it('lets extension pages call every request, with the message as sent', async () => {
    const h = handlers();
    await expect(route({ type: 'getBadge' }, 'extension-page', h)).resolves.toEqual(BADGE);
    await expect(route({ type: 'syncNow' }, 'extension-page', h)).resolves.toEqual(SYNCED);
    const save = { type: 'saveConnection', server: '0032', token: 't' };
    await expect(route(save, 'extension-page', h)).resolves.toEqual(SYNCED);
    await expect(route({ type: 'forgetEverything' }, 'extension-page', h)).resolves.toEqual({
      ok: true,
    });
    expect(h.saveConnection).toHaveBeenCalledWith(save);
    for (const fn of Object.values(h)) expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('registerRouter', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('answers the browser-stamped senders as route decides', async () => {
    const h = handlers();
    registerRouter(h);
    const id = fakeBrowser.runtime.id;
    const origin = fakeBrowser.runtime.getURL('/');
    const trigger = (message: unknown, sender: Runtime.MessageSender) =>
      fakeBrowser.runtime.onMessage.trigger(message, sender);

    expect(
      await trigger({ type: 'forgetEverything' }, { id, url: `${origin}options.html` }),
    ).toEqual([{ ok: true }]);
    expect(await trigger({ type: 'syncNow' }, { ...badge, id })).toEqual([REFUSED]);
    expect(await trigger({ type: 'getBadge' }, { ...badge, id })).toEqual([BADGE]);
    expect(await trigger({ type: 'forgetEverything' }, { ...popup, id: 'someone-else' })).toEqual([
      undefined,
    ]);
    expect(h.forgetEverything).toHaveBeenCalledTimes(1);
    expect(h.syncNow).not.toHaveBeenCalled();
    expect(h.getBadge).toHaveBeenCalledTimes(1);
  });
});
