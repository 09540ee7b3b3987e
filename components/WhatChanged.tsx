import { formatHourMin, formatSigned, movementText, relativeTime } from '@/utils/format';
import type { Changes } from '@/utils/changes';
import { t } from '@/utils/i18n';

/** "Since your last look": what the period gained, shown once; only the figures that moved. */
export function WhatChanged(props: {
  changes: Changes;
  now: number;
  locale: string;
  onDismiss: () => void;
}) {
  const { changes: c, locale } = props;
  const login = `${c.loginSec < 0 ? '−' : '+'}${formatHourMin(Math.abs(c.loginSec))}`;
  const spokenPlaces = c.places > 0 ? t('movementUp', c.places) : t('movementDown', -c.places);
  const items: [id: string, delta: number, label: string, value: string, spoken?: string][] = [
    ['points', c.points, t('changePoints'), formatSigned(c.points, locale)],
    ['hits', c.hits, t('kpiHits'), formatSigned(c.hits, locale)],
    ['calls', c.calls, t('kpiCalls'), formatSigned(c.calls, locale)],
    ['login', Math.trunc(c.loginSec / 60), t('kpiLogin'), login],
    ['places', c.places, t('changePlaces'), movementText(c.places), spokenPlaces],
  ];
  return (
    <section class="what-changed" data-testid="what-changed" aria-labelledby="what-changed-title">
      <div class="what-changed-head">
        <h2 id="what-changed-title" class="section-title">
          {t('whatChangedTitle', relativeTime(Math.min(c.since, props.now), props.now, locale))}
        </h2>
        <button
          type="button"
          class="btn link"
          data-testid="what-changed-dismiss"
          aria-label={t('whatChangedDismiss')}
          title={t('whatChangedDismiss')}
          onClick={props.onDismiss}
        >
          ✕
        </button>
      </div>
      <dl class="what-changed-list">
        {items
          .filter(([, delta]) => delta !== 0)
          .map(([id, , label, value, spoken]) => (
            <div key={id}>
              <dt>{label}</dt>
              <dd data-testid={`changed-${id}`}>
                <span aria-hidden={spoken ? 'true' : undefined}>{value}</span>
                {spoken && <span class="sr-only">{spoken}</span>}
              </dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
