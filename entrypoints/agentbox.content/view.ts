import { adjacentRanks, formatNumber, movementText } from '@/utils/format';
import { PERIOD_LABEL_KEYS, t } from '@/utils/i18n';
import type { PeriodKind } from '@/utils/model';
import type { PeriodView } from '@/utils/views';
import { h } from './dom';

export interface BadgeModel {
  view: PeriodView;
  period: PeriodKind;
  stale: boolean;
  expanded: boolean;
  locale: string;
  /** The points already formatted by the background, when it sent them. */
  pointsText?: string | null;
}

export interface BadgeActions {
  onToggle: () => void;
  onHide: () => void;
  onPointerDown: (e: PointerEvent) => void;
  onPointerMove: (e: PointerEvent) => void;
  onPointerUp: (e: PointerEvent) => void;
}

/** The console badge: a pill "#3 · 1.234 pts ▲1" that opens to the gaps and the neighbours. */
export function renderBadge(m: BadgeModel, a: BadgeActions): HTMLElement[] {
  const v = m.view;
  const n = (x: number) => formatNumber(x, m.locale);
  const pts = m.pointsText ?? n(v.kpis.points);
  const move = movementText(v.movement);
  const stale = m.stale ? t('badgeStale') : '';
  const moveClass = v.movement! > 0 ? 'mv pos' : v.movement! < 0 ? 'mv neg' : 'mv';
  const pill = h(
    'button',
    {
      type: 'button',
      class: 'pill',
      'aria-expanded': String(m.expanded),
      title: t('badgeDrag'),
      onclick: a.onToggle,
      onpointerdown: a.onPointerDown as EventListener,
      onpointermove: a.onPointerMove as EventListener,
      onpointerup: a.onPointerUp as EventListener,
      onpointercancel: a.onPointerUp as EventListener,
    },
    h('span', null, '#', h('b', { 'data-testid': 'badge-rank' }, v.rank)),
    h('span', { 'aria-hidden': 'true' }, '·'),
    h('span', null, h('b', { 'data-testid': 'badge-points' }, pts), ' ', t('pointsUnit')),
    move && h('span', { class: moveClass }, move),
    stale && h('span', { class: 'dot', title: stale }),
    // Read after the visible text, so the accessible name still starts with what is on screen.
    h(
      'span',
      { class: 'sr' },
      ` ${t('badgeSummary', v.rank, v.count, pts)}${stale && ` ${stale}.`}`,
    ),
  );
  if (!m.expanded) return [pill];

  const { above, below } = adjacentRanks(v);
  const details = h(
    'div',
    { class: 'details', 'data-testid': 'badge-details' },
    h(
      'p',
      { class: 'head' },
      `${t(PERIOD_LABEL_KEYS[m.period])} · #${v.rank} ${t('rankOf')} ${v.count}`,
    ),
    v.gapToNext !== null
      ? h('p', { 'data-testid': 'badge-gap' }, t('gapToNext', n(v.gapToNext), above))
      : v.rank === 1 && h('p', null, t('firstPlace')),
    v.leadOverNext !== null &&
      h('p', { 'data-testid': 'badge-lead' }, t('leadOverNext', n(v.leadOverNext), below)),
    h(
      'ol',
      null,
      ...v.neighbours.map((r) =>
        h(
          'li',
          { class: r.isMe ? 'me' : null },
          h('span', null, `#${r.rank}`),
          h('span', { class: 'name' }, r.name ?? t('agentAtRank', r.rank)),
          h('span', null, n(r.points)),
        ),
      ),
    ),
    stale && h('p', { class: 'stale' }, stale),
    h(
      'button',
      { type: 'button', class: 'hide', 'data-testid': 'badge-hide', onclick: a.onHide },
      t('badgeHide'),
    ),
  );
  return [pill, details];
}
