import { formatWhen, relativeTime } from '@/utils/format';
import { t } from '@/utils/i18n';

interface Props {
  computedAt: number | null;
  now: number;
  busy: boolean;
  locale: string;
  onRefresh: () => void;
  onSettings: () => void;
}

/** When the figures were fetched, the refresh button and the way to settings. */
export function StatusLine(props: Props) {
  const { computedAt, now, locale } = props;
  return (
    <footer class="status">
      <div class="status-row">
        <span
          class="muted"
          data-testid="last-updated"
          title={computedAt === null ? undefined : formatWhen(computedAt, now, locale)}
        >
          {computedAt === null
            ? t('notUpdatedYet')
            : t('lastUpdated', relativeTime(Math.min(computedAt, now), now, locale))}
        </span>
        <span class="status-actions">
          <button
            type="button"
            class="btn"
            data-testid="refresh"
            // Not `disabled`: that would drop keyboard focus while the sync runs.
            onClick={props.busy ? undefined : props.onRefresh}
            aria-disabled={props.busy}
            aria-busy={props.busy}
          >
            {props.busy && <span class="spinner" aria-hidden="true" />}
            {props.busy ? t('refreshing') : t('refresh')}
          </button>
          <button
            type="button"
            class="btn link"
            data-testid="open-settings"
            onClick={props.onSettings}
          >
            {t('settings')}
          </button>
        </span>
      </div>
    </footer>
  );
}
