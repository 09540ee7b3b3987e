import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readBadge, refreshBadgeCache, registerBadgeCache } from '../../utils/badge-cache';
import { badgeFace, type BadgeFaceRecord, type FaceContext } from '../../utils/badge-face';
import { rebuildStored, resetDbForTests } from '../../utils/db';
import {
  DEFAULT_SETTINGS,
  badgeFaceItem,
  periodItem,
  settingsItem,
  viewsStampItem,
} from '../../utils/settings';
import type { BoardRow, PeriodView, Views } from '../../utils/views';
import { catalogue, messages } from './catalogue';

const en = catalogue('en');

const NOW = Date.UTC(2025, 2, 14, 15, 0); // 10:00 in Bogotá
const row = (rank: number, points: number, name: string | null, isMe = false): BoardRow => ({
  rank,
  points,
  name,
  isMe,
});
const kpis = { points: 1234, hits: 4, calls: 31, ahtSec: 361, acwSec: 13, occupancy: 35 };
const view: PeriodView = {
  period: 'today',
  window: { from: '20250314', to: '20250314' },
  count: 57,
  rank: 6,
  kpis: { ...kpis, loginSec: 25_500 },
  movement: -1,
  gapToNext: 123,
  leadOverNext: 45,
  aboveRank: 5,
  belowRank: 7,
  top: [row(1, 3000, 'Ana Pérez')],
  neighbours: [
    row(4, 1500, 'Beto Ruiz'),
    row(5, 1356, 'Carla Díaz'),
    row(6, 1234, 'Me Myself', true),
    row(7, 1189, null),
  ],
};
const views: Views = {
  agentId: '101',
  name: 'Me Myself',
  privacy: 'full',
  computedAt: NOW - 60_000,
  today: view,
  week: { ...view, period: 'week', rank: 1, gapToNext: null, movement: null },
  month: { ...view, period: 'month' },
  sparkline: [],
};
const context: FaceContext = {
  period: 'today',
  locale: 'en-US',
  staleAt: NOW,
  day: '20250314',
  dayEnds: NOW + 1,
  timeZone: null,
};
/** The stored face, read raw as the badge reads it. */
const stored = async () =>
  (await fakeBrowser.storage.local.get('badgeFace')).badgeFace as BadgeFaceRecord | undefined;
const configured = { ...DEFAULT_SETTINGS, server: '0032', hasToken: true, agentId: '101' };
/** Store the views as a rebuild for a settings change does (no window, boards kept). */
const storeViews = (stored: Views) =>
  rebuildStored({ keepFrom: '20250101', today: '20250314', last: null, saveBoards: false }, () => ({
    boards: [],
    views: stored,
  }));

beforeEach(async () => {
  fakeBrowser.reset();
  resetDbForTests();
  globalThis.indexedDB = new IDBFactory();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(messages(en));
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  await settingsItem.setValue({ ...configured, timeZone: 'America/Bogota' });
});

describe('badgeFace', () => {
  it('writes every figure and word the badge shows', () => {
    const face = badgeFace(view, context);
    expect(face).toMatchObject({
      rank: 6,
      points: '1,234',
      move: '▼1',
      trend: 'neg',
      text: {
        unit: 'pts',
        summary: 'Podio: rank 6 of 57, 1,234 points. Show details.',
        head: 'Today · #6 of 57',
        stale: 'Figures out of date',
      },
      lines: [
        { id: 'badge-gap', text: '123 pts to pass #5' },
        { id: 'badge-lead', text: '45 pts ahead of #7' },
      ],
    });
    expect(face.rows.map((r) => [r.rank, r.name, r.points, r.me])).toEqual([
      [4, 'Beto Ruiz', '1,500', false],
      [5, 'Carla Díaz', '1,356', false],
      [6, 'Me Myself', '1,234', true],
      [7, 'Agent at #7', '1,189', false],
    ]);
  });

  it.each([
    ['en', '2 pts to pass #5', '1 point ahead of #7', 'point', 'Podio: rank 6 of 57, 1 point.'],
    [
      'es',
      '2 pts para pasar al #5',
      '1 punto de ventaja sobre el #7',
      'punto',
      'Podio: puesto 6 de 57, 1 punto.',
    ],
    [
      'pt_BR',
      '2 pts para passar o #5',
      '1 ponto à frente do #7',
      'ponto',
      'Podio: posição 6 de 57, 1 ponto.',
    ],
  ])('%s: one point is "1 point", not "1 pts"', (lang, gap, lead, unit, summary) => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(messages(catalogue(lang)));
    // A gap is never 1 (passing takes the points between us plus one); a lead can be.
    const close = { ...view, kpis: { ...view.kpis, points: 1 }, gapToNext: 2, leadOverNext: 1 };
    const face = badgeFace(close, context);
    expect(face.lines.map((l) => l.text)).toEqual([gap, lead]);
    expect(face.text.unit).toBe(unit);
    expect(face.text.summary).toContain(summary);
  });

  it('says first place, and shows no movement without a baseline', () => {
    const first = { ...view, rank: 1, gapToNext: null, leadOverNext: null, movement: null };
    const face = badgeFace(first, context);
    expect(face.lines).toEqual([{ text: "You're in first place!" }]);
    expect([face.move, face.trend]).toEqual(['', '']);
  });

  it('holds only what the badge shows: no id, no other figures, no top three', () => {
    const json = JSON.stringify(badgeFace(view, context));
    for (const hidden of ['101', 'Ana Pérez', '25500', '361', 'kpis', 'window']) {
      expect(json).not.toContain(hidden);
    }
  });
});

