/** Rank alerts in the browser: run after a sync stored new leaderboards; the logic is utils/alerts.ts. */
import { browser } from 'wxt/browser';
import {
  decideAlert,
  diffBoards,
  flushAt,
  type AlertEvent,
  type AlertScope,
  type AlertState,
  type Message,
} from '../alerts';
import type { BoardRecord } from '../db';
import { PERIOD_LABEL_KEYS, t } from '../i18n';
import type { DayKey, PeriodKind } from '../model';
import { dayKeyOf } from '../periods';
import {
  alertStateItem,
  effectiveTimeZone,
  periodItem,
  settingsItem,
  type Settings,
} from '../settings';

/** One notification id: a newer alert replaces the one still on screen. */
export const ALERT_ID = 'podio-rank';
/** A one-shot alarm at the throttle's end, to tell what it held back without waiting for a sync. */
export const FLUSH_ALARM = 'podio-alerts';

export interface AlertInput {
  previous: Partial<Record<PeriodKind, BoardRecord>>;
  boards: readonly BoardRecord[];
  names: ReadonlyMap<string, string>;
  settings: Settings;
  now: number;
  today: DayKey;
}

/** Compare the chosen period's boards for the agent, and notify when the throttle allows. */
export async function alertStep(input: AlertInput): Promise<void> {
  const { settings } = input;
  const period = await periodItem.getValue();
  const prev = input.previous[period];
  const next = input.boards.find((b) => b.period === period);
  let events: AlertEvent[] = [];
  // Boards of different windows (a new week, say) are different contests: nobody "passed" anyone.
  if (prev && next && settings.agentId !== null && prev.window.from === next.window.from) {
    events = diffBoards(
      prev.entries,
      next.entries,
      settings.agentId,
      input.names,
      settings.privacy,
    );
  }
  const scope = scopeOf(settings, period);
  await decideAndTell(await alertStateItem.getValue(), events, input.now, input.today, scope);
}

/** The settings a held change must still match to be told. */
function scopeOf(settings: Settings, period: PeriodKind): AlertScope {
  return { period, agentId: settings.agentId, privacy: settings.privacy };
}

/**
 * Decide, keep the new state, set the alarm for what the throttle holds back, and notify when the
 * decision says so.
 */
async function decideAndTell(
  state: AlertState,
  events: AlertEvent[],
  now: number,
  today: DayKey,
  scope: AlertScope,
) {
  const decision = decideAlert(state, events, now, today, scope);
  await alertStateItem.setValue(decision.state);
  const flush = flushAt(decision.state);
  if (flush !== null) await browser.alarms.create(FLUSH_ALARM, { when: flush });
  if (decision.notify) await notify(scope.period, decision.notify);
}

async function notify(period: PeriodKind, lines: Message[]) {
  await browser.notifications.create(ALERT_ID, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('alertTitle', t(PERIOD_LABEL_KEYS[period])),
    message: lines.map((m) => t(m.key, ...m.subs)).join('\n'),
  });
}

/**
 * At the throttle's end, tell what it held back (grouped), unless the day changed meanwhile; what
 * was seen for another agent or period, or named colleagues the privacy setting now hides, is
 * dropped or counted (decideAlert). With alerts turned off, what was held is dropped: turned on
 * again later, they must not bring back changes from before.
 */
export function registerAlertFlush(): void {
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== FLUSH_ALARM) return;
    const settings = await settingsItem.getValue();
    const state = await alertStateItem.getValue();
    if (!settings.alertsEnabled) {
      if (state.pending !== null) await alertStateItem.setValue({ ...state, pending: null });
      return;
    }
    const now = Date.now();
    const today = dayKeyOf(now, effectiveTimeZone(settings));
    // Past midnight the held changes are yesterday's news, and only a sync may start the day.
    if (state.lastSyncDay !== today) return;
    await decideAndTell(state, [], now, today, scopeOf(settings, await periodItem.getValue()));
  });
}

/**
 * For "Forget everything": nothing held may be told after it, and an alert still on screen (it
 * can name colleagues) goes with the rest.
 */
export async function forgetAlerts(): Promise<void> {
  await Promise.all([
    browser.alarms.clear(FLUSH_ALARM),
    alertStateItem.removeValue(),
    // No notification on screen, or none the browser lets us clear: nothing to forget there.
    browser.notifications.clear(ALERT_ID).catch(() => false),
  ]);
}

/** A click on an alert opens the popup where the browser allows it, else just dismisses it. */
export function registerAlertClicks(): void {
  browser.notifications.onClicked.addListener((id) => {
    if (id !== ALERT_ID) return;
    void browser.notifications.clear(id);
    // Chrome 127+ opens the popup from here; Firefox wants a user action and refuses: then the
    // alert has done its job by being read.
    const action = browser.action ?? browser.browserAction;
    void action?.openPopup().catch(() => undefined);
  });
}
