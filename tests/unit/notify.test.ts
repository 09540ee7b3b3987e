import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { INITIAL_ALERT_STATE, THROTTLE_MS, type AlertState } from '../../utils/alerts';
import { DEFAULT_SETTINGS, alertStateItem, settingsItem } from '../../utils/settings';
import { ALERT_ID, FLUSH_ALARM, forgetAlerts, registerAlertFlush } from '../../utils/sync/notify';
import { catalogue, messages } from './catalogue';

// 10:00 in Bogotá on 2026-11-24.
const NOW = Date.UTC(2026, 10, 24, 15, 0);
const TODAY = '20261124';
const MIN = 60_000;
const settings = {
  ...DEFAULT_SETTINGS,
  server: '0032',
  hasToken: true,
  agentId: '101',
  privacy: 'full' as const,
  timeZone: 'America/Bogota',
  alertsEnabled: true,
};
/** Agent 101 fell from #9 to #11, passed by two colleagues named in full, 10 minutes ago. */
const held: AlertState = {
  lastNotifiedAt: NOW - THROTTLE_MS,
  lastSyncDay: TODAY,
  period: 'today',
  pending: {
    from: 9,
    to: 11,
    names: ['Beto Ruiz Díaz', 'Carla Díaz'],
    others: 0,
    since: NOW - 10 * MIN,
    privacy: 'full',
    agentId: '101',
  },
};

const create = vi.fn(async (_id: string, _options: { message: string }) => ALERT_ID);
const clear = vi.fn(async (_id: string) => true);
const flush = () => fakeBrowser.alarms.onAlarm.trigger({ name: FLUSH_ALARM, scheduledTime: NOW });
const told = () => create.mock.calls.map(([, options]) => options.message);

beforeEach(async () => {
  fakeBrowser.reset();
  vi.clearAllMocks();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  Object.assign(fakeBrowser.notifications, { create, clear });
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(messages(catalogue('en')));
  await settingsItem.setValue(settings);
  await alertStateItem.setValue(held);
  registerAlertFlush();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the alerts flush', () => {
  it('names nobody the privacy setting now hides', async () => {
    await settingsItem.setValue({ ...settings, privacy: 'anonymous' });
    await flush();
    expect(told()).toHaveLength(1);
    expect(told()[0]).not.toContain('Beto');
    expect(told()[0]).not.toContain('Carla');
    expect(told()[0]).toContain('2');
  });

  it('tells nothing held for the agent chosen before', async () => {
    await settingsItem.setValue({ ...settings, agentId: '202' });
    await flush();
    expect(told()).toEqual([]);
    expect((await alertStateItem.getValue()).pending).toBeNull();
  });

  it('drops what it held while alerts were off: turned on again, they stay untold', async () => {
    await settingsItem.setValue({ ...settings, alertsEnabled: false });
    await flush();
    expect((await alertStateItem.getValue()).pending).toBeNull();
    await settingsItem.setValue(settings);
    await flush();
    expect(told()).toEqual([]);
  });
});

describe('forgetAlerts', () => {
  it('clears the flush alarm, what is held and the alert on screen', async () => {
    await fakeBrowser.alarms.create(FLUSH_ALARM, { when: NOW + MIN });
    await forgetAlerts();
    expect(await fakeBrowser.alarms.get(FLUSH_ALARM)).toBeUndefined();
    expect(clear).toHaveBeenCalledWith(ALERT_ID);
    expect(await alertStateItem.getValue()).toEqual(INITIAL_ALERT_STATE);
  });

  it('forgets even where the browser refuses to clear notifications', async () => {
    clear.mockRejectedValueOnce(new Error('no such notification'));
    await expect(forgetAlerts()).resolves.toBeUndefined();
    expect(await alertStateItem.getValue()).toEqual(INITIAL_ALERT_STATE);
  });
});
