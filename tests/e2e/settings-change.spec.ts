/**
 * Changing working settings, and forgetting them: what the settings page does when a new token or
 * server fails (the working ones are kept, and the agent is told beside the field), a paste that
 * carries invisible characters, another operation's server, and "Forget everything", including
 * while a test is still running.
 */
import type { Page, Worker } from '@playwright/test';
import { addDays, firstOfMonth } from '../../utils/periods';
import { middleAgent } from './expected';
import { expect, SERVER, test, TOKEN } from './fixtures';
import {
  configure,
  dumpIndexedDb,
  fireAlarmAndSettle,
  localStorageArea,
  patchSettings,
  syncStateOf,
} from './helpers';

/** Fill the connection form and press "Save and test". */
async function saveAndTest(options: Page, server: string, token: string) {
  await options.getByTestId('server-input').fill(server);
  await options.getByTestId('token-input').fill(token);
  await options.getByTestId('save-settings').click();
}

/** The saved server and whether a token is kept (a wiped browser has no settings at all). */
const settingsOf = async (page: Page) => {
  const settings = (await localStorageArea(page)).settings as
    { server: string | null; hasToken: boolean } | undefined;
  return { server: settings?.server ?? null, hasToken: settings?.hasToken ?? false };
};

declare const chrome: { alarms: { getAll(): Promise<{ name: string }[]> } };
const alarms = (worker: Worker) => worker.evaluate(() => chrome.alarms.getAll());

test('a wrong new token is said beside the token field, and the working one keeps syncing', async ({
  sim,
  openPage,
  worker,
}) => {
  const options = await openPage('options.html');
  await configure(options, middleAgent(sim.operation));
  await options.reload();

  await saveAndTest(options, SERVER, 'not-the-token');
  const field = options.getByTestId('token-input');
  await expect(options.getByTestId('token-error')).toHaveText(/^wolkvox rechazó el token\./);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  await expect(options.getByTestId('settings-kept')).toHaveText(
    'Se mantuvo la configuración que ya funcionaba.',
  );
  // Said once, beside the field: no banner repeats it, and nothing says the sync is stopped.
  await expect(options.getByTestId('sync-error')).toHaveCount(0);
  expect(await syncStateOf(options)).toMatchObject({ lastError: null, stoppedFor: null });

  const before = sim.log.length;
  await fireAlarmAndSettle(worker);
  expect(sim.log.length).toBeGreaterThan(before);
  expect(sim.log.at(-1)).toMatchObject({ status: 200, token: 'valid' });
});

test('a new server that does not answer keeps the working one, and says so', async ({
  sim,
  openPage,
}) => {
  const options = await openPage('options.html');
  await configure(options, middleAgent(sim.operation));
  await options.reload();

  sim.setFault({ kind: '5xx', status: 503 });
  await saveAndTest(options, 'wv0033', TOKEN);
  await expect(options.getByTestId('connection-error')).toHaveText(
    'El servidor de wolkvox tuvo un error. Podio lo intentará de nuevo más tarde. Se mantuvo la configuración que ya funcionaba.',
  );
  sim.setFault(null);
  expect(sim.log.at(-1)).toMatchObject({ host: 'wv0033.wolkvox.com', status: 503 });
  expect(await settingsOf(options)).toMatchObject({ server: SERVER, hasToken: true });
  expect(await syncStateOf(options)).toMatchObject({ lastError: null, backoffLevel: 0 });
});

test('a token pasted with an invisible character connects; one with a space is refused unsent', async ({
  sim,
  openPage,
}) => {
  const options = await openPage('options.html');
  await saveAndTest(options, SERVER, 'demo to\u200bken');
  await expect(options.getByTestId('token-error')).toHaveText(
    'Este token tiene espacios u otros caracteres que un token de wolkvox no lleva. Cópialo de nuevo desde wolkvox Manager.',
  );
  await expect(options.getByTestId('token-input')).toBeFocused();
  expect(sim.log).toHaveLength(0);

  // A zero-width space and a direction mark, as chats and documents add them.
  await saveAndTest(options, SERVER, `\u200e${TOKEN}\u200b`);
  await expect(options.getByTestId('connection-status')).toHaveText(
    `Conectado: ${sim.operation.agents.length} agentes`,
  );
  await expect(options.getByTestId('token-error')).toHaveCount(0);
  expect(sim.log.at(-1)).toMatchObject({ status: 200, token: 'valid' });
});

