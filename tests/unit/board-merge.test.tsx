/**
 * The popup's short leaderboard built from real day records: tied rows that look alike under the
 * privacy setting are all listed, and "…" stands wherever places are left out.
 */
import { render } from 'preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Leaderboard } from '../../components/Leaderboard';
import { toDayRecord } from '../../utils/db';
import { mergeBoard } from '../../utils/format';
import { buildBoardsAndViews } from '../../utils/leaderboard';
import type { PrivacyMode } from '../../utils/model';
import type { BoardRow } from '../../utils/views';
import { catalogue, messages } from './catalogue';

const TODAY = '20261124';

/** Today's leaderboard as the popup draws it, one line per row or gap. */
function shown(
  points: Record<string, number>,
  names: Record<string, string>,
  privacy: PrivacyMode,
) {
  const rows = Object.entries(points).map(([agentId, p]) => ({
    agentId,
    date: TODAY,
    points: p,
    hits: 0,
    calls: 10,
    ahtSec: 0,
    acwSec: 0,
    occupancy: 0,
    loginSec: 3_600,
  }));
  const { views } = buildBoardsAndViews({
    days: [toDayRecord(TODAY, rows, false, 0)],
    names: new Map(Object.entries(names)),
    today: TODAY,
    meId: 'me',
    privacy,
    computedAt: 1,
    previous: {},
  });
  const root = document.createElement('div');
  const { top, neighbours } = views!.today;
  render(<Leaderboard top={top} neighbours={neighbours} locale="es" />, root);
  return [...root.querySelectorAll('li')].map((li) =>
    li.classList.contains('board-gap') ? '…' : li.textContent,
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(messages(catalogue('es')));
});

describe('the short leaderboard', () => {
  it('lists every tied row that shows the same name and points', () => {
    const points = { a: 900, m1: 800, m2: 800, m3: 800, m4: 800, me: 500, b: 400, c: 300 };
    const names = {
      a: 'Ana Gómez',
      m1: 'María García',
      m2: 'María Gil',
      m3: 'María Gómez',
      m4: 'María Guzmán',
      me: 'Zoe Ruiz',
      b: 'Beto Ruiz',
      c: 'Carla Díaz',
    };
    expect(shown(points, names, 'initial')).toEqual([
      '#1Ana G.900',
      '#2María G.800',
      '#2María G.800',
      '#2María G.800',
      '#2María G.800',
      '#6Zoe Ruiz (tú)500',
      '#7Beto R.400',
      '#8Carla D.300',
    ]);
    // Anonymous rows of one tie are identical too.
    expect(shown(points, names, 'anonymous').filter((l) => l?.startsWith('#2'))).toHaveLength(4);
  });

  it('marks the places left out when the first neighbour shares its rank with them', () => {
    const points = { a: 900, b: 800, c: 700, d: 600, e: 600, f: 600, g: 600, me: 500, h: 400 };
    const names = Object.fromEntries(Object.keys(points).map((id) => [id, id.toUpperCase()]));
    // Places 4 and 5 (D and E, both #4) are left out between the top and the neighbours.
    expect(shown(points, names, 'full')).toEqual([
      '#1A900',
      '#2B800',
      '#3C700',
      '…',
      '#4F600',
      '#4G600',
      '#8ME (tú)500',
      '#9H400',
    ]);
  });
});

describe('mergeBoard', () => {
  const row = (index: number | undefined, rank: number, points: number): BoardRow => ({
    rank,
    points,
    name: null,
    isMe: false,
    ...(index === undefined ? {} : { index }),
  });
  it('merges rows by their place, and rows stored without it by what they show', () => {
    const top = [row(0, 1, 9), row(1, 2, 8), row(2, 2, 8)];
    const neighbours = [row(2, 2, 8), row(3, 2, 8), row(4, 5, 7)];
    expect(mergeBoard(top, neighbours).map((l) => (l === 'gap' ? l : l.index))).toEqual([
      0, 1, 2, 3, 4,
    ]);
    // An older version's views, until the next sync rebuilds them.
    const old = [row(undefined, 1, 9), row(undefined, 2, 8), row(undefined, 3, 7)];
    expect(mergeBoard(old, [row(undefined, 3, 7), row(undefined, 4, 6)])).toHaveLength(4);
    expect(mergeBoard(old, [row(undefined, 9, 1)])[3]).toBe('gap');
  });
});
