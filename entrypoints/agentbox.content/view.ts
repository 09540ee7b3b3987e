import type { BadgeFace } from '@/utils/badge-face';
import { h } from './dom';

export interface BadgeState {
  stale: boolean;
  expanded: boolean;
}

export interface BadgeActions {
  onToggle: () => void;
  onHide: () => void;
  onPointerDown: (e: PointerEvent) => void;
  onPointerMove: (e: PointerEvent) => void;
  onPointerUp: (e: PointerEvent) => void;
}

/** The console badge: a pill "#3 · 1.234 pts ▲1" that opens to the gaps and the neighbours. */
export function renderBadge(f: BadgeFace, s: BadgeState, a: BadgeActions): HTMLElement[] {
  const stale = s.stale ? f.text.stale : '';
  const pill = h(
    'button',
    {
      type: 'button',
      class: 'pill',
      'aria-expanded': String(s.expanded),
      title: f.text.drag,
      onclick: a.onToggle,
      onpointerdown: a.onPointerDown as EventListener,
      onpointermove: a.onPointerMove as EventListener,
      onpointerup: a.onPointerUp as EventListener,
      onpointercancel: a.onPointerUp as EventListener,
    },
    h('span', null, '#', h('b', { 'data-testid': 'badge-rank' }, f.rank)),
    h('span', { 'aria-hidden': 'true' }, '·'),
    h('span', null, h('b', { 'data-testid': 'badge-points' }, f.points), ' ', f.text.unit),
    f.move && h('span', { class: f.trend ? `mv ${f.trend}` : 'mv' }, f.move),
    stale && h('span', { class: 'dot', title: stale }),
    // Read after the visible text, so the accessible name still starts with what is on screen.
    h('span', { class: 'sr' }, ` ${f.text.summary}${stale && ` ${stale}.`}`),
  );
  if (!s.expanded) return [pill];

  const details = h(
    'div',
    { class: 'details', 'data-testid': 'badge-details' },
    h('p', { class: 'head' }, f.text.head),
    ...f.lines.map((line) => h('p', { 'data-testid': line.id }, line.text)),
    h(
      'ol',
      null,
      ...f.rows.map((r) =>
        h(
          'li',
          { class: r.me ? 'me' : null },
          h('span', null, `#${r.rank}`),
          h('span', { class: 'name' }, r.name),
          h('span', null, r.points),
        ),
      ),
    ),
    stale && h('p', { class: 'stale' }, stale),
    h(
      'button',
      { type: 'button', class: 'hide', 'data-testid': 'badge-hide', onclick: a.onHide },
      f.text.hide,
    ),
  );
  return [pill, details];
}

/** A stand-in for the pill with its glyphs in its weights, laid out hidden before the figures. */
export function skeleton(): HTMLElement {
  return h('span', { class: 'pill' }, h('b', null, '#0▲▼='), '·pts');
}