test('another operation’s server: its days are fetched whole, not mixed with the old ones', async ({
  sim,
  openPage,
}) => {
  const options = await openPage('options.html');
  await configure(options, middleAgent(sim.operation));
  const today = sim.operation.today();
  const asked = sim.log.length;

  await saveAndTest(options, '0045', TOKEN);
  await expect(options.getByTestId('connection-status')).toContainText('Conectado');
  const days = new Set<string>();
  for (const entry of sim.log.slice(asked)) {
    expect(entry.host).toBe('wv0045.wolkvox.com');
    const from = entry.query.date_ini!.slice(0, 8);
    const to = entry.query.date_end!.slice(0, 8);
    for (const d of [from, to]) days.add(d);
  }
  // The month to date comes from the new server (the old server's stored days are gone).
  expect([...days].sort()[0]! <= firstOfMonth(today)).toBe(true);
  expect(await settingsOf(options)).toMatchObject({ server: '0045', hasToken: true });
  // An extension number there is somebody else's: the agent chooses themselves again.
  expect((await localStorageArea(options)).settings).toMatchObject({ agentId: null });
});

test('"Forget everything" leaves nothing, even while a "Save and test" is still running', async ({
  sim,
  openPage,
  worker,
}) => {
  const options = await openPage('options.html');
  await configure(options, middleAgent(sim.operation));
  await options.reload();
  await expect(options.getByTestId('server-input')).toHaveValue(SERVER);

  // A slow answer: the test is still waiting when the agent forgets everything.
  sim.setFault({ kind: 'latency', ms: 2500, times: 1 });
  const asked = sim.log.length;
  await saveAndTest(options, SERVER, TOKEN);
  await expect(options.getByTestId('save-settings')).toHaveAttribute('aria-disabled', 'true');
  await options.getByTestId('forget').click();
  await options.getByTestId('forget-confirm').click();
  // The form starts over at once; the test's answer arrives after the wipe, and then whatever
  // the test would write has a moment to land.
  await expect(options.getByTestId('save-settings')).toHaveAttribute('aria-disabled', 'false');
  await expect.poll(() => sim.log.length, { timeout: 10_000 }).toBeGreaterThan(asked);
  await options.waitForTimeout(1000);

  expect(await settingsOf(options)).toMatchObject({ server: null, hasToken: false });
  const stored = await dumpIndexedDb(options);
  expect(stored.secrets, 'the token').toEqual([]);
  expect(stored.days).toEqual([]);
  expect(await alarms(worker)).toEqual([]);
  await expect(options.getByTestId('server-input')).toHaveValue('');
  await expect(options.getByTestId('connection-status')).toHaveText('');
});

test('another time zone for the operation: the past days are asked for again', async ({
  sim,
  openPage,
  worker,
}) => {
  const options = await openPage('options.html');
  await configure(options, middleAgent(sim.operation));
  const today = sim.operation.today();
  // Yesterday is not final before an hour into today (utils/sync/engine.ts): leave it out.
  const settled = addDays(today, -1);
  // What the engine plans from: the day index, final or not per stored day.
  const pastFinal = async () => {
    const index = await options.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('podio');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const get = db.transaction('meta').objectStore('meta').get('dayIndex');
      const value = await new Promise<Record<string, { final: boolean }>>((resolve) => {
        get.onsuccess = () => resolve(get.result as Record<string, { final: boolean }>);
      });
      db.close();
      return value;
    });
    return Object.entries(index)
      .filter(([date]) => date < settled)
      .map(([, status]) => status.final);
  };
  expect(new Set(await pastFinal())).toEqual(new Set([true]));

  await patchSettings(options, { timeZone: 'America/Lima' });
  await expect.poll(async () => new Set(await pastFinal())).toEqual(new Set([false]));
  const asked = sim.log.length;
  await fireAlarmAndSettle(worker);
  const days = sim.log.slice(asked).map((e) => e.query.date_ini!.slice(0, 8));
  expect(days.some((d) => d < settled)).toBe(true);
  expect(new Set(await pastFinal())).toEqual(new Set([true]));
});

test('"Forget everything" during the very first "Save and test" leaves nothing and no "Connected"', async ({
  sim,
  openPage,
  worker,
}) => {
  const options = await openPage('options.html');
  sim.setFault({ kind: 'latency', ms: 2500, times: 1 });
  await saveAndTest(options, SERVER, TOKEN);
  await expect(options.getByTestId('save-settings')).toHaveAttribute('aria-disabled', 'true');
  await options.getByTestId('forget').click();
  await options.getByTestId('forget-confirm').click();
  // The test's answer arrives after the wipe; the form then starts over.
  await expect.poll(() => sim.log.length, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(options.getByTestId('save-settings')).toHaveAttribute('aria-disabled', 'false');
  await expect(options.getByTestId('connection-status')).toHaveText('');
  await expect(options.getByTestId('token-input')).toHaveValue('');
  expect(await settingsOf(options)).toMatchObject({ server: null, hasToken: false });
  expect((await dumpIndexedDb(options)).secrets, 'the token').toEqual([]);
  expect(await alarms(worker)).toEqual([]);
});
