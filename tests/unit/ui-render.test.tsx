import { render } from 'preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { renderBadge } from '../../entrypoints/agentbox.content/view';
import { Body } from '../../entrypoints/popup/Body';
import { HistoryChart } from '../../components/HistoryChart';
import { sparklinePath } from '../../components/Sparkline';
import { badgeFace, type FaceContext } from '../../utils/badge-face';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import type { BoardRow, PeriodView, Views } from '../../utils/views';
import { catalogue, messages } from './catalogue';

const getMessage = messages(catalogue('en'));

const row = (rank: number, points: number, name: string | null, isMe = false): BoardRow => ({
  rank,
  points,
  name,
  isMe,
});
const kpis = {
  points: 1234,
  hits: 4,
  calls: 31,
  ahtSec: 361,
  acwSec: 13,
  occupancy: 35,
  loginSec: 25_500,
};
const view: PeriodView = {
  period: 'today',
  window: { from: '20250314', to: '20250314' },
  count: 57,
  rank: 6,
  kpis,
  movement: 2,
  gapToNext: 123,
  leadOverNext: 45,
  top: [row(1, 3000, 'Ana P.'), row(2, 2500, null), row(3, 2000, 'Luz M.')],
  neighbours: [
    row(4, 1500, 'B'),
    row(5, 1356, '<img src=x onerror=alert(1)>'),
    row(6, 1234, 'Me', true),
    row(7, 1189, null),
  ],
};
const views: Views = {
  agentId: '101',
  name: 'Me',
  privacy: 'full',
  computedAt: Date.now(),
  today: view,
  week: { ...view, period: 'week', rank: 1, gapToNext: null, movement: null },
  month: { ...view, period: 'month', kpis: { ...kpis, points: 0, loginSec: 0 } },
  sparkline: [
    { date: '20250313', points: 10 },
    { date: '20250314', points: null },
  ],
};

let root: HTMLElement;
const byId = (id: string) => root.querySelector(`[data-testid="${id}"]`);
const settings = { ...DEFAULT_SETTINGS, server: '0032', hasToken: true, agentId: '101' };
const body = (over: Partial<Parameters<typeof Body>[0]>) =>
  render(
    <Body
      settings={settings}
      syncError={null}
      refreshError={null}
      views={views}
      period="today"
      locale="en-US"
      onPeriod={() => {}}
      onSettings={() => {}}
      {...over}
    />,
    root,
  );

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(getMessage);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  root = document.createElement('div');
});

