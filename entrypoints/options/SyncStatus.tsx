import { formatNumber, formatWhen, relativeTime } from '@/utils/format';
import { t } from '@/utils/i18n';
import { dayKeyOf } from '@/utils/periods';
import { effectiveTimeZone, type Schedule, type Settings, type SyncState } from '@/utils/settings';

interface Props {
  settings: Settings;
  syncState: SyncState;
  schedule: Schedule | undefined;
  locale: string;
  now: number;
}

/** Calls used today against the cap, and when Podio last synced and will sync next. */
export function SyncStatus(props: Props) {
  const { settings, syncState, schedule, locale, now } = props;
  const today = dayKeyOf(now, effectiveTimeZone(settings));
  const used = syncState.usageDay === today ? syncState.usageCalls : 0;
  const when = (at: number) => `${formatWhen(at, now, locale)} (${relativeTime(at, now, locale)})`;
  // `now` ticks every 30 s: a sync that just ended must not read as "in less than a minute".
  const last = syncState.lastSuccessAt;
  // A stopping error waits for new settings; the daily limit waits for the operation's midnight.
  const paused = syncState.pausedUntil !== null && syncState.pausedUntil > now;
  const connected = settings.server !== null && settings.hasToken;
  const next =
    !connected || syncState.stoppedFor
      ? null
      : paused
        ? syncState.pausedUntil
        : (schedule?.nextSyncAt ?? null);
  return (
    <section class="card" aria-labelledby="status-title">
      <h2 id="status-title">{t('statusTitle')}</h2>
      <ul class="facts">
        <li data-testid="usage-today">
          {t('usageToday', formatNumber(used, locale), formatNumber(settings.dailyCap, locale))}
          <meter min={0} max={settings.dailyCap} value={used} aria-hidden="true" />
        </li>
        <li data-testid="last-sync">
          {t('lastSync', last === null ? t('never') : when(Math.min(last, now)))}
        </li>
        <li data-testid="next-sync">
          {t('nextSync', next === null || next < now ? t('notScheduled') : when(next))}
        </li>
      </ul>
    </section>
  );
}
