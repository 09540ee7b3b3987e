import { movementText } from '@/utils/format';
import { t } from '@/utils/i18n';

/** ▲2 / ▼1 / = beside the rank, spelled out for screen readers; nothing without a baseline. */
export function Movement(props: { value: number | null }) {
  const { value } = props;
  if (value === null) return null;
  const cls = value > 0 ? 'up' : value < 0 ? 'down' : 'muted';
  const spoken =
    value > 0 ? t('movementUp', value) : value < 0 ? t('movementDown', -value) : t('movementSame');
  return (
    <span class={`movement ${cls}`} title={t('movementHint')}>
      <span data-testid="movement" aria-hidden="true">
        {movementText(value)}
      </span>
      <span class="sr-only">{spoken}</span>
    </span>
  );
}