describe('popup body', () => {
  it('shows rank, count, points, gaps and movement', () => {
    body({});
    expect(byId('rank')?.textContent).toBe('6');
    expect(byId('agent-count')?.textContent).toBe('57');
    expect(byId('points')?.textContent).toBe('1,234');
    expect(byId('gap-to-next')?.textContent).toBe('123 pts to pass #5');
    expect(byId('lead-over-next')?.textContent).toBe('45 pts ahead of #7');
    expect(byId('movement')?.textContent).toBe('▲2');
    expect(byId('kpi-aht')?.textContent).toBe('06:01');
    expect(byId('kpi-login')?.textContent).toBe('7:05');
    expect(byId('period-today')?.getAttribute('aria-selected')).toBe('true');
  });

  it('says "point" for exactly one, in the lead and beside the points', () => {
    const close = {
      ...view,
      kpis: { ...kpis, points: 1 },
      gapToNext: 2,
      leadOverNext: 1,
      neighbours: [row(4, 4, 'B'), row(5, 2, 'C'), row(6, 1, 'Me', true), row(7, 0, null)],
    };
    body({ views: { ...views, today: close } });
    expect(byId('gap-to-next')?.textContent).toBe('2 pts to pass #5');
    expect(byId('lead-over-next')?.textContent).toBe('1 point ahead of #7');
    expect(byId('points')?.parentElement?.textContent).toBe('1 point');
    const two = {
      ...close,
      kpis: { ...kpis, points: 2 },
      gapToNext: 3,
      leadOverNext: 2,
      neighbours: [row(4, 5, 'B'), row(5, 4, 'C'), row(6, 2, 'Me', true), row(7, 0, null)],
    };
    body({ views: { ...views, today: two } });
    expect(byId('gap-to-next')?.textContent).toBe('3 pts to pass #5');
    expect(byId('lead-over-next')?.textContent).toBe('2 pts ahead of #7');
    expect(byId('points')?.parentElement?.textContent).toBe('2 pts');
  });

  it('lists the top and the neighbours, names as text and hidden ones as "Agent at #N"', () => {
    body({});
    const rows = [...root.querySelectorAll('[data-testid="leaderboard-row"]')];
    expect(rows.map((r) => r.querySelector('.board-rank')?.textContent)).toEqual([
      '#1',
      '#2',
      '#3',
      '#4',
      '#5',
      '#6',
      '#7',
    ]);
    expect(rows[1]?.textContent).toContain('Agent at #2');
    expect(rows[4]?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(root.querySelector('img')).toBeNull();
    expect(rows[5]?.classList.contains('me')).toBe(true);
  });

  it('says when the agent leads, and when nothing happened yet', () => {
    body({ period: 'week' });
    expect(byId('gap-to-next')).toBeNull();
    expect(byId('first-place')).not.toBeNull();
    expect(byId('movement')).toBeNull();
    body({ period: 'month' });
    expect(byId('state-no-activity')?.textContent).toBe('No activity yet this month.');
  });

  it('keeps the figures under a failed sync, and names the cause', () => {
    body({ syncError: 'bad-token' });
    expect(byId('sync-error')?.textContent).toContain('wolkvox rejected the token');
    expect(byId('rank')?.textContent).toBe('6');
  });

  it('asks to set up, then to choose the agent', () => {
    body({ settings: DEFAULT_SETTINGS, views: null });
    expect(byId('state-not-configured')).not.toBeNull();
    body({ settings: { ...settings, agentId: null }, views: null });
    expect(byId('state-no-agent')).not.toBeNull();
  });
});

describe('console badge', () => {
  const context: FaceContext = {
    period: 'today',
    locale: 'es',
    staleAt: Date.now() + 60_000,
    day: '20250314',
    dayEnds: Date.now() + 3_600_000,
    timeZone: null,
  };
  const fresh = { stale: false, expanded: false };
  const actions = {
    onToggle: () => {},
    onHide: () => {},
    onPointerDown: () => {},
    onPointerMove: () => {},
    onPointerUp: () => {},
  };
  it('shows rank and points in a pill, the details when expanded', () => {
    const face = badgeFace(view, context);
    root.replaceChildren(...renderBadge(face, fresh, actions));
    expect(byId('badge-rank')?.textContent).toBe('6');
    expect(byId('badge-points')?.textContent).toBe('1.234');
    expect(root.querySelector('.mv')?.className).toBe('mv pos');
    expect(root.querySelector('.dot')).toBeNull();
    expect(byId('badge-details')).toBeNull();
    root.replaceChildren(...renderBadge(face, { ...fresh, expanded: true }, actions));
    expect(byId('badge-gap')?.textContent).toBe('123 pts to pass #5');
    expect(byId('badge-lead')?.textContent).toBe('45 pts ahead of #7');
    expect(byId('badge-details')?.textContent).toContain('Agent at #7');
    expect(root.querySelector('li.me')?.textContent).toBe('#6Me1.234');
  });

  it('marks stale figures with a dot, in the spoken summary and in the details', () => {
    const face = badgeFace(view, context);
    root.replaceChildren(...renderBadge(face, { stale: true, expanded: true }, actions));
    expect(root.querySelector('.dot')?.getAttribute('title')).toBe('Figures out of date');
    expect(root.querySelector('.sr')?.textContent).toMatch(/Show details\. Figures out of date\.$/);
    expect(root.querySelector('.stale')?.textContent).toBe('Figures out of date');
  });

  it('renders a hostile name as text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const rows = view.neighbours.map((r) => (r.isMe ? r : { ...r, name: hostile }));
    const face = badgeFace({ ...view, neighbours: rows }, context);
    root.replaceChildren(...renderBadge(face, { ...fresh, expanded: true }, actions));
    expect(root.querySelector('img')).toBeNull();
    expect(byId('badge-details')?.textContent).toContain(hostile);
  });
});

describe('sparkline', () => {
  it('breaks the line where a day is missing', () => {
    const d = sparklinePath([10, 20, null, 5, null, null, 8], 60, 44);
    expect(d.match(/M/g)).toHaveLength(3);
    expect(d).toMatch(/h0\.1$/);
  });
});

describe('history chart', () => {
  it('names its best day in its label, "1 point" when that is all', () => {
    const chart = (points: number[]) => {
      const days = points.map((p, i) => ({
        ...kpis,
        date: `2025031${i}`,
        points: p,
        rank: 1,
        count: 1,
      }));
      render(<HistoryChart days={days} locale="en-US" />, root);
      return root.querySelector('[data-testid="history-chart"]')?.getAttribute('aria-label');
    };
    expect(chart([0, 1, 0])).toMatch(/the best, 1 point on /);
    expect(chart([0, 7, 12])).toMatch(/the best, 12 points on /);
  });

  it('names no best day when no day has points', () => {
    const days = [0, 0, 0].map((points, i) => ({ ...kpis, date: `2025031${i}`, points, rank: 1 }));
    render(<HistoryChart days={days.map((d) => ({ ...d, count: 1 }))} locale="en-US" />, root);
    const label = root.querySelector('[data-testid="history-chart"]')?.getAttribute('aria-label');
    expect(label).toBe('Points per day from Mar 10, 2025 to Mar 12, 2025; no points on any day.');
  });
});
