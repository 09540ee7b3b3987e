import type { JSX } from 'preact';
import { adjacentRanks, formatNumber, movementText } from '@/utils/format';
import { PERIOD_LABEL_KEYS, t } from '@/utils/i18n';
import type { PeriodKind } from '@/utils/model';
import type { PeriodView } from '@/utils/views';

type Handler<E extends Event> = (e: E) => void;

export interface BadgeProps {
  view: PeriodView;
  period: PeriodKind;
  stale: boolean;
  expanded: boolean;
  /** Where the agent dragged it (px from the top left); null for the bottom-left corner. */
  x: number | null;
  y: number | null;
  locale: string;
  onToggle: () => void;
  onHide: () => void;
  onPointerDown: Handler<JSX.TargetedPointerEvent<HTMLButtonElement>>;
  onPointerMove: Handler<PointerEvent>;
  onPointerUp: Handler<PointerEvent>;
}

/** The console badge: a pill "#3 · 1.234 pts ▲1" that opens to the gaps and the neighbours. */
export function Badge(p: BadgeProps) {
  const v = p.view;
  const n = (x: number) => formatNumber(x, p.locale);
  const pts = n(v.kpis.points);
  const move = movementText(v.movement);
  const { above, below } = adjacentRanks(v);
  const placed = p.x !== null && p.y !== null;
  // Keep a dragged badge on screen when the window shrinks.
  const style = placed
    ? `left:${Math.max(0, Math.min(p.x!, innerWidth - 60))}px;top:${Math.max(0, Math.min(p.y!, innerHeight - 36))}px`
    : 'left:16px;bottom:16px';
  // The details open towards the middle of the window.
  const cls = `podio${!placed || p.y! > innerHeight / 2 ? ' up' : ''}${placed && p.x! > innerWidth / 2 ? ' end' : ''}`;
  return (
    <div
      class={cls}
      style={style}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !p.expanded) return;
        e.currentTarget.querySelector<HTMLElement>('.pill')?.focus();
        p.onToggle();
      }}
    >
      <button
        type="button"
        class="pill"
        aria-expanded={p.expanded}
        aria-label={`${t('badgeSummary', v.rank, v.count, pts)}${p.stale ? ` ${t('badgeStale')}.` : ''}`}
        title={t('badgeDrag')}
        onClick={p.onToggle}
        onPointerDown={p.onPointerDown}
        onPointerMove={p.onPointerMove}
        onPointerUp={p.onPointerUp}
        onPointerCancel={p.onPointerUp}
      >
        <span>
          #<b data-testid="badge-rank">{v.rank}</b>
        </span>
        <span aria-hidden="true">·</span>
        <span>
          <b data-testid="badge-points">{pts}</b> {t('pointsUnit')}
        </span>
        {move && (
          <span class={v.movement! > 0 ? 'mv pos' : v.movement! < 0 ? 'mv neg' : 'mv'}>{move}</span>
        )}
        {p.stale && <span class="dot" title={t('badgeStale')} />}
      </button>
      {p.expanded && (
        <div class="details" data-testid="badge-details">
          <p class="head">
            {t(PERIOD_LABEL_KEYS[p.period])} · #{v.rank} {t('rankOf')} {v.count}
          </p>
          {v.gapToNext !== null ? (
            <p data-testid="badge-gap">{t('gapToNext', n(v.gapToNext), above)}</p>
          ) : (
            v.rank === 1 && <p>{t('firstPlace')}</p>
          )}
          {v.leadOverNext !== null && (
            <p data-testid="badge-lead">{t('leadOverNext', n(v.leadOverNext), below)}</p>
          )}
          <ol>
            {v.neighbours.map((r, i) => (
              <li key={i} class={r.isMe ? 'me' : undefined}>
                <span>#{r.rank}</span>
                <span class="name">{r.name ?? t('agentAtRank', r.rank)}</span>
                <span>{n(r.points)}</span>
              </li>
            ))}
          </ol>
          {p.stale && <p class="stale">{t('badgeStale')}</p>}
          <button type="button" class="hide" data-testid="badge-hide" onClick={p.onHide}>
            {t('badgeHide')}
          </button>
        </div>
      )}
    </div>
  );
}
