import { describedBy, Field } from '@/components/Field';
import { t } from '@/utils/i18n';
import { saveSettings } from '@/utils/hooks/saveSettings';
import { useSaveStatus } from '@/utils/hooks/useSaveStatus';
import type { Settings } from '@/utils/settings';

/** Rank alerts on or off: off until the agent asks for them. */
export function AlertsField(props: { settings: Settings }) {
  const [status, track] = useSaveStatus();
  return (
    <Field id="alerts" label={t('alertsLabel')} hint={t('alertsHint')} status={status} inline>
      <input
        id="alerts"
        type="checkbox"
        data-testid="alerts-toggle"
        // Settings saved before alerts existed have no value: off.
        checked={props.settings.alertsEnabled === true}
        aria-describedby={describedBy('alerts')}
        onChange={(e) => track(saveSettings({ alertsEnabled: e.currentTarget.checked }))}
      />
    </Field>
  );
}