describe('readBadge', () => {
  it('has no face without figures, or with the badge turned off', async () => {
    expect((await readBadge()).face).toBeNull();
    await storeViews(views);
    expect((await readBadge()).face?.rank).toBe(6);
    await settingsItem.setValue({ ...configured, badgeEnabled: false });
    expect(await readBadge()).toEqual({ face: null });
  });

  it('dates the face in the operation’s zone and marks when its figures turn stale', async () => {
    await storeViews(views);
    const { face } = await readBadge();
    // Three intervals of five minutes after the fetch; the day ends at midnight in Bogotá.
    expect(face).toMatchObject({
      staleAt: NOW - 60_000 + 15 * 60_000,
      day: '20250314',
      dayEnds: Date.UTC(2025, 2, 15, 5, 0),
      timeZone: 'America/Bogota',
    });
  });

  it('answers the console only the face: no colleague the privacy setting hides, no raw view', async () => {
    await storeViews(views);
    await settingsItem.setValue({ ...configured, privacy: 'own' });
    const reply = await readBadge();
    expect(Object.keys(reply)).toEqual(['face']);
    const json = JSON.stringify(reply);
    for (const hidden of ['Ana Pérez', 'Beto Ruiz', 'Carla Díaz', '25500']) {
      expect(json).not.toContain(hidden);
    }
  });

  it('lists no colleague while the views are still built for another privacy setting', async () => {
    await storeViews(views);
    await settingsItem.setValue({ ...configured, privacy: 'own' });
    const { face } = await readBadge();
    expect(face?.rows.map((r) => r.name)).toEqual(['Me Myself']);
  });
});

describe('the stored face', () => {
  it('follows new figures, the chosen period and the settings', async () => {
    registerBadgeCache();
    await storeViews(views);
    await viewsStampItem.setValue(NOW);
    await vi.waitFor(async () =>
      expect((await stored())?.face?.text.head).toBe('Today · #6 of 57'),
    );

    await periodItem.setValue('week');
    await vi.waitFor(async () =>
      expect((await stored())?.face?.text.head).toBe('This week · #1 of 57'),
    );

    await settingsItem.setValue({ ...configured, badgeEnabled: false });
    await vi.waitFor(async () => expect(await stored()).toEqual({ lang: 'en-US', face: null }));
  });

  it('is rewritten in the browser’s language when the browser starts', async () => {
    registerBadgeCache();
    await storeViews(views);
    await refreshBadgeCache();
    expect((await stored())?.lang).toBe('en-US');

    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(messages(catalogue('es')));
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('es');
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect((await stored())?.lang).toBe('es'));
    const record = await badgeFaceItem.getValue();
    expect(record?.face?.points).toBe('1.234');
    expect(record?.face?.text.head).toBe('Hoy · #6 de 57');
  });

  it('keeps the last change when rewrites overlap', async () => {
    await storeViews(views);
    const first = refreshBadgeCache();
    await periodItem.setValue('month');
    await Promise.all([first, refreshBadgeCache()]);
    expect((await stored())?.face?.text.head).toBe('This month · #6 of 57');
  });
});
