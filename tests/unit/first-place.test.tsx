/**
 * First place is said only when it was earned: at 0 points everyone shares #1 (early in the day),
 * and nothing may celebrate that, in the popup, the console badge or the history table.
 */
import { render } from 'preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HistoryTable } from '../../entrypoints/history/Table';
import { RankCard } from '../../components/RankCard';
import { badgeFace, type FaceContext } from '../../utils/badge-face';
import type { HistoryDay } from '../../utils/history';
import type { BoardRow, PeriodView } from '../../utils/views';
import { catalogue, messages } from './catalogue';

const row = (rank: number, points: number, name: string | null, isMe = false): BoardRow => ({
  rank,
  points,
  name,
  isMe,
});
const kpis = { points: 0, hits: 0, calls: 0, ahtSec: 0, acwSec: 0, occupancy: 0, loginSec: 600 };
/** Early in the day: the agent and everyone else at 0 points, all ranked #1. */
const nobodyScored: PeriodView = {
  period: 'today',
  window: { from: '20250314', to: '20250314' },
  count: 40,
  rank: 1,
  kpis,
  movement: null,
  gapToNext: null,
  leadOverNext: null,
  aboveRank: null,
  belowRank: null,
  top: [row(1, 0, 'Ana P.'), row(1, 0, 'Beto R.'), row(1, 0, 'Me', true)],
  neighbours: [row(1, 0, 'Beto R.'), row(1, 0, 'Me', true), row(1, 0, 'Carla D.')],
};
/** First with 120 points, and Beto with as many. */
const tiedFirst: PeriodView = {
  ...nobodyScored,
  kpis: { ...kpis, points: 120 },
  leadOverNext: 30,
  belowRank: 3,
  top: [row(1, 120, 'Beto R.'), row(1, 120, 'Me', true), row(3, 90, 'Ana P.')],
  neighbours: [row(1, 120, 'Beto R.'), row(1, 120, 'Me', true), row(3, 90, 'Ana P.')],
};
/** First alone. */
const aloneFirst: PeriodView = {
  ...tiedFirst,
  top: [row(1, 120, 'Me', true), row(2, 90, 'Ana P.'), row(3, 80, 'Beto R.')],
  neighbours: [row(1, 120, 'Me', true), row(2, 90, 'Ana P.'), row(3, 80, 'Beto R.')],
  belowRank: 2,
};

let root: HTMLElement;
const byId = (id: string) => root.querySelector(`[data-testid="${id}"]`);

describe.each([
  ['en', 'en-US', "You're in first place!", 'You share first place!'],
  ['es', 'es', '¡Vas en primer lugar!', '¡Compartes el primer lugar!'],
  ['pt_BR', 'pt-BR', 'Você está em primeiro lugar!', 'Você divide o primeiro lugar!'],
])('first place in %s', (lang, locale, first, shared) => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(messages(catalogue(lang)));
    root = document.createElement('div');
  });

  it('is not said in the popup at 0 points, shared when tied, plain when alone', () => {
    render(<RankCard view={nobodyScored} locale={locale} />, root);
    expect(byId('rank')?.textContent).toBe('1');
    expect(byId('first-place')).toBeNull();
    expect(root.textContent).not.toContain(first);
    render(<RankCard view={tiedFirst} locale={locale} />, root);
    expect(byId('first-place')?.textContent).toBe(shared);
    render(<RankCard view={aloneFirst} locale={locale} />, root);
    expect(byId('first-place')?.textContent).toBe(first);
  });

  it('is not said on the console badge at 0 points, shared when tied, plain when alone', () => {
    const context: FaceContext = {
      period: 'today',
      locale,
      staleAt: 0,
      day: '20250314',
      dayEnds: 0,
      timeZone: null,
    };
    const lines = (view: PeriodView) => badgeFace(view, context).lines.map((l) => l.text);
    expect(lines(nobodyScored)).toEqual([]);
    expect(lines(tiedFirst)[0]).toBe(shared);
    expect(lines(aloneFirst)[0]).toBe(first);
  });
});

describe('history table', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(messages(catalogue('es')));
    root = document.createElement('div');
  });

  it('gives no rank on a day nobody scored, and the true one on days with or without points', () => {
    const day = (date: string, points: number, rank: number, count: number): HistoryDay => ({
      ...kpis,
      date,
      points,
      rank,
      count,
    });
    const days = [
      day('20250312', 0, 1, 40),
      day('20250313', 0, 31, 40),
      day('20250314', 50, 1, 40),
    ];
    render(<HistoryTable days={days} locale="es" />, root);
    const ranks = [...root.querySelectorAll('[data-testid="history-rank"]')].map(
      (td) => td.textContent,
    );
    // Newest first.
    expect(ranks).toEqual(['#1 de 40', '#31 de 40', '—']);
  });
});
