import { formatNumber, mergeBoard } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { BoardRow } from '@/utils/views';

/** A board row's name: as given, or "Agent at #N" where privacy hides it. Always plain text. */
export function rowName(row: BoardRow): string {
  return row.name ?? t('agentAtRank', row.rank);
}

/** The top three and the agent's neighbours, the agent highlighted. */
export function Leaderboard(props: { top: BoardRow[]; neighbours: BoardRow[]; locale: string }) {
  const lines = mergeBoard(props.top, props.neighbours);
  return (
    <section class="board" aria-labelledby="board-title">
      <h2 id="board-title" class="section-title">
        {t('leaderboardTitle')}
      </h2>
      {props.top.length === 0 && <p class="muted">{t('leaderboardOwnOnly')}</p>}
      <ol class="board-rows">
        {lines.map((line, i) =>
          line === 'gap' ? (
            <li key={`gap${i}`} class="board-gap" aria-label={t('leaderboardGap')}>
              …
            </li>
          ) : (
            <li
              key={`${line.rank}-${i}`}
              class={line.isMe ? 'board-row me' : 'board-row'}
              data-testid="leaderboard-row"
              aria-current={line.isMe ? 'true' : undefined}
            >
              <span class="board-rank">#{line.rank}</span>
              <span class="board-name">
                {rowName(line)}
                {line.isMe && <span class="muted"> ({t('you')})</span>}
              </span>
              <span class="board-points">{formatNumber(line.points, props.locale)}</span>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
