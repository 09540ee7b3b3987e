/**
 * The console badge draws from the figures the background keeps for it in storage.local: it needs
 * no running service worker, the stored copy follows the privacy setting and the browser's
 * language, and it holds what the badge shows and nothing else.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchBrowser, serviceWorker, settleInstall } from '../../scripts/chromium';
import type { BadgeFaceRecord } from '../../utils/badge-face';
import { digits, expected, grouped, middleAgent, population } from './expected';
import { TOKEN, expect, test } from './fixtures';
import {
  configure,
  deferAlarm,
  localStorageArea,
  openConsole,
  patchSettings,
  send,
} from './helpers';

/** The badge's stored copy, read raw from storage.local as the content script reads it. */
async function storedFace(page: Page): Promise<BadgeFaceRecord | undefined> {
  return (await localStorageArea(page)).badgeFace as BadgeFaceRecord | undefined;
}

test('the badge draws its figures with the service worker stopped, and does not wake it', async ({
  sim,
  context,
  worker,
  openPage,
}) => {
  const me = middleAgent(sim.operation);
  const options = await openPage('options.html');
  await configure(options, me);
  await deferAlarm(worker);
  const want = expected(sim.operation, me, 'today');
  await expect.poll(async () => (await storedFace(options))?.face?.rank).toBe(want.rank);

  // The worker's running status, as DevTools sees it.
  const cdp = await context.newCDPSession(options);
  let status = '';
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    status = (versions as { runningStatus: string }[])[0]?.runningStatus ?? status;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => status).toBe('stopped');

  const agentbox = await openConsole(context);
  await expect(agentbox.getByTestId('badge-rank')).toHaveText(String(want.rank));
  expect(digits(await agentbox.getByTestId('badge-points').textContent())).toBe(
    String(want.points),
  );
  await agentbox.waitForTimeout(500);
  expect(status, 'the badge woke the worker').toBe('stopped');
  // What would have woken it: a message, as the badge used to send.
  await send(options, { type: 'getBadge' });
  expect(status).toBe('running');
  await cdp.detach();
});

test('the stored copy follows the privacy setting and holds only what the badge shows', async ({
  sim,
  context,
  openPage,
}) => {
  const op = sim.operation;
  const me = middleAgent(op);
  const myName = op.agents.find((a) => a.id === me)!.name;
  const colleagues = population(op, 'today', me)
    .filter((t) => t.id !== me)
    .map((t) => t.name);
  const options = await openPage('options.html');
  await configure(options, me);
  const agentbox = await openConsole(context);
  await agentbox.getByTestId('badge-rank').click();
  const names = (record: BadgeFaceRecord | undefined) => record?.face?.rows.map((r) => r.name);

  await expect
    .poll(async () => names(await storedFace(options))?.filter((n) => colleagues.includes(n)))
    .toHaveLength(4);
  await patchSettings(options, { privacy: 'anonymous' });
  await expect
    .poll(async () =>
      names(await storedFace(options))?.filter((n) => /^Agente en el #\d+$/.test(n)),
    )
    .toHaveLength(4);
  expect(names(await storedFace(options))).toContain(myName);
  await expect(agentbox.getByTestId('badge-details')).not.toContainText(colleagues[0]!);
  await patchSettings(options, { privacy: 'own' });
  await expect.poll(async () => names(await storedFace(options))).toEqual([myName]);
  await expect(agentbox.getByTestId('badge-details').locator('li')).toHaveCount(1);

  const record = (await storedFace(options))!;
  expect(Object.keys(record).sort()).toEqual(['face', 'lang']);
  expect(Object.keys(record.face!).sort()).toEqual(
    [
      'day',
      'dayEnds',
      'lines',
      'move',
      'points',
      'rank',
      'rows',
      'staleAt',
      'text',
      'timeZone',
      'trend',
    ].sort(),
  );
  expect(JSON.stringify(record)).not.toContain(TOKEN);
});

/** Launch Chromium in `lang` on `profile` with the extension copied to `dir`. */
async function launchIn(profile: string, port: number, dir: string, lang: string) {
  const context = await launchBrowser(profile, { port, extensionDir: dir, lang });
  const worker = await serviceWorker(context);
  await settleInstall(context);
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  const open = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`${origin}/${path}`);
    return page;
  };
  return { context, worker, open };
}

test('after a restart in another language the badge speaks the new one', async ({
  sim,
  profile,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'podio-build-'));
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const me = middleAgent(sim.operation);
  const want = expected(sim.operation, me, 'today');
  let context: BrowserContext | null = null;
  try {
    const es = await launchIn(profile, sim.port, dir, 'es');
    context = es.context;
    const options = await es.open('options.html');
    await configure(options, me);
    await expect
      .poll(async () => (await storedFace(options))?.face?.text.drag)
      .toBe('Arrastra para mover');
    await context.close();

    const en = await launchIn(profile, sim.port, dir, 'en');
    context = en.context;
    const agentbox = await openConsole(context);
    await expect(agentbox.locator('podio-badge .pill')).toHaveAttribute('title', 'Drag to move');
    await expect(agentbox.getByTestId('badge-points')).toHaveText(grouped(want.points, ','));
    const options2 = await en.open('options.html');
    await expect
      .poll(async () => (await storedFace(options2))?.face?.text.drag)
      .toBe('Drag to move');
  } finally {
    await context?.close();
    await rm(dir, { recursive: true, force: true });
  }
});
