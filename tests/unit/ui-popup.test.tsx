/**
 * The whole popup, as it reads storage and the stored views: what the footer says without an
 * agent, where the warnings stand, and figures left from before the operation's midnight.
 */
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openPodioDb, resetDbForTests } from '../../utils/db';
import type { PeriodKind } from '../../utils/model';
import {
  DEFAULT_SETTINGS,
  INITIAL_SYNC_STATE,
  periodItem,
  settingsItem,
  syncStateItem,
  type Settings,
  type SyncState,
} from '../../utils/settings';
import type { PeriodView, Views } from '../../utils/views';
import { catalogue, messages } from './catalogue';

const ZONE = 'America/Bogota'; // UTC−5 all year
/** Bogotá's clock on 2026-11-<day> at hh:mm, as epoch ms. */
const at = (day: number, hh: number, mm: number) => Date.UTC(2026, 10, day, hh + 5, mm);

const configured: Settings = {
  ...DEFAULT_SETTINGS,
  server: '0032',
  hasToken: true,
  agentId: '101',
  timeZone: ZONE,
};
const kpis = {
  points: 1234,
  hits: 4,
  calls: 31,
  ahtSec: 361,
  acwSec: 13,
  occupancy: 35,
  loginSec: 25_500,
};
const periodView = (period: PeriodKind, from: string, to: string): PeriodView => ({
  period,
  window: { from, to },
  count: 57,
  rank: 6,
  kpis,
  movement: null,
  gapToNext: 123,
  leadOverNext: 45,
  top: [],
  neighbours: [],
});
/** Figures fetched Monday 23 November at 23:58 in Bogotá. */
const monday: Views = {
  agentId: '101',
  name: 'Me',
  privacy: 'own',
  computedAt: at(23, 23, 58),
  today: periodView('today', '20261123', '20261123'),
  week: periodView('week', '20261123', '20261123'),
  month: periodView('month', '20261101', '20261123'),
  sparkline: [],
};

let root: HTMLElement | undefined;
const byId = (id: string) => root!.querySelector(`[data-testid="${id}"]`);

async function popup(opts: {
  now: number;
  settings?: Settings;
  syncState?: Partial<SyncState>;
  views?: Views | null;
  period?: PeriodKind;
}) {
  vi.setSystemTime(opts.now);
  await settingsItem.setValue(opts.settings ?? configured);
  await syncStateItem.setValue({ ...INITIAL_SYNC_STATE, ...opts.syncState });
  await periodItem.setValue(opts.period ?? 'today');
  if (opts.views) await (await openPodioDb()).put('meta', opts.views, 'views');
  // Imported once the catalogue answers: the popup reads its locale when it loads.
  const { App } = await import('../../entrypoints/popup/App');
  unmount();
  root = document.createElement('div');
  document.body.append(root);
  render(<App />, root);
  await vi.waitFor(() => expect(byId('last-updated')).not.toBeNull());
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  fakeBrowser.reset();
  resetDbForTests();
  globalThis.indexedDB = new IDBFactory();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(messages(catalogue('en')));
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
});

function unmount() {
  if (!root) return;
  render(null, root);
  root.remove();
}

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

describe('popup', () => {
  it('says when the last sync succeeded, before an agent is chosen', async () => {
    const now = at(24, 10, 0);
    await popup({
      now,
      settings: { ...configured, agentId: null },
      syncState: { lastSuccessAt: now - 2 * 60_000 },
    });
    expect(byId('state-no-agent')).not.toBeNull();
    expect(byId('last-updated')?.textContent).toBe('Updated 2 minutes ago');
  });

  it('puts the out-of-date and missing-days warnings above the figures, not in the footer', async () => {
    await popup({
      now: at(24, 0, 58), // an hour after the fetch: out of date
      views: monday,
      syncState: { lastSuccessAt: monday.computedAt, pastMissing: ['20261103', '20261104'] },
      period: 'month',
    });
    const rank = byId('rank')!;
    for (const id of ['stale', 'missing-days']) {
      const warning = byId(id)!;
      expect(warning.closest('footer')).toBeNull();
      expect(warning.compareDocumentPosition(rank) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    expect(byId('missing-days')?.textContent).toMatch(/^2 days of this period are missing/);
    expect(byId('refresh')?.closest('footer')).not.toBeNull();
  });

  it.each([
    [
      'today',
      at(24, 0, 3),
      "These figures are from Mon, Nov 23: today's arrive with the next update.",
    ],
    [
      'week',
      at(30, 0, 3), // Monday 30: a new week
      "These figures are for the week up to Mon, Nov 23: this week's arrive with the next update.",
    ],
    [
      'month',
      at(31, 0, 3), // 1 December
      "These figures are for the month up to Mon, Nov 23: this month's arrive with the next update.",
    ],
  ] as const)(
    'labels the %s figures with their day once it is over, not before',
    async (period, after, text) => {
      const syncState = { lastSuccessAt: monday.computedAt };
      await popup({ now: at(23, 23, 59), views: monday, syncState, period });
      expect(byId('past-figures')).toBeNull();
      await popup({ now: after, views: monday, syncState, period });
      expect(byId('past-figures')?.textContent).toBe(text);
      expect(byId('rank')?.textContent).toBe('6');
    },
  );

  it('keeps the week and the month current after a midnight that starts neither', async () => {
    for (const [period, past] of [
      ['today', true],
      ['week', false],
      ['month', false],
    ] as const) {
      await popup({ now: at(24, 0, 3), views: monday, period });
      expect(byId('rank')?.textContent).toBe('6');
      expect(byId('past-figures') !== null).toBe(past);
    }
  });
});
