import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { periodItem } from '../../utils/settings';
import { registerToolbar, updateToolbar } from '../../utils/toolbar';
import type { PeriodView, Views } from '../../utils/views';
import { catalogue, messages } from './catalogue';

const getViews = vi.hoisted(() => vi.fn<() => Promise<Views | null>>());
vi.mock('../../utils/db', () => ({ getViews }));

const kpis = { points: 1234, hits: 4, calls: 31, ahtSec: 361, acwSec: 13, occupancy: 35 };
const today: PeriodView = {
  period: 'today',
  window: { from: '20250314', to: '20250314' },
  count: 57,
  rank: 6,
  kpis: { ...kpis, loginSec: 3600 },
  movement: -1,
  gapToNext: 10,
  leadOverNext: 3,
  top: [],
  neighbours: [],
};
const viewsWith = (view: PeriodView): Views => ({
  agentId: '101',
  name: 'Me',
  privacy: 'full',
  computedAt: 0,
  today: view,
  week: { ...view, period: 'week' },
  month: { ...view, period: 'month' },
  sparkline: [],
});

/** What the toolbar button was last given. */
function toolbar() {
  const last = <T>(spy: { mock: { calls: T[][] } }) => spy.mock.calls.at(-1)?.[0];
  return {
    badge: last(vi.mocked(fakeBrowser.action.setBadgeText)),
    colour: last(vi.mocked(fakeBrowser.action.setBadgeBackgroundColor)),
    title: last(vi.mocked(fakeBrowser.action.setTitle)),
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  fakeBrowser.reset();
  getViews.mockReset();
  for (const api of ['setBadgeText', 'setBadgeBackgroundColor', 'setTitle'] as const)
    vi.spyOn(fakeBrowser.action, api).mockResolvedValue(undefined);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('es-419');
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(messages(catalogue('es')));
});

describe('the toolbar button', () => {
  it('shows the rank of the chosen period, coloured by movement, with points in its title', async () => {
    getViews.mockResolvedValue(viewsWith(today));
    await updateToolbar();
    expect(toolbar()).toEqual({
      badge: { text: '6' },
      colour: { color: '#b3261e' },
      title: { title: 'Podio: #6 de 57 · 1,234 pts' }, // es-419 groups with commas
    });
  });

  it('says "1 punto", not "1 pts"', async () => {
    getViews.mockResolvedValue(viewsWith({ ...today, kpis: { ...today.kpis, points: 1 } }));
    await updateToolbar();
    expect(toolbar().title).toEqual({ title: 'Podio: #6 de 57 · 1 punto' });
  });

  it('follows the period the popup shows', async () => {
    getViews.mockResolvedValue({
      ...viewsWith(today),
      week: { ...today, period: 'week', rank: 2, movement: 3 },
    });
    await periodItem.setValue('week');
    await updateToolbar();
    expect(toolbar()).toMatchObject({ badge: { text: '2' }, colour: { color: '#1e7b34' } });
  });

  it('is blank, titled Podio, before there are figures', async () => {
    getViews.mockResolvedValue(null);
    await updateToolbar();
    expect(toolbar()).toMatchObject({ badge: { text: '' }, title: { title: 'Podio' } });
  });
});

describe('the toolbar button in Firefox (MV2: browserAction, no action)', () => {
  const action = fakeBrowser.action;
  afterEach(() => {
    Object.assign(fakeBrowser, { action });
  });

  it('draws through browserAction', async () => {
    Object.assign(fakeBrowser, { action: undefined });
    for (const api of ['setBadgeText', 'setBadgeBackgroundColor', 'setTitle'] as const)
      vi.spyOn(fakeBrowser.browserAction, api).mockResolvedValue(undefined);
    getViews.mockResolvedValue(viewsWith(today));
    await updateToolbar();
    expect(fakeBrowser.browserAction.setBadgeText).toHaveBeenLastCalledWith({ text: '6' });
    expect(fakeBrowser.browserAction.setTitle).toHaveBeenLastCalledWith({
      title: 'Podio: #6 de 57 · 1,234 pts',
    });
  });

  it('never rejects, even where no badge API works: "forget everything" awaits it', async () => {
    Object.assign(fakeBrowser, { action: undefined });
    vi.spyOn(fakeBrowser.browserAction, 'setBadgeText').mockRejectedValue(new Error('no badge'));
    getViews.mockResolvedValue(null);
    await expect(updateToolbar()).resolves.toBeUndefined();
    getViews.mockRejectedValue(new Error('database closed'));
    await expect(updateToolbar()).resolves.toBeUndefined();
  });
});

describe('registerToolbar', () => {
  it('draws the stored figures when the background starts, before any change', async () => {
    getViews.mockResolvedValue(viewsWith(today));
    registerToolbar();
    await vi.waitFor(() => expect(toolbar().badge).toEqual({ text: '6' }));
    expect(toolbar().title).toEqual({ title: 'Podio: #6 de 57 · 1,234 pts' });
  });
});
