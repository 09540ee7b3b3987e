/**
 * Playwright fixtures: a wolkvox simulator and a fresh Chromium profile with the built extension,
 * the real wolkvox hosts mapped to the simulator, so the code under test is the code that ships.
 */
import { test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIME_ZONE, launchBrowser, serviceWorker, settleInstall } from '../../scripts/chromium';
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../scripts/simulator/server';

export const TOKEN = 'demo-token';
export const SERVER = '0032';
export { TIME_ZONE };

interface Fixtures {
  simOptions: SimulatorOptions;
  lang: string;
  sim: Simulator;
  profile: string;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Open one of the extension's pages (popup.html, options.html). */
  openPage: (path: string) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  simOptions: [{}, { option: true }],
  lang: ['es', { option: true }],
  sim: async ({ simOptions }, use) => {
    const sim = await startSimulator({ agents: 60, seed: 7, timeZone: TIME_ZONE, ...simOptions });
    await use(sim);
    await sim.close();
  },
  profile: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'podio-profile-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  context: async ({ sim, profile, lang }, use) => {
    const context = await launchBrowser(profile, { port: sim.port, lang });
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    const worker = await serviceWorker(context);
    await settleInstall(context);
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  openPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },
});

export const expect = test.expect;
