/**
 * The Firefox build in Firefox ESR, as an agent installs it from addons.mozilla.org: the options
 * page opens by itself, the agent connects and finds themselves, and the popup and the console badge
 * show their rank; a rejected token is explained in the browser's language. Its own launcher
 * (tests/e2e/firefox.ts): Playwright's Chromium fixtures are not used here.
 */
import { test as base, expect } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:net';
import { dirname } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startSimulator, type Simulator } from '../../scripts/simulator/server';
import { digits, expected, middleAgent } from './expected';
import { advanceUntilMoved } from './helpers';
import { SERVER, TIME_ZONE, TOKEN } from './fixtures';
import {
  FIREFOX,
  FIREFOX_FOUND,
  GECKO_ID,
  hasLanguagePack,
  extensionTab,
  firefoxScreenshot,
  firefoxWithPolicies,
  launchFirefox,
  startWolkvoxProxy,
  textOf,
} from './firefox';

interface Fixtures {
  uiLocale: string;
  /** An organisation's policies.json for this Firefox, or null for none. */
  policies: object | null;
  sim: Simulator;
  firefox: Browser;
  /** The options tab Podio opened on install. */
  options: Page;
}

const test = base.extend<Fixtures>({
  uiLocale: ['es-MX', { option: true }],
  policies: [null, { option: true }],
  sim: async ({}, use) => {
    const sim = await startSimulator({ agents: 60, seed: 7, timeZone: TIME_ZONE });
    await use(sim);
    await sim.close();
  },
  firefox: async ({ sim, uiLocale, policies }, use) => {
    // CI installs Firefox ESR and the es-MX language pack (.ci/run): there, missing ones fail.
    test.skip(
      !(FIREFOX_FOUND && hasLanguagePack(uiLocale)) && !process.env.CI,
      `needs Firefox ESR at ${FIREFOX} with its ${uiLocale} UI: apt-get install firefox-esr firefox-esr-l10n-es-mx`,
    );
    const proxy: Server = await startWolkvoxProxy(sim.port);
    let executable: string | undefined;
    try {
      executable = policies ? await firefoxWithPolicies(policies) : undefined;
      const port = (proxy.address() as { port: number }).port;
      const browser = await launchFirefox(port, uiLocale, executable);
      try {
        await use(browser);
      } finally {
        await browser.close();
      }
    } finally {
      proxy.close();
      if (executable) await rm(dirname(executable), { recursive: true, force: true });
    }
  },
  options: async ({ firefox }, use) => {
    await use(await extensionTab(firefox, 'options.html'));
  },
});

/** The WebExtension API in a Podio page in Firefox: what these tests call of it. */
interface PageApi {
  storage: Record<'local' | 'sync', { get(keys: null): Promise<object> }>;
  tabs: { create(properties: { url: string }): Promise<unknown> };
  alarms: { create(name: string, info: { when: number }): Promise<void> };
  /** Firefox's build is MV2: the toolbar button is browserAction, not action. */
  browserAction: Record<'getBadgeText' | 'getTitle', (details: object) => Promise<string>>;
}

/** The toolbar button's badge text and title, as Firefox shows them. */
const toolbar = (page: Page) =>
  page.evaluate(async () => {
    const { browserAction } = (globalThis as unknown as { browser: PageApi }).browser;
    return { text: await browserAction.getBadgeText({}), title: await browserAction.getTitle({}) };
  });

/** Click an element by its test id once it is there, as the agent would. */
async function press(page: Page, testId: string, count = 1) {
  await page.waitForSelector(`[data-testid="${testId}"]`);
  await page.click(`[data-testid="${testId}"]`, { count });
}

/** Replace what a field holds by typing. */
async function fill(page: Page, testId: string, text: string) {
  await press(page, testId, 3);
  await page.type(`[data-testid="${testId}"]`, text);
}

/** The toolbar popup, opened in a tab of its own (from one of Podio's pages) at its usual size. */
async function openPopup(firefox: Browser, from: Page): Promise<Page> {
  await from.evaluate(() =>
    (globalThis as unknown as { browser: PageApi }).browser.tabs.create({ url: 'popup.html' }),
  );
  const popup = await extensionTab(firefox, 'popup.html');
  await popup.setViewport({ width: 400, height: 650 });
  return popup;
}

const badgeText = (page: Page, testId: string) =>
  page.evaluate(
    (id) =>
      document
        .querySelector('podio-badge')
        ?.shadowRoot?.querySelector(`[data-testid="${id}"]`)
        ?.textContent?.trim() ?? null,
    testId,
  );

