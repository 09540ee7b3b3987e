import { describedBy, Field } from '@/components/Field';
import { t } from '@/utils/i18n';
import { dayKeyOf } from '@/utils/periods';
import { saveSettings } from '@/utils/hooks/saveSettings';
import { useSaveStatus } from '@/utils/hooks/useSaveStatus';
import { useStorageItem } from '@/utils/hooks/useStorageItem';
import { useManaged } from '@/utils/hooks/useManaged';
import { badgePrefsItem, effectiveTimeZone, type Settings } from '@/utils/settings';

/** The console badge on or off, and a way back when it was hidden for today. */
export function BadgeField(props: { settings: Settings; now: number }) {
  const { settings } = props;
  const prefs = useStorageItem(badgePrefsItem);
  const [status, track] = useSaveStatus();
  const managed = useManaged('badgeEnabled');
  const hiddenToday =
    prefs?.hiddenOn != null && prefs.hiddenOn === dayKeyOf(props.now, effectiveTimeZone(settings));

  const showAgain = async () => {
    const current = await badgePrefsItem.getValue();
    await badgePrefsItem.setValue({ ...current, hiddenOn: null });
  };

  return (
    <>
      <Field id="badge" label={t('badgeLabel')} status={status} inline managed={managed}>
        <input
          disabled={managed}
          id="badge"
          type="checkbox"
          data-testid="badge-toggle"
          checked={settings.badgeEnabled}
          aria-describedby={describedBy('badge')}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            track(
              Promise.all([saveSettings({ badgeEnabled: on }), on && hiddenToday && showAgain()]),
            );
          }}
        />
      </Field>
      {settings.badgeEnabled && hiddenToday && (
        <span class="badge-hidden" data-testid="badge-hidden-today">
          {t('badgeHiddenToday')}{' '}
          <button type="button" class="btn link" onClick={() => track(showAgain())}>
            {t('badgeShowAgain')}
          </button>
        </span>
      )}
    </>
  );
}
