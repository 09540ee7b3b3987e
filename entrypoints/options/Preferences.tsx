import { describedBy, Field } from '@/components/Field';
import { t } from '@/utils/i18n';
import type { PrivacyMode } from '@/utils/model';
import { saveSettings } from '@/utils/hooks/saveSettings';
import { useSaveStatus } from '@/utils/hooks/useSaveStatus';
import { INTERVALS, type IntervalMin, type Settings } from '@/utils/settings';
import { AlertsField } from './AlertsField';
import { BadgeField } from './BadgeField';
import { LATAM_TIME_ZONES, zoneLabel } from './timezones';
import { useManaged } from '@/utils/hooks/useManaged';

const PRIVACY: [PrivacyMode, string][] = [
  ['full', 'privacyFull'],
  ['initial', 'privacyInitial'],
  ['anonymous', 'privacyAnonymous'],
  ['own', 'privacyOwn'],
];

const AUTO = '';

/** Interval, time zone, leaderboard privacy and the console badge: each saved on change. */
export function Preferences(props: { settings: Settings; locale: string; now: number }) {
  const { settings, locale, now } = props;
  const [intervalStatus, trackInterval] = useSaveStatus();
  const [zoneStatus, trackZone] = useSaveStatus();
  const [privacyStatus, trackPrivacy] = useSaveStatus();
  const managed = {
    interval: useManaged('intervalMin'),
    zone: useManaged('timeZone'),
    privacy: useManaged('privacy'),
  };
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones: readonly string[] =
    settings.timeZone === null || LATAM_TIME_ZONES.some((z) => z === settings.timeZone)
      ? LATAM_TIME_ZONES
      : [settings.timeZone, ...LATAM_TIME_ZONES];

  return (
    <section class="card" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('prefsTitle')}</h2>
      <Field
        id="interval"
        label={t('intervalLabel')}
        status={intervalStatus}
        managed={managed.interval}
      >
        <select
          disabled={managed.interval}
          id="interval"
          data-testid="interval-select"
          value={String(settings.intervalMin)}
          aria-describedby={describedBy('interval')}
          onChange={(e) => {
            const min = Number(e.currentTarget.value) as IntervalMin;
            if (INTERVALS.includes(min)) trackInterval(saveSettings({ intervalMin: min }));
          }}
        >
          {INTERVALS.map((min) => (
            <option key={min} value={String(min)}>
              {t('intervalOption', min)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="timezone" label={t('timezoneLabel')} status={zoneStatus} managed={managed.zone}>
        <select
          disabled={managed.zone}
          id="timezone"
          data-testid="timezone-select"
          value={settings.timeZone ?? AUTO}
          aria-describedby={describedBy('timezone')}
          onChange={(e) => {
            const zone = e.currentTarget.value;
            trackZone(saveSettings({ timeZone: zone === AUTO ? null : zone }));
          }}
        >
          <option value={AUTO}>{t('timezoneAuto', browserZone)}</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zoneLabel(zone, locale, now)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="privacy"
        label={t('privacyLabel')}
        status={privacyStatus}
        managed={managed.privacy}
      >
        <select
          disabled={managed.privacy}
          id="privacy"
          data-testid="privacy-select"
          value={settings.privacy}
          aria-describedby={describedBy('privacy')}
          onChange={(e) => {
            const mode = e.currentTarget.value as PrivacyMode;
            if (PRIVACY.some(([m]) => m === mode)) trackPrivacy(saveSettings({ privacy: mode }));
          }}
        >
          {PRIVACY.map(([mode, key]) => (
            <option key={mode} value={mode}>
              {t(key)}
            </option>
          ))}
        </select>
      </Field>
      <BadgeField settings={settings} now={now} />
      <AlertsField settings={settings} />
    </section>
  );
}