test('Firefox: connect, find yourself, and see your rank in the popup and on the console', async ({
  sim,
  firefox,
  options,
  uiLocale,
}) => {
  const op = sim.operation;
  await expect.poll(() => options.title()).toBe('Ajustes de Podio');

  await fill(options, 'server-input', SERVER);
  await fill(options, 'token-input', TOKEN);
  await press(options, 'save-settings');
  await expect
    .poll(() => textOf(options, '[data-testid="connection-status"]'))
    .toBe(`Conectado: ${op.agents.length} agentes`);
  // What wolkvox received: the real host, the documented query, the saved token.
  expect(sim.log.length).toBeGreaterThan(0);
  for (const call of sim.log) {
    expect(call).toMatchObject({ host: 'wv0032.wolkvox.com', token: 'valid', status: 200 });
    expect(call.query.api).toBe('agents_kpi');
  }

  const me = middleAgent(op);
  const name = op.agents.find((a) => a.id === me)!.name;
  await fill(options, 'agent-search', me);
  await press(options, `agent-option-${me}`);
  await expect
    .poll(() => textOf(options, '[data-testid="agent-selected"]'))
    // The name sits in first-strong isolates (U+2068 … U+2069), as the sentence shows it.
    .toBe(`Eres \u2068${name}\u2069 (extensión ${me}).`);
  // Content scripts can read storage.local and storage.sync: the token is in neither.
  const readable = await options.evaluate(async () => {
    const { storage } = (globalThis as unknown as { browser: PageApi }).browser;
    return JSON.stringify([await storage.local.get(null), await storage.sync.get(null)]);
  });
  expect(readable).not.toContain(TOKEN);
  await firefoxScreenshot(options, uiLocale, 'options');

  // The toolbar popup, in a tab of its own.
  const popup = await openPopup(firefox, options);
  const want = expected(op, me, 'today');
  await expect.poll(() => textOf(popup, '[data-testid="rank"]')).toBe(String(want.rank));
  expect(await textOf(popup, '[data-testid="agent-count"]')).toBe(String(want.count));
  expect(await textOf(popup, '.board-row.me')).toContain(name);
  await firefoxScreenshot(popup, uiLocale, 'popup');
  // The toolbar button carries the rank, and its title says it in words.
  await expect.poll(async () => (await toolbar(options)).text).toBe(String(want.rank));
  expect((await toolbar(options)).title).toContain(`Podio: #${want.rank} de ${want.count} · `);

  // The console badge shows the same figures…
  const agentbox = await firefox.newPage();
  await agentbox.goto('https://agentbox.wolkvox.com/');
  await expect.poll(() => badgeText(agentbox, 'badge-rank')).toBe(String(want.rank));
  expect(digits(await badgeText(agentbox, 'badge-points'))).toBe(String(want.points));
  await firefoxScreenshot(agentbox, uiLocale, 'agentbox');

  // …and follows a refresh from the popup without the console being reloaded.
  await agentbox.evaluate(() => Object.assign(window, { podioTestMarker: true }));
  const after = advanceUntilMoved(sim, me);
  expect(after.points).toBeGreaterThan(want.points);
  await press(popup, 'refresh');
  await expect
    .poll(async () => digits(await badgeText(agentbox, 'badge-points')), { timeout: 20_000 })
    .toBe(String(after.points));
  expect(await badgeText(agentbox, 'badge-rank')).toBe(String(after.rank));
  expect(await agentbox.evaluate(() => 'podioTestMarker' in window)).toBe(true);
  await expect
    .poll(async () => digits(await textOf(popup, '[data-testid="points"]')))
    .toBe(String(after.points));
  expect(await textOf(popup, '[data-testid="rank"]')).toBe(String(after.rank));

  // The scheduled update: Podio's alarm, fired now, syncs in Firefox's background page too.
  const scheduled = advanceUntilMoved(sim, me);
  expect(scheduled.points).toBeGreaterThan(after.points);
  const calls = sim.log.length;
  await options.evaluate(() =>
    (globalThis as unknown as { browser: PageApi }).browser.alarms.create('podio-sync', {
      when: Date.now(),
    }),
  );
  await expect
    .poll(async () => digits(await badgeText(agentbox, 'badge-points')), { timeout: 20_000 })
    .toBe(String(scheduled.points));
  expect(sim.log.length).toBeGreaterThan(calls);
  expect(await agentbox.evaluate(() => 'podioTestMarker' in window)).toBe(true);
});

