import type { JSX } from 'preact';
import { PERIODS, type PeriodKind } from '@/utils/model';
import { PERIOD_LABEL_KEYS, t } from '@/utils/i18n';

/** Today / This week / This month as tabs; arrow keys move between them. */
export function PeriodTabs(props: { value: PeriodKind; onChange: (p: PeriodKind) => void }) {
  const onKeyDown = (e: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const i = PERIODS.indexOf(props.value);
    const next = PERIODS[(i + step + PERIODS.length) % PERIODS.length]!;
    props.onChange(next);
    e.currentTarget.querySelector<HTMLElement>(`[data-period="${next}"]`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={t('periodLabel')} onKeyDown={onKeyDown}>
      {PERIODS.map((p) => (
        <button
          key={p}
          type="button"
          role="tab"
          class="tab"
          data-period={p}
          data-testid={`period-${p}`}
          aria-selected={p === props.value}
          tabIndex={p === props.value ? 0 : -1}
          onClick={() => props.onChange(p)}
        >
          {t(PERIOD_LABEL_KEYS[p])}
        </button>
      ))}
    </div>
  );
}
