import type { JSX } from 'preact';
import { Bests } from '@/components/Bests';
import { ErrorBanner } from '@/components/ErrorBanner';
import { KpiGrid } from '@/components/KpiGrid';
import { Leaderboard } from '@/components/Leaderboard';
import { PeriodTabs } from '@/components/PeriodTabs';
import { RankCard } from '@/components/RankCard';
import { Sparkline } from '@/components/Sparkline';
import { WhatChanged } from '@/components/WhatChanged';
import type { Changes } from '@/utils/changes';
import { formatWeekDay } from '@/utils/format';
import { byCount, PERIOD_LABEL_KEYS, t, type FailureKind } from '@/utils/i18n';
import type { DayKey, PeriodKind } from '@/utils/model';
import type { Settings } from '@/utils/settings';
import { pastPeriodEnd, type Views } from '@/utils/views';

interface Props {
  settings: Settings;
  syncError: FailureKind | null;
  refreshError: FailureKind | null;
  /** The figures are older than three sync intervals. */
  stale?: boolean;
  /** Days of the chosen period that a sync has not got yet (a past window that failed). */
  missingDays?: number;
  /** The operation's current day: figures of a period already over are labelled with their day. */
  today?: DayKey;
  views: Views | null;
  period: PeriodKind;
  locale: string;
  onPeriod: (p: PeriodKind) => void;
  onSettings: () => void;
  /** What changed since the popup last showed this period; null when nothing to tell. */
  changes?: Changes | null;
  now?: number;
  onDismissChanges?: () => void;
  historyHref?: string;
  onHistory?: (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => void;
}

const NO_ACTIVITY_KEYS: Record<PeriodKind, string> = {
  today: 'noActivityToday',
  week: 'noActivityWeek',
  month: 'noActivityMonth',
};

const PAST_FIGURES_KEYS: Record<PeriodKind, string> = {
  today: 'pastFiguresToday',
  week: 'pastFiguresWeek',
  month: 'pastFiguresMonth',
};

function State(props: {
  id: string;
  title: string;
  body: string;
  action?: string;
  onAction?: () => void;
}) {
  return (
    <section class="state" data-testid={props.id}>
      <h1 class="state-title">{props.title}</h1>
      <p class="muted">{props.body}</p>
      {props.action && (
        <button type="button" class="btn primary" onClick={props.onAction}>
          {props.action}
        </button>
      )}
    </section>
  );
}

/** What the popup shows above its status line, for each state the agent can be in. */
export function Body(props: Props) {
  const { settings, views, period, locale } = props;
  if (settings.server === null || !settings.hasToken) {
    return (
      <State
        id="state-not-configured"
        title={t('notConfiguredTitle')}
        body={t('notConfiguredBody')}
        action={t('openSettings')}
        onAction={props.onSettings}
      />
    );
  }
  // A failed refresh that the sync state does not already report (e.g. the background is gone).
  const extraError = props.refreshError !== props.syncError ? props.refreshError : null;
  const missing = props.missingDays ?? 0;
  // At the top, where they are seen: the popup is capped at 600 px, and the footer is below it.
  const banners = (
    <>
      {props.syncError && <ErrorBanner kind={props.syncError} />}
      {extraError && <ErrorBanner kind={extraError} testId="refresh-error" />}
      {props.stale && (
        <p class="banner warn" data-testid="stale">
          {t('staleWarning')}
        </p>
      )}
      {missing > 0 && (
        <p class="banner warn" data-testid="missing-days">
          {t(byCount(missing, 'missingDaysOne', 'missingDays'), missing)}
        </p>
      )}
    </>
  );
  if (settings.agentId === null) {
    return (
      <>
        {banners}
        <State
          id="state-no-agent"
          title={t('noAgentTitle')}
          body={t('noAgentBody')}
          action={t('chooseAgent')}
          onAction={props.onSettings}
        />
      </>
    );
  }
  const view = views?.[period];
  const active = view !== undefined && (view.kpis.points > 0 || view.kpis.loginSec > 0);
  // Until the first sync after midnight, the stored figures are the day's (week's…) just ended.
  const pastEnd = view && props.today ? pastPeriodEnd(view, props.today) : null;
  return (
    <>
      {banners}
      {!views || !view ? (
        <p class="state muted" data-testid="state-no-views">
          {t('noViewsBody')}
        </p>
      ) : (
        <>
          <PeriodTabs value={period} onChange={props.onPeriod} />
          <div class="period" role="tabpanel" aria-label={t(PERIOD_LABEL_KEYS[period])}>
            {pastEnd ? (
              <p class="banner info" data-testid="past-figures">
                {t(PAST_FIGURES_KEYS[period], formatWeekDay(pastEnd, locale))}
              </p>
            ) : (
              // "No activity yet today" speaks of today: not of the past figures above.
              !active && (
                <p class="banner info" data-testid="state-no-activity">
                  {t(NO_ACTIVITY_KEYS[period])}
                </p>
              )
            )}
            {props.changes && (
              <WhatChanged
                changes={props.changes}
                now={props.now ?? Date.now()}
                locale={locale}
                onDismiss={props.onDismissChanges ?? (() => undefined)}
              />
            )}
            <RankCard view={view} locale={locale} />
            {active && <KpiGrid kpis={view.kpis} locale={locale} />}
            <Sparkline days={views.sparkline} locale={locale} />
            <Leaderboard top={view.top} neighbours={view.neighbours} locale={locale} />
          </div>
          {views.bests && (
            <Bests
              bests={views.bests}
              locale={locale}
              historyHref={props.historyHref}
              onHistory={props.onHistory}
            />
          )}
        </>
      )}
    </>
  );
}