test.describe('in English', () => {
  test.use({ uiLocale: 'en-US' });

  test('Firefox: a rejected token is explained, and the right one then connects', async ({
    sim,
    options,
  }) => {
    await expect.poll(() => options.title()).toBe('Podio settings');
    await fill(options, 'server-input', `https://wv${SERVER}.wolkvox.com/`);
    await fill(options, 'token-input', 'not-the-token');
    await press(options, 'save-settings');
    // Said beside the token field, where the next one is pasted, and not again in a banner.
    await expect
      .poll(() => textOf(options, '[data-testid="token-error"]'))
      .toBe(
        'wolkvox rejected the token. Ask your administrator for a new one in wolkvox Manager → Configuration → Integrations → Tokens.',
      );
    expect(await textOf(options, '[data-testid="sync-error"]')).toBeNull();
    expect(sim.log.map((c) => c.token)).toEqual(['invalid']);
    // The page never learns the token, saved or not.
    expect(await options.evaluate(() => document.body.innerText)).not.toContain('not-the-token');

    await fill(options, 'token-input', TOKEN);
    await press(options, 'save-settings');
    await expect
      .poll(() => textOf(options, '[data-testid="connection-status"]'))
      .toBe(`Connected: ${sim.operation.agents.length} agents`);
    // The banner follows the stored sync state, which may land just after the reply.
    await expect.poll(() => textOf(options, '[data-testid="sync-error"]')).toBeNull();
  });
});

/**
 * The Firefox policies.json of docs/admin.md, as printed there, with the placeholders filled in.
 * Its ExtensionSettings part is left out: it installs Podio from addons.mozilla.org, which these
 * tests cannot reach (they install the build instead).
 */
async function adminGuidePolicies(token: string): Promise<object> {
  const guide = await readFile('docs/admin.md', 'utf8');
  const firefox = guide.slice(guide.indexOf('\n## Firefox\n'));
  const json = /```json\n([\s\S]*?)\n```/.exec(firefox)![1]!;
  const { policies } = JSON.parse(
    json.replaceAll('<GECKO_ID>', GECKO_ID).replaceAll('<TOKEN>', token),
  ) as { policies: Record<string, unknown> };
  expect(Object.keys(policies).sort()).toEqual(['3rdparty', 'ExtensionSettings']);
  delete policies.ExtensionSettings;
  return { policies };
}

test.describe('deployed by policy', () => {
  test.use({ policies: async ({}, use) => use(await adminGuidePolicies(TOKEN)) });

  test('Firefox: the admin guide’s policies.json sets and locks Podio’s connection', async ({
    sim,
    firefox,
    options,
    uiLocale,
  }) => {
    const op = sim.operation;
    // The organisation's values, shown as theirs and not editable (the page may still be loading
    // the settings or the list of locked ones: everything is read at once, until it all holds).
    const form = () =>
      options.evaluate(() => {
        const field = (id: string) =>
          document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`);
        return {
          server: field('server-input')?.value,
          interval: field('interval-select')?.value,
          disabled: ['server-input', 'token-input', 'interval-select', 'privacy-select'].filter(
            (id) => field(id)?.disabled,
          ),
          note: field('server-managed')?.textContent,
        };
      });
    await expect.poll(form).toEqual({
      server: SERVER,
      interval: '10',
      disabled: ['server-input', 'token-input', 'interval-select', 'privacy-select'],
      note: 'Definido por tu organización',
    });
    await firefoxScreenshot(options, uiLocale, 'options-policy');

    // Nobody typed the token: the policy's works.
    await press(options, 'save-settings');
    await expect
      .poll(() => textOf(options, '[data-testid="connection-status"]'))
      .toBe(`Conectado: ${op.agents.length} agentes`);
    expect(sim.log.length).toBeGreaterThan(0);
    expect(sim.log.filter((c) => c.token !== 'valid')).toEqual([]);

    // The agent still finds themselves (the guide's agentIdRule is "none")…
    const me = middleAgent(op);
    await fill(options, 'agent-search', me);
    await press(options, `agent-option-${me}`);
    const popup = await openPopup(firefox, options);
    const want = expected(op, me, 'today');
    await expect.poll(() => textOf(popup, '[data-testid="rank"]')).toBe(String(want.rank));
    // …and sees colleagues by first name and initial only (the guide's "privacy": "initial").
    const name = op.agents.find((a) => a.id === me)!.name;
    expect(await textOf(popup, '.board-row.me')).toContain(name);
    const others = await popup.$$eval('.board-row:not(.me)', (rows) =>
      rows.map((r) => r.textContent ?? ''),
    );
    expect(others.length).toBeGreaterThan(0);
    const fullNames = op.agents.filter((a) => a.id !== me).map((a) => a.name);
    for (const row of others) {
      expect(row).toMatch(/\p{Lu}\./u);
      expect(
        fullNames.filter((n) => row.includes(n)),
        row,
      ).toEqual([]);
    }
    await firefoxScreenshot(popup, uiLocale, 'popup-policy');
  });
});
